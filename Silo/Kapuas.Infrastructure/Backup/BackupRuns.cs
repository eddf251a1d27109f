using Dapper;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Kapuas.Infrastructure.Backup;

/// <summary>The backup job the silos run nightly (and the Sistem page may start at once).</summary>
public interface IBackupJob
{
    Task<string> RunAsync(string trigger, CancellationToken cancellationToken);
}

/// <summary>Where scheduled backups go: <c>KAPUAS_BACKUP_DIR</c>, else <c>backups/</c> in the data folder.</summary>
public static class BackupFolder
{
    public const string EnvironmentKey = "KAPUAS_BACKUP_DIR";

    public static string Path(IConfiguration configuration, string dataDirectory) =>
        System.IO.Path.GetFullPath(configuration[EnvironmentKey] is { Length: > 0 } configured ? configured : System.IO.Path.Combine(dataDirectory, "backups"));
}

/// <summary>One recorded backup run, as the Sistem page lists it.</summary>
public sealed class BackupRunRow
{
    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset FinishedAt { get; init; }

    public string Trigger { get; init; } = "";

    public string File { get; init; } = "";

    public long? SizeBytes { get; init; }

    public bool Succeeded { get; init; }

    public string? Message { get; init; }

    public TimeSpan Duration => FinishedAt - StartedAt;
}

/// <summary>Reads the backup runs recorded in <c>app.backup_runs</c>.</summary>
public sealed class BackupRuns(NpgsqlDataSource db)
{
    public async Task<BackupRunRow?> LastGoodAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<BackupRunRow>("""
            SELECT started_at AS StartedAt, finished_at AS FinishedAt, trigger AS Trigger, file AS File, size_bytes AS SizeBytes,
                   succeeded AS Succeeded, message AS Message
            FROM app.backup_runs WHERE succeeded ORDER BY finished_at DESC LIMIT 1
            """);
    }

    /// <summary>When this installation's database was created: its first migration.</summary>
    public async Task<DateTimeOffset> InstalledAtAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<DateTimeOffset>("SELECT min(applied_at) FROM app.schema_migrations");
    }

    public async Task<IReadOnlyList<BackupRunRow>> RecentAsync(int count)
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<BackupRunRow>("""
            SELECT started_at AS StartedAt, finished_at AS FinishedAt, trigger AS Trigger, file AS File, size_bytes AS SizeBytes,
                   succeeded AS Succeeded, message AS Message
            FROM app.backup_runs ORDER BY finished_at DESC LIMIT @count
            """, new { count })];
    }
}
