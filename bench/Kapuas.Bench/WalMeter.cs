using Npgsql;

namespace Kapuas.Bench;

/// <summary>What PostgreSQL wrote to its write-ahead log between two readings, and the checkpoints it made meanwhile.</summary>
internal sealed class WalMeter
{
    private readonly string connectionString;
    private (long Records, long FullPages, decimal Bytes, long Checkpoints, long Vacuums, long Analyzes) start;

    private WalMeter(string connectionString) => this.connectionString = connectionString;

    public static async Task<WalMeter> StartAsync(string connectionString)
    {
        var meter = new WalMeter(connectionString);
        meter.start = await meter.ReadAsync();
        return meter;
    }

    public async Task<string> ReportAsync(int items, string unit)
    {
        var end = await ReadAsync();
        var records = end.Records - start.Records;
        var fullPages = end.FullPages - start.FullPages;
        var bytes = end.Bytes - start.Bytes;
        return $"WAL during the run: {bytes / 1048576m:0} MiB ({bytes / Math.Max(1, items):0} bytes per {unit}), {records / (double)Math.Max(1, items):0.0} records " +
               $"and {fullPages / (double)Math.Max(1, items):0.00} full-page images per {unit}, {end.Checkpoints - start.Checkpoints} checkpoints; " +
               $"autovacuum {end.Vacuums - start.Vacuums} and autoanalyze {end.Analyzes - start.Analyzes} table runs in this database";
    }

    private async Task<(long Records, long FullPages, decimal Bytes, long Checkpoints, long Vacuums, long Analyzes)> ReadAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT w.wal_records, w.wal_fpi, w.wal_bytes, b.checkpoints_timed + b.checkpoints_req,
                   (SELECT coalesce(sum(autovacuum_count), 0)::bigint FROM pg_stat_all_tables),
                   (SELECT coalesce(sum(autoanalyze_count), 0)::bigint FROM pg_stat_all_tables)
            FROM pg_stat_wal w, pg_stat_bgwriter b
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetDecimal(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }
}
