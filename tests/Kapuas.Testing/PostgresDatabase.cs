using Kapuas.Infrastructure.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Kapuas.Testing;

/// <summary>
/// A fresh, fully migrated database on the test server (<c>KAPUAS_TEST_DB</c>, set by ./test.sh, or <c>KAPUAS_DB</c>),
/// created for one test class and dropped after it.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string ServerVariable = "KAPUAS_TEST_DB";

    private readonly string? server;
    private readonly bool migrate;

    /// <summary>
    /// A database on the test server, or on <paramref name="server"/> (a connection string) when given; migrated, or,
    /// with <paramref name="migrate"/> false, not even created (for the first-run race).
    /// </summary>
    public PostgresDatabase(string? server = null, bool migrate = true)
    {
        this.server = server;
        this.migrate = migrate;
    }

    public string ConnectionString { get; private set; } = "";

    public string Name { get; } = $"kapuas_t_{Guid.NewGuid():N}"[..24];

    public static string ServerConnectionString()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable) ?? Environment.GetEnvironmentVariable(KapuasDatabase.EnvironmentKey);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"These tests need PostgreSQL: run ./test.sh, or set {ServerVariable} to a connection string of a server where databases may be created.");
        }

        return server;
    }

    public async Task InitializeAsync()
    {
        ConnectionString = KapuasDatabase.WithDatabase(server ?? ServerConnectionString(), Name);
        if (migrate)
        {
            await new DatabaseMigrator(NullLogger<DatabaseMigrator>.Instance).MigrateAsync(ConnectionString);
        }
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var maintenance = new NpgsqlConnectionStringBuilder(server ?? ServerConnectionString()) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public Task ExecuteAsync(string sql) => ExecuteAsync(ConnectionString, sql);

    /// <summary>Runs one statement on the database (or server) a connection string names.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        var value = await cmd.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
