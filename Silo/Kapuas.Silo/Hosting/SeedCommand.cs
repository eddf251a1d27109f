using System.Globalization;
using Hangfire;
using Kapuas.Grains.Imports;
using Kapuas.Infrastructure.Database;
using Kapuas.Infrastructure.Hosting;

namespace Kapuas.Silo.Hosting;

/// <summary>
/// <c>Kapuas.Silo seed [--workers N] [--seed S] [--if-empty]</c>: enqueues the demo-data job for the running
/// silos and waits for it, printing progress. With <c>--if-empty</c> it does nothing when workers exist.
/// </summary>
public static class SeedCommand
{
    public const string Usage = """
        Kapuas.Silo seed [--workers N] [--seed S] [--if-empty]
          Has the running silos generate demo data (N workers, 5000 by default; the same S gives the same data) and
          waits for it. --if-empty: nothing when workers exist. The database is KAPUAS_DB (scripts/seed.sh finds the
          one ./run.sh started).
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        int workers = 5_000, seed = 20260101;
        var ifEmpty = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                case "--if-empty":
                    ifEmpty = true;
                    break;
                case "--workers" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var w) && w >= 0:
                    workers = w;
                    i++;
                    break;
                case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    i++;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Pilihan tidak dikenal atau tanpa angka / unknown option or missing number: {args[i]}{Environment.NewLine}{Usage}");
                    return 2;
            }
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        string connectionString;
        try
        {
            connectionString = KapuasDatabase.ConnectionString(configuration);
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message} (scripts/seed.sh finds the database ./run.sh started.)");
            return 1;
        }

        await using var checks = new DemoSeedChecks(connectionString);
        var existing = await checks.ParticipantsAsync();
        if (ifEmpty && existing > 0)
        {
            Console.WriteLine($"Data demo tidak dibuat: sudah ada {existing:N0} peserta.");
            return 0;
        }

        // The demo tells one story on one database (its agreements are closed as it goes): it can be run again with
        // the same values (which adds nothing, or finishes an interrupted run), never on top of other data.
        if (existing > 0 && !await checks.SameDemoRanBeforeAsync(workers, seed))
        {
            await Console.Error.WriteLineAsync(
                $"Data demo tidak dibuat: basis data ini sudah berisi {existing:N0} peserta. Data demo hanya dibuat pada basis data kosong, " +
                "atau diulang dengan --workers dan --seed yang sama. (Not created: this database already holds workers; the demo is made on an " +
                "empty database, e.g. a first ./run.sh with KAPUAS_DEMO_WORKERS=0 or another KAPUAS_DATA_DIR, or rerun with the same values.)");
            return 1;
        }

        GlobalConfiguration.Configuration.UseKapuasStorage(connectionString);
        var jobId = new BackgroundJobClient().Enqueue<IDemoSeedJob>(j => j.RunAsync(workers, seed, CancellationToken.None));
        Console.WriteLine($"Membuat data demo: {workers:N0} peserta (seed {seed}), pekerjaan {jobId}...");
        var started = DateTime.UtcNow;
        while (true)
        {
            await Task.Delay(2000);
            var state = await checks.JobStateAsync(jobId);
            var count = await checks.ParticipantsAsync();
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

}
