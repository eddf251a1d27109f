using System.Diagnostics;
using Dapper;
using Kapuas.Infrastructure.Database;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kapuas.Infrastructure.Backup;

/// <summary>
/// Backs the installation up (the whole database in one consistent pg_dump snapshot, taken while the system runs, and
/// the secrets beside it) and restores such a backup into an empty database or, when asked, in place of a database.
/// A restore checks everything it can before it touches a database, restores into a database of its own, brings it to
/// this version's migrations, and only then gives it the target's name: a failure at any step leaves the target as it was.
/// </summary>
public sealed partial class BackupService(string connectionString, string dataDirectory, ILogger<BackupService> logger, TimeProvider clock)
{
    public async Task<BackupResult> BackupAsync(string target, byte[] nikKey, string trigger, CancellationToken cancellationToken)
    {
        target = Path.GetFullPath(target);
        var started = clock.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = await WriteBackupAsync(target, nikKey, started, cancellationToken);
            await RecordAsync(new BackupRun(started, clock.GetUtcNow(), trigger, target, result.Bytes, result.Header.Migration, true, null));
            LogBackedUp(target, result.Bytes, stopwatch.ElapsedMilliseconds);
            return result with { Duration = stopwatch.Elapsed };
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException or NpgsqlException or InvalidOperationException)
        {
            LogBackupFailed(target, e.Message);
            try
            {
                await RecordAsync(new BackupRun(started, clock.GetUtcNow(), trigger, target, null, null, false, e.Message));
            }
            catch (NpgsqlException)
            {
                // The database itself is what failed: the log keeps the failure.
            }

            throw;
        }
    }

    private async Task<BackupResult> WriteBackupAsync(string target, byte[] nikKey, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var secretsPath = BackupSecrets.PathFor(target);
        if (File.Exists(target) || File.Exists(secretsPath))
        {
            throw new BackupException($"Berkas {target} sudah ada; cadangan tidak menimpa berkas. ({target} exists; a backup never overwrites a file.)");
        }

        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var migration = await SchemaVersionAsync(connectionString, cancellationToken)
            ?? throw new BackupException("Basis data ini bukan basis data Kapuas (tidak ada app.schema_migrations). (Not a Kapuas database.)");
        var pgDump = PostgresTools.Find("pg_dump");
        var dumpFile = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.dump");
        try
        {
            // Created here, owner-only, before pg_dump writes into it (pg_dump keeps the mode of a file it truncates).
            await using (OwnerOnly.Create(dumpFile))
            {
            }

            // Every schema (Orleans, application, Hangfire) in one snapshot; writes go on meanwhile.
            var dump = await PostgresTools.RunAsync(pgDump, ["--format=custom", "--compress=6", $"--file={dumpFile}"],
                PostgresTools.Environment(connectionString), cancellationToken);
            if (!dump.Succeeded)
            {
                throw new BackupException($"pg_dump gagal (failed, exit {dump.ExitCode}): {dump.Error}");
            }

            var header = new BackupHeader(
                started,
                migration,
                new FileInfo(dumpFile).Length,
                await BackupArchive.Sha256Async(dumpFile, cancellationToken),
                new NpgsqlConnectionStringBuilder(connectionString).Database ?? "",
                await PostgresTools.VersionAsync(pgDump, cancellationToken),
                typeof(BackupService).Assembly.GetName().Version?.ToString() ?? "");
            await BackupArchive.WriteAsync(target, dumpFile, header, cancellationToken);
            try
            {
                await BackupSecrets.Collect(nikKey, dataDirectory, header.DumpSha256).WriteAsync(secretsPath, cancellationToken);
            }
            catch
            {
                File.Delete(target);
                throw;
            }

            return new BackupResult(target, secretsPath, new FileInfo(target).Length, header, TimeSpan.Zero);
        }
        finally
        {
            File.Delete(dumpFile);
        }
    }

    /// <summary>Checks a backup file and its secrets without touching any database.</summary>
    public async Task<(BackupCheck Check, BackupSecrets? Secrets)> VerifyAsync(string source, string? secretsPath, string dumpCopy, CancellationToken cancellationToken)
    {
        var check = await BackupArchive.ReadAsync(source, dumpCopy, cancellationToken);
        if (check.Refusal is not null)
        {
            return (check, null);
        }

        var header = check.Header!;
        if (header.Migration > DatabaseMigrator.Migrations.Max(m => m.Version))
        {
            return (BackupCheck.Refused(BackupRefusal.Newer, header), null);
        }

        // The checksum matched; pg_restore must still recognise the dump (a file made to look like a backup would not).
        var list = await PostgresTools.RunAsync(PostgresTools.Find("pg_restore"), ["--list", dumpCopy], new Dictionary<string, string>(), cancellationToken);
        if (!list.Succeeded || !list.Output.Contains("TABLE app schema_migrations", StringComparison.Ordinal))
        {
            return (BackupCheck.Refused(BackupRefusal.NotKapuas, header), null);
        }

        var secrets = await BackupSecrets.ReadAsync(secretsPath ?? BackupSecrets.PathFor(source), cancellationToken);
        if (secrets is null)
        {
            return (BackupCheck.Refused(BackupRefusal.SecretsMissing, header), null);
        }

        return secrets.DumpSha256 == header.DumpSha256
            ? (check, secrets)
            : (BackupCheck.Refused(BackupRefusal.SecretsMismatch, header), null);
    }

    /// <summary>
    /// Restores <paramref name="source"/> into the database the connection string names. Refuses (and changes nothing)
    /// when the file is not a good Kapuas backup of this or an older version, when its secrets are missing, when the
    /// target holds tables and <paramref name="replace"/> is false, or when a NIK key set by the environment differs.
    /// </summary>
    public async Task<RestoreResult> RestoreAsync(string source, RestoreOptions options, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), $"kapuas-restore-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var dumpCopy = Path.Combine(work, "dump");
            var (check, secrets) = await VerifyAsync(Path.GetFullPath(source), options.SecretsPath, dumpCopy, cancellationToken);
            if (check.Refusal is { } refused)
            {
                return RestoreResult.Refused(refused, check.Header);
            }

            if (options.NikKeyFromEnvironment is { } environmentKey && !environmentKey.AsSpan().SequenceEqual(secrets!.NikKeyBytes()))
            {
                return RestoreResult.Refused(BackupRefusal.NikKeyDiffers, check.Header);
            }

            var target = new NpgsqlConnectionStringBuilder(connectionString).Database
                ?? throw new InvalidOperationException("The connection string names no database.");
            var targetState = await TargetStateAsync(target, cancellationToken);
            if (targetState == TargetState.HoldsTables && !options.Replace)
            {
                return RestoreResult.Refused(BackupRefusal.TargetNotEmpty, check.Header);
            }

            var staging = $"{target}_restoring";
            await using var maintenance = await OpenMaintenanceAsync(cancellationToken);
            await maintenance.ExecuteAsync($"DROP DATABASE IF EXISTS \"{staging}\" WITH (FORCE)");
            await maintenance.ExecuteAsync($"CREATE DATABASE \"{staging}\" ENCODING 'UTF8' TEMPLATE template0");
            string? keptAs = null;
            try
            {
                var stagingConnection = KapuasDatabase.WithDatabase(connectionString, staging);
                var restore = await PostgresTools.RunAsync(PostgresTools.Find("pg_restore"),
                    ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges", $"--dbname={staging}", dumpCopy],
                    PostgresTools.Environment(stagingConnection), cancellationToken);
                if (!restore.Succeeded)
                {
                    throw new BackupException($"pg_restore gagal (failed, exit {restore.ExitCode}): {restore.Error}");
                }

                // Who was in the cluster and which job server held which lock is the backed-up system's run-time state,
                // not data: the restored cluster forms anew instead of probing silos that are gone.
                await using (var restored = await KapuasDatabase.OpenUnpooledAsync(stagingConnection, cancellationToken: cancellationToken))
                {
                    await restored.ExecuteAsync("""
                        DELETE FROM orleans.orleansmembershiptable;
                        UPDATE orleans.orleansmembershipversiontable SET version = version + 1, timestamp = now();
                        DELETE FROM hangfire.server;
                        DELETE FROM hangfire.lock;
                        """);
                }

                // A backup from an older version comes up to this one; the application role gets its rights again.
                await new DatabaseMigrator(Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseMigrator>.Instance)
                    .MigrateAsync(stagingConnection, options.GrantTo, cancellationToken);
                secrets!.Install(dataDirectory, options.NikKeyFromEnvironment is not null, clock.GetUtcNow());

                NpgsqlConnection.ClearAllPools();
                if (targetState != TargetState.Missing)
                {
                    await maintenance.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @target AND pid <> pg_backend_pid()", new { target });
                    if (targetState == TargetState.HoldsTables)
                    {
                        keptAs = $"{target}_before_restore_{clock.GetUtcNow():yyyyMMddHHmmss}";
                        await maintenance.ExecuteAsync($"ALTER DATABASE \"{target}\" RENAME TO \"{keptAs}\"");
                    }
                    else
                    {
                        await maintenance.ExecuteAsync($"DROP DATABASE \"{target}\" WITH (FORCE)");
                    }
                }

                await maintenance.ExecuteAsync($"ALTER DATABASE \"{staging}\" RENAME TO \"{target}\"");
            }
            catch
            {
                await maintenance.ExecuteAsync($"DROP DATABASE IF EXISTS \"{staging}\" WITH (FORCE)");
                throw;
            }

            LogRestored(source, target, check.Header!.Migration);
            return new RestoreResult(null, check.Header, keptAs);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private enum TargetState
    {
        Missing,
        Empty,
        HoldsTables,
    }

    private async Task<TargetState> TargetStateAsync(string target, CancellationToken cancellationToken)
    {
        await using (var maintenance = await OpenMaintenanceAsync(cancellationToken))
        {
            if (await maintenance.ExecuteScalarAsync<int?>("SELECT 1 FROM pg_database WHERE datname = @target", new { target }) is null)
            {
                return TargetState.Missing;
            }
        }

        await using var connection = await KapuasDatabase.OpenUnpooledAsync(connectionString, cancellationToken: cancellationToken);
        var tables = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
        return tables == 0 ? TargetState.Empty : TargetState.HoldsTables;
    }

    private Task<NpgsqlConnection> OpenMaintenanceAsync(CancellationToken cancellationToken) =>
        KapuasDatabase.OpenUnpooledAsync(connectionString, "postgres", cancellationToken);

    /// <summary>The newest migration applied to the database, or null when it is not a Kapuas database.</summary>
    private static async Task<int?> SchemaVersionAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = await KapuasDatabase.OpenUnpooledAsync(connectionString, cancellationToken: cancellationToken);
        if (await connection.ExecuteScalarAsync<string?>("SELECT to_regclass('app.schema_migrations')::text") is null)
        {
            return null;
        }

        return await connection.ExecuteScalarAsync<int?>("SELECT max(version) FROM app.schema_migrations");
    }

    private async Task RecordAsync(BackupRun run)
    {
        await using var connection = await KapuasDatabase.OpenUnpooledAsync(connectionString);
        await connection.ExecuteAsync("""
            INSERT INTO app.backup_runs (started_at, finished_at, trigger, file, size_bytes, migration, succeeded, message)
            VALUES (@StartedAt, @FinishedAt, @Trigger, @File, @Bytes, @Migration, @Succeeded, @Message)
            """, new
        {
            StartedAt = run.StartedAt.UtcDateTime, FinishedAt = run.FinishedAt.UtcDateTime, run.Trigger, run.File, run.Bytes,
            run.Migration, run.Succeeded, run.Message,
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup written to {File}: {Bytes} bytes in {Milliseconds} ms")]
    private partial void LogBackedUp(string file, long bytes, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup to {File} failed: {Reason}")]
    private partial void LogBackupFailed(string file, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restored {File} into database {Database} (backup at migration {Migration})")]
    private partial void LogRestored(string file, string database, int migration);
}

public sealed record BackupRun(DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Trigger, string File, long? Bytes, int? Migration, bool Succeeded, string? Message);

public sealed record BackupResult(string File, string SecretsFile, long Bytes, BackupHeader Header, TimeSpan Duration);

/// <param name="Replace">Restore in place of a database that holds tables (it is kept, renamed, not dropped).</param>
/// <param name="GrantTo">The application role to grant run-time rights to after the restore (as <c>migrate --grant-to</c>).</param>
/// <param name="SecretsPath">The secrets file, when not beside the backup as <c>FILE.secrets</c>.</param>
/// <param name="NikKeyFromEnvironment">The NIK key <c>KAPUAS_NIK_KEY</c> sets, which the backup's must equal.</param>
public sealed record RestoreOptions(bool Replace = false, string? GrantTo = null, string? SecretsPath = null, byte[]? NikKeyFromEnvironment = null);

public sealed record RestoreResult(BackupRefusal? Refusal, BackupHeader? Header, string? PreviousKeptAs)
{
    public static RestoreResult Refused(BackupRefusal refusal, BackupHeader? header) => new(refusal, header, null);
}

public sealed class BackupException(string message) : Exception(message);
