using System.Diagnostics;
using Kapuas.Domain.Renewal;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Renewal;
using Kapuas.Infrastructure.Renewal;
using Kapuas.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kapuas.Bench;

/// <summary>
/// Renewal of N workers from a 2025 agreement into 2026, beside the raw PostgreSQL single-row write rate measured
/// in the same run.
/// </summary>
public static class RenewalBenchmark
{
    public static async Task<int> RunAsync(int workers)
    {
        var db = new PostgresDatabase();
        await db.InitializeAsync();
        try
        {
            await using var silo = await TestSilo.StartAsync(TestClusterIds.New(), db.ConnectionString, jobWorkers: 0);
            var from = await TestRoster.SignedAgreementAsync(silo.Grains, "A25", TestData.Agreement2025(quota: workers));
            var to = await TestRoster.SignedAgreementAsync(silo.Grains, "A26", TestData.Agreement2026(quota: workers));

            var clock = Stopwatch.StartNew();
            await TestRoster.EnrolledAsync(silo.Grains, from, workers, seed: 11);
            Console.WriteLine($"setup: {workers:N0} workers registered and enrolled in 2025 in {clock.Elapsed.TotalSeconds:0.0} s");

            var raw = await RawWriteRateAsync(db.ConnectionString, TimeSpan.FromSeconds(5));

            var store = silo.Services.GetRequiredService<RenewalStore>();
            clock.Restart();
            var view = (await to.GetAsync())!;
            var id = await RenewalPreview.CreateAsync(store, view.Terms.ToAgreement("A26"), view.Enrolled, "A25", RenewalPriority.LongestContinuousMembership, "bench", DateTimeOffset.UtcNow);
            var preview = clock.Elapsed;
            await store.ApproveAsync(id, "bench", DateTimeOffset.UtcNow, null);

            clock.Restart();
            await silo.Services.GetRequiredService<IRenewalJob>().RunAsync(id, "bench", CancellationToken.None);
            var run = clock.Elapsed;

            var summary = (await store.GetAsync(id))!;
            var rate = summary.Continuing / run.TotalSeconds;
            Console.WriteLine($"renewal workers={workers} continuing={summary.Continuing} status={summary.Status}");
            Console.WriteLine($"preview          {preview.TotalSeconds,8:0.00} s");
            Console.WriteLine($"renewal job      {run.TotalSeconds,8:0.00} s  ({rate,8:0} workers/s)");
            Console.WriteLine($"raw PostgreSQL   {raw,8:0} single-row INSERT commits/s (64 connections, same run)");
            Console.WriteLine($"ratio            {rate / raw,8:0.000} renewed workers per raw row write");
            return 0;
        }
        finally
        {
            await db.DisposeAsync();
        }
    }

    /// <summary>Single-row INSERTs, each its own transaction, from 64 connections for <paramref name="duration"/>.</summary>
    private static async Task<double> RawWriteRateAsync(string connectionString, TimeSpan duration)
    {
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, payload text NOT NULL)", setup);
            await create.ExecuteNonQueryAsync();
        }

        long rows = 0;
        var deadline = DateTime.UtcNow + duration;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO bench_raw (payload) VALUES ($1)", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = "renewal benchmark row" });
            await insert.PrepareAsync();
            while (DateTime.UtcNow < deadline)
            {
                await insert.ExecuteNonQueryAsync();
                Interlocked.Increment(ref rows);
            }
        }));
        return rows / clock.Elapsed.TotalSeconds;
    }
}
