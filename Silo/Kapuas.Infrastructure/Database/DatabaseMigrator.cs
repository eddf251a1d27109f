using System.Reflection;
using System.Text.RegularExpressions;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kapuas.Infrastructure.Database;

/// <summary>
/// Creates the database when it does not exist, then applies the versioned SQL migrations embedded in this
/// assembly (<c>Database/Migrations/NNNN_name.sql</c>) and the Hangfire schema. Safe to run from several processes
/// at once: a PostgreSQL advisory lock serialises them, and each migration runs in its own transaction.
/// </summary>
public sealed partial class DatabaseMigrator(ILogger<DatabaseMigrator> logger)
{
    // Any constant; it only has to be the same in every process that migrates this database.
    private const long AdvisoryLockKey = 0x4B_41_50_55_41_53; // "KAPUAS"

    public static IReadOnlyList<Migration> Migrations { get; } = LoadMigrations();

    public Task MigrateAsync(string connectionString, CancellationToken cancellationToken = default) =>
        MigrateAsync(connectionString, null, cancellationToken);

    /// <summary>
    /// Migrates as the owner role the connection string names; with <paramref name="grantTo"/>, then gives that
    /// application role what the processes need at run time and nothing more: reading and writing rows in the three
    /// schemas, now and in later migrations, but no DDL.
    /// </summary>
    public async Task MigrateAsync(string connectionString, string? grantTo, CancellationToken cancellationToken = default)
    {
        if (grantTo is not null && !RoleName().IsMatch(grantTo))
        {
            throw new InvalidOperationException($"Nama peran tidak sah: '{grantTo}'. (Invalid role name.)");
        }

        await EnsureDatabaseExistsAsync(connectionString, cancellationToken);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE SCHEMA IF NOT EXISTS app;
                CREATE TABLE IF NOT EXISTS app.schema_migrations (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now());
                """, cancellationToken);

            var applied = new HashSet<int>();
            await using (var cmd = new NpgsqlCommand("SELECT version FROM app.schema_migrations", connection))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            foreach (var migration in Migrations.Where(m => !applied.Contains(m.Version)))
            {
                await using var tx = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, tx, migration.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO app.schema_migrations (version, name) VALUES (@v, @n)", connection, tx))
                {
                    record.Parameters.AddWithValue("v", migration.Version);
                    record.Parameters.AddWithValue("n", migration.Name);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await tx.CommitAsync(cancellationToken);
                LogApplied(migration.Version, migration.Name);
            }

            // Hangfire's own installer is idempotent; running it here, once, before the processes start,
            // keeps parallel silos from racing to create the schema.
            PostgreSqlObjectsInstaller.Install(connection, KapuasDatabase.HangfireSchema);
            if (grantTo is not null)
            {
                await ExecuteAsync(connection, null, GrantSql(grantTo, connection.Database), cancellationToken);
                LogGranted(grantTo);
            }
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }

        LogUpToDate(KapuasDatabase.Describe(connectionString), Migrations.Count);
    }

    /// <summary>Creates the database named in the connection string, connecting to the server's maintenance database.</summary>
    public async Task EnsureDatabaseExistsAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database
            ?? throw new InvalidOperationException("The connection string names no database.");
        if (!DatabaseName().IsMatch(database))
        {
            throw new InvalidOperationException($"Nama basis data tidak sah: '{database}'. (Invalid database name.)");
        }

        await using var connection = await KapuasDatabase.OpenUnpooledAsync(connectionString, "postgres", cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @d", connection);
        exists.Parameters.AddWithValue("d", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await ExecuteAsync(connection, null, $"CREATE DATABASE \"{database}\" ENCODING 'UTF8' TEMPLATE template0", cancellationToken);
            LogCreated(database);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase
            || (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "pg_database_datname_index"))
        {
            // Another process created it at the same moment: PostgreSQL says so as a duplicate database, or, when both
            // reach the catalogue together, as a unique violation of pg_database's name index.
        }
    }

    /// <summary>The application role's rights: rows, sequences and functions in the three schemas; no CREATE anywhere.</summary>
    private static string GrantSql(string role, string database)
    {
        var schemas = $"{KapuasDatabase.AppSchema}, {KapuasDatabase.OrleansSchema}, {KapuasDatabase.HangfireSchema}";
        return $"""
            GRANT CONNECT ON DATABASE "{database}" TO "{role}";
            GRANT USAGE ON SCHEMA {schemas} TO "{role}";
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schemas} TO "{role}";
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schemas} TO "{role}";
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {schemas} TO "{role}";
            ALTER DEFAULT PRIVILEGES IN SCHEMA {schemas} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "{role}";
            ALTER DEFAULT PRIVILEGES IN SCHEMA {schemas} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "{role}";
            ALTER DEFAULT PRIVILEGES IN SCHEMA {schemas} GRANT EXECUTE ON FUNCTIONS TO "{role}";
            """;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 300 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static List<Migration> LoadMigrations()
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        const string prefix = "Kapuas.Migrations.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var fileName = resource[prefix.Length..];
            var match = MigrationFileName().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration file '{fileName}' must be named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}.");
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex MigrationFileName();

    [GeneratedRegex("^[A-Za-z0-9_]{1,63}$")]
    private static partial Regex DatabaseName();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Granted run-time rights to role {Role}")]
    private partial void LogGranted(string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} {Name}")]
    private partial void LogApplied(int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} is up to date ({Count} migrations)")]
    private partial void LogUpToDate(string database, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database}")]
    private partial void LogCreated(string database);
}

public sealed record Migration(int Version, string Name, string Sql);
