using Kapuas.Infrastructure.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kapuas.Silo.Hosting;

/// <summary>The <c>migrate</c> command: run by ./run.sh and ./test.sh before any process starts.</summary>
public static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        try
        {
            var connectionString = KapuasDatabase.ConnectionString(configuration);
            var migrator = new DatabaseMigrator(loggerFactory.CreateLogger<DatabaseMigrator>());
            await migrator.MigrateAsync(connectionString);
            return 0;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"Migrasi gagal (migration failed): {e.Message}");
            return 1;
        }
    }
}
