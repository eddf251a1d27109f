using System.Globalization;
using Dapper;
using Npgsql;

namespace Kapuas.Infrastructure.Hosting;

/// <summary>What the seed command asks the database: how many workers it holds, and how its demo job is doing.</summary>
public sealed class DemoSeedChecks(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource db = NpgsqlDataSource.Create(connectionString);

    public async Task<long> ParticipantsAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM app.participants");
    }

    /// <summary>Hangfire's state name of a job (Succeeded, Failed, ...), null while it has none.</summary>
    public async Task<string?> JobStateAsync(string jobId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT statename FROM hangfire.job WHERE id = @id",
            new { id = long.Parse(jobId, CultureInfo.InvariantCulture) });
    }

    /// <summary>Whether a demo job with these values is on record and did not fail (Hangfire keeps finished jobs for a day).</summary>
    public async Task<bool> SameDemoRanBeforeAsync(int workers, int seed)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM hangfire.job
                            WHERE invocationdata::text LIKE '%IDemoSeedJob%' AND coalesce(statename, '') NOT IN ('Failed', 'Deleted')
                              AND arguments::jsonb->>0 = @workers AND arguments::jsonb->>1 = @seed)
            """, new { workers = workers.ToString(CultureInfo.InvariantCulture), seed = seed.ToString(CultureInfo.InvariantCulture) });
    }

    public ValueTask DisposeAsync() => db.DisposeAsync();
}
