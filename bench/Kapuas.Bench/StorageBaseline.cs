using System.Diagnostics;
using Kapuas.Grains.Diagnostics;
using Kapuas.Testing;

namespace Kapuas.Bench;

/// <summary>Baseline: new grains that each read and write their state once through the ADO.NET storage.</summary>
public static class StorageBaseline
{
    public static async Task<int> RunAsync(int grains)
    {
        var db = new PostgresDatabase();
        await db.InitializeAsync();
        try
        {
            await using var silo = await TestSilo.StartAsync(TestClusterIds.New(), db.ConnectionString, jobWorkers: 0);
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, grains), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
                await silo.Grains.GetGrain<ISystemCheckGrain>($"baseline-{i}")
                    .RecordAsync(new SystemCheckRequest(Guid.NewGuid(), "bench", DateTimeOffset.UtcNow, "bench")));
            Console.WriteLine($"storage baseline: {grains} grains activated and written once in {clock.Elapsed.TotalSeconds:0.00} s ({grains / clock.Elapsed.TotalSeconds:0} grains/s)");
            clock.Restart();
            await Parallel.ForEachAsync(Enumerable.Range(0, grains), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
                await silo.Grains.GetGrain<ISystemCheckGrain>($"baseline-{i}")
                    .RecordAsync(new SystemCheckRequest(Guid.NewGuid(), "bench", DateTimeOffset.UtcNow, "bench")));
            Console.WriteLine($"storage baseline: the same {grains} active grains written again in {clock.Elapsed.TotalSeconds:0.00} s ({grains / clock.Elapsed.TotalSeconds:0} writes/s)");
            clock.Restart();
            await Parallel.ForEachAsync(Enumerable.Range(0, grains), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
                await silo.Grains.GetGrain<ISystemCheckGrain>($"baseline-{i}").GetAsync());
            Console.WriteLine($"grain calls: {grains} reads of active grains in {clock.Elapsed.TotalSeconds:0.00} s ({grains / clock.Elapsed.TotalSeconds:0} calls/s)");
            return 0;
        }
        finally
        {
            await db.DisposeAsync();
        }
    }
}
