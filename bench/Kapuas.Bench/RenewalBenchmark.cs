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
            var ids = TestClusterIds.New();
            await using var silo = await TestSilo.StartAsync(ids, db.ConnectionString, jobWorkers: 0);
            // The Admin in its own process, as a client of the silo: how fast its sign-in page answers during the run.
            await using var admin = await SiloProcess.StartAdminAsync(ids, db.ConnectionString, "Bench-Admin-2026");
            var from = await TestRoster.SignedAgreementAsync(silo.Grains, "A25", TestData.Agreement2025(quota: workers));
            var to = await TestRoster.SignedAgreementAsync(silo.Grains, "A26", TestData.Agreement2026(quota: workers));

            var clock = Stopwatch.StartNew();
            await TestRoster.EnrolledAsync(silo.Grains, from, workers, seed: 11);
            Console.WriteLine($"setup: {workers:N0} workers registered and enrolled in 2025 in {clock.Elapsed.TotalSeconds:0.0} s");

            // A running Admin has served its pages before: warm it up, so that its first requests' compilation is
            // not counted as the renewal's time.
            using (var warmUp = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            {
                await SignInLatenciesAsync(admin.HealthPort, warmUp.Token, pause: 20);
            }

            var raw = await RawWriteRateAsync(db.ConnectionString, TimeSpan.FromSeconds(5));

            var store = silo.Services.GetRequiredService<RenewalStore>();
            clock.Restart();
            var view = (await to.GetAsync())!;
            var id = await RenewalPreview.CreateAsync(store, view.Terms.ToAgreement("A26"), view.Enrolled, "A25", RenewalPriority.LongestContinuousMembership, "bench", DateTimeOffset.UtcNow);
            var preview = clock.Elapsed;
            await store.ApproveAsync(id, "bench", DateTimeOffset.UtcNow, null);

            await StatementProfile.ResetAsync(db.ConnectionString);

            using var stop = new CancellationTokenSource();
            var signIn = SignInLatenciesAsync(admin.HealthPort, stop.Token);
            clock.Restart();
            var cpu = new CpuMeter();
            var wal = await WalMeter.StartAsync(db.ConnectionString);
            await silo.Services.GetRequiredService<IRenewalJob>().RunAsync(id, "bench", CancellationToken.None);
            var run = clock.Elapsed;
            var cpuReport = cpu.Report(run, workers, "worker");
            var walReport = await wal.ReportAsync(workers, "worker");
            await stop.CancelAsync();
            var latencies = (await signIn).Order().ToList();

            var summary = (await store.GetAsync(id))!;
            var rate = summary.Continuing / run.TotalSeconds;
            Console.WriteLine($"renewal workers={workers} continuing={summary.Continuing} status={summary.Status}");
            Console.WriteLine($"preview          {preview.TotalSeconds,8:0.00} s");
            Console.WriteLine($"renewal job      {run.TotalSeconds,8:0.00} s  ({rate,8:0} workers/s)");
            Console.WriteLine($"raw PostgreSQL   {raw,8:0} single-row INSERT commits/s (64 connections, same run)");
            Console.WriteLine($"ratio            {rate / raw,8:0.000} renewed workers per raw row write");
            Console.WriteLine($"sign-in page     {latencies.Count} GETs during the job, every 250 ms: p50 {Percentile(latencies, 0.50):0} ms, " +
                              $"p95 {Percentile(latencies, 0.95):0} ms, max {latencies.LastOrDefault():0} ms");
            Console.WriteLine(cpuReport);
            Console.WriteLine(walReport);
            return 0;
        }
        finally
        {
            await db.DisposeAsync();
        }
    }

    /// <summary>GET /Account/Login every <paramref name="pause"/> ms until stopped; each answer's time in ms (a failed answer throws).</summary>
    private static async Task<List<double>> SignInLatenciesAsync(int port, CancellationToken stop, int pause = 250)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var took = new List<double>();
        while (!stop.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            (await http.GetAsync("/Account/Login", CancellationToken.None)).EnsureSuccessStatusCode();
            took.Add(watch.Elapsed.TotalMilliseconds);
            try
            {
                await Task.Delay(pause, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return took;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

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
