using System.Diagnostics;
using Kapuas.Domain.Coverage;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Coverage;
using Kapuas.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kapuas.Bench;

/// <summary>
/// The nightly double-cover check over a roster renewed from 2025 into 2026 (two agreements per worker that never meet
/// in a month), with one worker in a hundred also on a village's list for 2026 (held as double cover).
/// </summary>
public static class DoubleCoverBenchmark
{
    public static async Task<int> RunAsync(int workers)
    {
        var db = new PostgresDatabase();
        await db.InitializeAsync();
        try
        {
            await using var silo = await TestSilo.StartAsync(TestClusterIds.New(), db.ConnectionString, jobWorkers: 0);
            var a25 = await TestRoster.SignedAgreementAsync(silo.Grains, "D25", TestData.Agreement2025(quota: workers));
            var a26 = await TestRoster.SignedAgreementAsync(silo.Grains, "D26", TestData.Agreement2026(quota: workers));
            await TestRoster.SignedAgreementAsync(silo.Grains, "DESA26", TestData.Agreement2026(quota: workers / 100 + 1) with
            {
                Payer = FundingKind.Apbdes, PayerKecamatan = "62.03.01", PayerDesa = "Sei Tatas",
            });

            var clock = Stopwatch.StartNew();
            var roster = await TestRoster.EnrolledAsync(silo.Grains, a25, workers, seed: 13);
            await TestRoster.EnrolledAsync(silo.Grains, a26, workers, seed: 13); // the same workers, renewed into 2026
            var listed = roster.Where(w => w.Index % 100 == 0).ToList();
            await Parallel.ForEachAsync(listed, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (w, _) =>
            {
                var p = w.Profile;
                (await silo.Grains.GetGrain<IWorkerGrain>(w.Id).ImportAsync(
                    new WorkerProfileInput(p.Nik, p.Name, p.Sex, p.BirthDate, p.Kecamatan, p.Desa, p.Occupation, p.Phone, p.Kpj, p.Source),
                    new EnrolmentInput("DESA26", null, StartingRoster: true), TestData.Context("admin"))).Expect();
            });
            Console.WriteLine($"setup: {workers:N0} workers in 2025 and 2026, {listed.Count:N0} also on a village's 2026 list, in {clock.Elapsed.TotalSeconds:0.0} s");

            var store = silo.Services.GetRequiredService<DoubleCoverStore>();
            for (var run = 1; run <= 3; run++)
            {
                clock.Restart();
                var check = await store.CheckAllAsync(DateTimeOffset.UtcNow);
                Console.WriteLine($"check {run}: {clock.Elapsed.TotalSeconds:0.00} s, {check.WorkersChecked:N0} workers read, {check.Found:N0} overlaps found");
            }

            return 0;
        }
        finally
        {
            await db.DisposeAsync();
        }
    }
}
