using Hangfire;
using Kapuas.Grains.Renewal;
using Kapuas.Testing;

namespace Kapuas.Integration.Tests;

/// <summary>
/// Three silo processes in one cluster (ADO.NET membership on PostgreSQL) and the Admin in its own process: a renewal
/// of 20,000 workers, one silo killed with SIGKILL midway. The renewal finishes with no lost, duplicated or
/// overlapping coverage and the Admin answers throughout.
/// </summary>
public sealed class MultiSiloRenewalTests : IAsyncLifetime
{
    private const int Workers = 20_000;
    private readonly PostgresDatabase db = new();
    private readonly TestClusterIds ids = TestClusterIds.New();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task A_renewal_of_20000_on_three_silos_survives_one_killed_and_the_admin_keeps_answering()
    {
        var renewal = await TestJobs.ApprovedRenewalAsync(ids, db.ConnectionString, "M25", "M26", Workers, seed: 20);

        var silos = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SiloProcess.StartAsync(ids, db.ConnectionString, jobWorkers: 2, invisibilitySeconds: 10)));
        await using var admin = await SiloProcess.StartAdminAsync(ids, db.ConnectionString, "Rahasia-Admin-2026");
        try
        {
            Assert.Equal(3L, await db.ScalarAsync<long>($"SELECT count(*) FROM orleans.orleansmembershiptable WHERE deploymentid = '{ids.ClusterId}' AND status = 3"));

            // The Admin is asked every 250 ms for its sign-in page and its health, for the whole run.
            using var stop = new CancellationTokenSource();
            var answers = new List<int>();
            var poller = Task.Run(async () =>
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                while (!stop.IsCancellationRequested)
                {
                    foreach (var path in new[] { "/Account/Login", "/health" })
                    {
                        int status;
                        try
                        {
                            status = (int)(await http.GetAsync($"http://127.0.0.1:{admin.HealthPort}{path}")).StatusCode;
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                        {
                            status = 0;
                        }

                        lock (answers)
                        {
                            answers.Add(path == "/health" ? -status : status);
                        }
                    }

                    await Task.Delay(250);
                }
            });

            TestJobs.Client(db.ConnectionString).Enqueue<IRenewalJob>(j => j.RunAsync(renewal, "admin", CancellationToken.None));

            const string renewed = "SELECT count(*) FROM app.participant_periods WHERE agreement_id = 'M26'";
            await Eventually.UntilAsync(async () => await db.ScalarAsync<long>(renewed) >= 3_000, TimeSpan.FromSeconds(180), "3,000 workers renewed");
            // Kill the silo that runs the renewal job (Hangfire's server id names the silo), not just any silo.
            var runner = await RunnerAsync();
            var victim = silos.Single(s => runner.Contains($":{SiloName(s)}:", StringComparison.Ordinal));
            var killedAt = DateTime.UtcNow;
            victim.Kill();
            Assert.InRange(await db.ScalarAsync<long>(renewed), 3_000, Workers - 1);

            await Eventually.UntilAsync(async () => await db.ScalarAsync<string>($"SELECT status FROM app.renewals WHERE renewal_id = '{renewal}'") == "completed",
                TimeSpan.FromSeconds(300), "the renewal completed on the two remaining silos");
            await stop.CancelAsync();
            await poller;

            // Another silo took the job over and finished it.
            var takenOver = await db.ScalarAsync<string>($"""
                SELECT string_agg(s.data::jsonb->>'ServerId', ',') FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
                WHERE s.name = 'Processing' AND j.invocationdata::text LIKE '%IRenewalJob%' AND s.createdat > '{killedAt:yyyy-MM-dd HH:mm:ss.fff}'
                """) ?? "";
            Assert.Contains(silos.Where(s => s != victim), s => takenOver.Contains($":{SiloName(s)}:", StringComparison.Ordinal));
            Assert.DoesNotContain($":{SiloName(victim)}:", takenOver, StringComparison.Ordinal);
            var finisher = await db.ScalarAsync<string>("""
                SELECT s.data::jsonb->>'ServerId' FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
                WHERE s.name = 'Processing' AND j.invocationdata::text LIKE '%IRenewalJob%' ORDER BY s.id DESC LIMIT 1
                """);
            Assert.NotEqual(runner, finisher); // the silo that had the job when the kill came did not finish it: another did

            Assert.Equal(Workers, await db.ScalarAsync<long>(renewed));
            Assert.Equal(Workers, await db.ScalarAsync<long>("SELECT count(DISTINCT worker_id) FROM app.participant_periods WHERE agreement_id = 'M26'"));
            Assert.Equal(Workers, await db.ScalarAsync<long>("SELECT count(*) FROM app.participant_periods WHERE agreement_id = 'M26' AND start_date = '2026-01-01' AND end_date = '2026-12-31'"));
            Assert.Equal(0L, await db.ScalarAsync<long>("""
                SELECT count(*) FROM app.participant_periods a JOIN app.participant_periods b
                  ON a.worker_id = b.worker_id AND a.start_date < b.start_date AND a.end_date >= b.start_date
                """));
            Assert.Equal(Workers, await db.ScalarAsync<long>("SELECT count(*) FROM app.audit_log WHERE action = 'worker.enrolled' AND after::text LIKE '%M26%'"));
            Assert.Equal(Workers, await db.ScalarAsync<long>("SELECT count(*) FROM app.agreement_enrolments WHERE agreement_id = 'M26'"));

            // Every look at the sign-in page answered 200 (within the client's 10 s timeout), and /health always answered
            // (healthy or not). How fast it answers while a renewal runs is measured by the benchmark (bench/run.sh renewal).
            Assert.True(answers.Count > 20, $"only {answers.Count} polls");
            var login = answers.Where(a => a >= 0).ToList();
            Assert.All(login, a => Assert.Equal(200, a));
            Assert.DoesNotContain(0, answers);
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static string SiloName(SiloProcess silo) => $"silo-{silo.Environment["Kapuas__Silo__SiloPort"]}";

    /// <summary>The Hangfire server processing the renewal job now ("machine:silo-PORT:guid").</summary>
    private async Task<string> RunnerAsync()
    {
        string? runner = null;
        await Eventually.UntilAsync(async () => (runner = await db.ScalarAsync<string>("""
            SELECT s.data::jsonb->>'ServerId' FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
            WHERE j.statename = 'Processing' AND j.invocationdata::text LIKE '%IRenewalJob%' ORDER BY j.id DESC LIMIT 1
            """)) is not null, TimeSpan.FromSeconds(30), "the renewal job is being processed");
        return runner!;
    }
}
