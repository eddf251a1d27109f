using Npgsql;

namespace Kapuas.Bench;

/// <summary>Profile mode (<c>KAPUAS_BENCH_PROFILE=1</c>, set by bench/run.sh): PostgreSQL's statement counts.</summary>
internal static class StatementProfile
{
    /// <summary>In profile mode, starts the statement counts afresh, so that bench/run.sh prints the timed part's alone.</summary>
    public static async Task ResetAsync(string connectionString)
    {
        if (Environment.GetEnvironmentVariable("KAPUAS_BENCH_PROFILE") != "1")
        {
            return;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var reset = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
        await reset.ExecuteNonQueryAsync();
    }
}
