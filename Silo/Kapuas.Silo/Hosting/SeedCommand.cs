using System.Globalization;
using Dapper;
using Hangfire;
using Kapuas.Grains.Imports;
using Kapuas.Infrastructure.Database;
using Kapuas.Infrastructure.Hosting;
using Npgsql;

namespace Kapuas.Silo.Hosting;

/// <summary>
/// <c>Kapuas.Silo seed [--workers N] [--seed S] [--if-empty]</c>: enqueues the demo-data job for the running
/// silos and waits for it, printing progress. With <c>--if-empty</c> it does nothing when workers exist.
/// </summary>
public static class SeedCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var workers = IntOption(args, "--workers", 5_000);
        var seed = IntOption(args, "--seed", 20260101);
        var ifEmpty = args.Contains("--if-empty");
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var connectionString = KapuasDatabase.ConnectionString(configuration);
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using (var connection = await db.OpenConnectionAsync())
        {
            var existing = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM app.participants");
            if (ifEmpty && existing > 0)
            {
                Console.WriteLine($"Data demo tidak dibuat: sudah ada {existing:N0} peserta.");
                return 0;
            }
        }

        GlobalConfiguration.Configuration.UseKapuasStorage(connectionString);
        var jobId = new BackgroundJobClient().Enqueue<IDemoSeedJob>(j => j.RunAsync(workers, seed, CancellationToken.None));
        Console.WriteLine($"Membuat data demo: {workers:N0} peserta (seed {seed}), pekerjaan {jobId}...");
        var started = DateTime.UtcNow;
        while (true)
        {
            await Task.Delay(2000);
            await using var connection = await db.OpenConnectionAsync();
            var state = await connection.ExecuteScalarAsync<string>("SELECT statename FROM hangfire.job WHERE id = @id", new { id = long.Parse(jobId, CultureInfo.InvariantCulture) });
            var count = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM app.participants");
            Console.WriteLine($"  {count:N0} peserta · {(DateTime.UtcNow - started).TotalSeconds:0} s · {state}");
            if (state == "Succeeded")
            {
                return 0;
            }

            if (state is "Failed" or "Deleted")
            {
                await Console.Error.WriteLineAsync("Pembuatan data demo gagal; lihat /hangfire dan log silo.");
                return 1;
            }
        }
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
