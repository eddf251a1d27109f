using Kapuas.Infrastructure.Database;
using Kapuas.Infrastructure.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kapuas.Silo.Hosting;

/// <summary>
/// The <c>migrate</c> command, run by ./run.sh before any process starts: brings the database up to date and prepares
/// the local data folder (NIK key, data-protection key), so that the processes started next find it all in place.
/// </summary>
public static class MigrateCommand
{
    public const string Usage = """
        Kapuas.Silo migrate [--grant-to ROLE] [--Key=value ...]
          Creates the database KAPUAS_DB names if it is missing, applies every migration (Orleans, application,
          Hangfire schemas) and prepares the data folder (KAPUAS_DATA_DIR: NIK key, sign-in key ring), then exits.
          --grant-to ROLE: KAPUAS_DB is the owner role; ROLE (the application role the processes use) gets the right
          to read and write rows in the three schemas, and no right to change them (docs/operations.md).
          Settings may also be given as --Key=value, as for the silo.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        string? grantTo = null;
        var grant = Array.IndexOf(args, "--grant-to");
        if (grant >= 0)
        {
            if (grant + 1 >= args.Length || args[grant + 1].StartsWith('-'))
            {
                await Console.Error.WriteLineAsync($"--grant-to tanpa nama peran / without a role name{Environment.NewLine}{Usage}");
                return 2;
            }

            grantTo = args[grant + 1];
            args = [.. args[..grant], .. args[(grant + 2)..]];
        }

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
            await migrator.MigrateAsync(connectionString, grantTo);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"Migrasi gagal (migration failed): {e.Message}");
            return 1;
        }

        var dataDirectory = KapuasDataFolder.DataDirectory(configuration, Directory.GetCurrentDirectory());
        try
        {
            KapuasDataFolder.Prepare(configuration, dataDirectory);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"Folder data {dataDirectory} tidak dapat disiapkan (data folder not prepared): {e.Message}");
            return 1;
        }
    }
}
