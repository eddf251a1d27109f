using System.Diagnostics;
using Kapuas.Domain.Demo;
using Kapuas.Grains.Common;
using Kapuas.Grains.Workers;
using Kapuas.Testing;

namespace Kapuas.Bench;

/// <summary>Worker registrations straight through the grains (no import job): the cost of the grain path alone.</summary>
public static class RegisterBaseline
{
    public static async Task<int> RunAsync(int workers)
    {
        var db = new PostgresDatabase();
        await db.InitializeAsync();
        try
        {
            await using var silo = await TestSilo.StartAsync(TestClusterIds.New(), db.ConnectionString, jobWorkers: 0);
            var roster = DemoRoster.Generate(workers, 3, new DateOnly(2026, 11, 29)).ToList();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(roster, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (w, _) =>
            {
                var p = w.Profile;
                (await silo.Grains.GetGrain<IWorkerGrain>(w.Id).RegisterAsync(
                    new WorkerProfileInput(p.Nik, p.Name, p.Sex, p.BirthDate, p.Kecamatan, p.Desa, p.Occupation, p.Phone, p.Kpj, p.Source),
                    CommandContext.New("bench", "bench", DateTimeOffset.UtcNow))).Expect();
            });
            Console.WriteLine($"register: {workers} new workers in {clock.Elapsed.TotalSeconds:0.00} s ({workers / clock.Elapsed.TotalSeconds:0} workers/s)");
            return 0;
        }
        finally
        {
            await db.DisposeAsync();
        }
    }
}
