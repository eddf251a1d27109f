using Hangfire;
using Kapuas.Grains.Renewal;
using Kapuas.Testing;

namespace Kapuas.Integration.Tests;

/// <summary>A renewal of 5,000 workers whose silo process is killed with SIGKILL midway, then restarted.</summary>
public sealed class RenewalKillTests : IAsyncLifetime
{
    private const int Workers = 5_000;
    private readonly PostgresDatabase db = new();
    private readonly TestClusterIds ids = TestClusterIds.New();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task A_renewal_whose_silo_process_is_killed_midway_completes_after_restart_with_no_duplicate_gap_or_missing_worker()
    {
        var renewal = await TestJobs.ApprovedRenewalAsync(ids, db.ConnectionString, "K25", "K26", Workers, seed: 5);

        await using var silo = await SiloProcess.StartAsync(ids, db.ConnectionString, jobWorkers: 2, invisibilitySeconds: 10);
        TestJobs.Client(db.ConnectionString).Enqueue<IRenewalJob>(j => j.RunAsync(renewal, "admin", CancellationToken.None));

        const string renewed = "SELECT count(*) FROM app.participant_periods WHERE agreement_id = 'K26'";
        await Eventually.UntilAsync(async () => await db.ScalarAsync<long>(renewed) >= 500, TimeSpan.FromSeconds(120), "500 workers renewed");
        silo.Kill();
        Assert.InRange(await db.ScalarAsync<long>(renewed), 500, Workers - 1);

        await silo.RestartAsync();
        await Eventually.UntilAsync(async () => await db.ScalarAsync<string>($"SELECT status FROM app.renewals WHERE renewal_id = '{renewal}'") == "completed",
            TimeSpan.FromSeconds(180), "the renewal completed after the restart");

        Assert.Equal(Workers, await db.ScalarAsync<long>(renewed));
        Assert.Equal(Workers, await db.ScalarAsync<long>("SELECT count(DISTINCT worker_id) FROM app.participant_periods WHERE agreement_id = 'K26'"));
        Assert.Equal(Workers, await db.ScalarAsync<long>("SELECT count(*) FROM app.participant_periods WHERE agreement_id = 'K26' AND start_date = '2026-01-01' AND end_date = '2026-12-31'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("""
            SELECT count(*) FROM app.participant_periods a JOIN app.participant_periods b
              ON a.worker_id = b.worker_id AND a.start_date < b.start_date AND a.end_date >= b.start_date
            """));
        Assert.Equal(Workers, await db.ScalarAsync<long>("SELECT count(*) FROM app.audit_log WHERE action = 'worker.enrolled' AND after::text LIKE '%K26%'"));
        Assert.Equal(Workers, await db.ScalarAsync<long>("SELECT count(*) FROM app.renewal_items WHERE status = 'done'"));
        Assert.Equal(Workers, await db.ScalarAsync<long>("SELECT count(*) FROM app.agreement_enrolments WHERE agreement_id = 'K26'"));
    }
}
