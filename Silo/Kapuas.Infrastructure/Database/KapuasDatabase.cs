using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Kapuas.Infrastructure.Database;

/// <summary>
/// The one PostgreSQL database: where its connection string comes from, and the per-schema variants
/// (Orleans objects live in schema <c>orleans</c>, Hangfire in <c>hangfire</c>, the application in <c>app</c>).
/// </summary>
public static class KapuasDatabase
{
    /// <summary>Environment variable (and configuration key) that points every process at a server.</summary>
    public const string EnvironmentKey = "KAPUAS_DB";

    public const string ConnectionStringName = "Kapuas";

    public const string OrleansSchema = "orleans";

    public const string HangfireSchema = "hangfire";

    public const string AppSchema = "app";

    /// <summary>Reads <c>KAPUAS_DB</c>, then <c>ConnectionStrings:Kapuas</c>; fails with a clear message otherwise.</summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var value = configuration[EnvironmentKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration.GetConnectionString(ConnectionStringName);
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"Koneksi basis data belum diatur: isi variabel lingkungan {EnvironmentKey} atau ConnectionStrings:{ConnectionStringName}. " +
                $"(No database configured: set {EnvironmentKey} or ConnectionStrings:{ConnectionStringName}.)");
        }

        // Validate the syntax early so that a typo fails at start, not at the first query.
        _ = new NpgsqlConnectionStringBuilder(value);
        return value;
    }

    /// <summary>
    /// The connection string Orleans' ADO.NET providers use: its objects are found through the search path, and the
    /// statements it sends again and again (every grain-state read and write) are prepared once per connection.
    /// </summary>
    public static string ForOrleans(string connectionString) =>
        Prepared(new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = OrleansSchema }).ConnectionString;

    /// <summary>
    /// The grain-storage statements (one key each, the same few texts again and again) are prepared on each connection
    /// (parsed and planned once, not per call), unless the connection string sets <c>Max Auto Prepare</c> itself (0
    /// behind a pooler that cannot keep prepared statements).
    /// </summary>
    public static NpgsqlConnectionStringBuilder Prepared(NpgsqlConnectionStringBuilder builder)
    {
        // The typed builder knows every keyword; the plain one holds only those the connection string sets.
        if (!new System.Data.Common.DbConnectionStringBuilder { ConnectionString = builder.ConnectionString }.ContainsKey("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        return Pooled(builder);
    }

    /// <summary>
    /// A connection going back to the pool is not reset (seven statements each time): the application sets no session
    /// state (its locks are transaction-scoped). The application's own statements are not prepared: a plan cached while
    /// a table was nearly empty (the first minute of an import) kept scanning it whole as it grew.
    /// </summary>
    public static NpgsqlConnectionStringBuilder Pooled(NpgsqlConnectionStringBuilder builder)
    {
        builder.NoResetOnClose = true;
        return builder;
    }

    /// <summary>
    /// A connection outside the pool, to the database the connection string names or to <paramref name="database"/>
    /// (the server's <c>postgres</c> for creating, renaming and dropping databases): for one-off work such as migrations,
    /// backups and restores, which must leave no pooled connection behind on a database they may rename or drop.
    /// </summary>
    public static async Task<NpgsqlConnection> OpenUnpooledAsync(string connectionString, string? database = null, CancellationToken cancellationToken = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        if (database is not null)
        {
            builder.Database = database;
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The same server and credentials, pointed at another database.</summary>
    public static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    /// <summary>A description safe to log: host, port and database, never the password.</summary>
    public static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }
}
