using Kapuas.Domain.Agreements;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Renewal;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Renewal;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Renewal;
using Kapuas.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kapuas.Integration.Tests;

/// <summary>The annual renewal on the real stack: plan from the read model, approval, the job through the grains.</summary>
public sealed class RenewalTests : SiloOnPostgres
{
    private static readonly string[] Kecamatan = ["Selat", "Mantangai", "Timpah", "Basarang"];

    private RenewalStore Store => Silo.Services.GetRequiredService<RenewalStore>();

    private IRenewalJob Job => Silo.Services.GetRequiredService<IRenewalJob>();

    private async Task<string> AgreementAsync(string code, AgreementTermsInput terms) =>
        (await TestRoster.SignedAgreementAsync(Silo.Grains, code, terms)).GetPrimaryKeyString();

    /// <summary>Workers of the 2025 agreement: some with earlier self-paid years, some dead, some moved away.</summary>
    private async Task<List<Guid>> Roster2025Async(string agreement, int count, int veterans = 0, int died = 0, int moved = 0)
    {
        var ids = new List<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var id = Guid.CreateVersion7();
            var worker = Silo.Grains.GetGrain<IWorkerGrain>(id);
            (await worker.RegisterAsync(TestData.Profile($"Pekerja {i:D4}", Sex.Male, kecamatan: Kecamatan[i % Kecamatan.Length]) with
            {
                Nik = TestData.Nik(Sex.Male, new DateOnly(1988, 4, 12), "620309"),
                Sex = Sex.Male,
            }, TestData.Context())).Expect();
            if (i < veterans)
            {
                (await worker.AddHistoricalPeriodAsync(new HistoricalPeriodInput(new DateOnly(2023, 1, 1), new DateOnly(2025, 2, 28), FundingKind.SelfPaid, null), TestData.Context())).Expect();
            }

            (await worker.EnrollFromStartAsync(agreement, TestData.Context())).Expect();
            if (i >= veterans && i < veterans + died)
            {
                (await worker.RecordExitAsync(new ExitInput(ExitReason.Died, new DateOnly(2025, 8, 1), null), TestData.Context())).Expect();
            }
            else if (i >= veterans + died && i < veterans + died + moved)
            {
                (await worker.RecordExitAsync(new ExitInput(ExitReason.MovedAway, new DateOnly(2025, 8, 15), null), TestData.Context())).Expect();
            }

            lock (ids)
            {
                ids.Add(id);
            }
        });
        return ids;
    }

    private async Task<Guid> PreviewAsync(string from, string to, RenewalPriority priority)
    {
        var view = (await Silo.Grains.GetGrain<IAgreementGrain>(to).GetAsync())!;
        return await RenewalPreview.CreateAsync(Store, view.Terms.ToAgreement(to), view.Enrolled, from, priority, "admin", TestData.Now);
    }

    private async Task<HashSet<Guid>> RenewedInAsync(string agreement, IEnumerable<Guid> workers)
    {
        var renewed = new HashSet<Guid>();
        foreach (var id in workers)
        {
            var view = (await Silo.Grains.GetGrain<IWorkerGrain>(id).GetAsync(new DateOnly(2026, 6, 1)))!;
            var periods = view.Periods.Where(p => p.AgreementId == agreement).ToList();
            Assert.True(periods.Count <= 1, $"Worker {id} has {periods.Count} periods in {agreement}.");
            if (periods.Count == 1)
            {
                renewed.Add(id);
            }
        }

        return renewed;
    }

    [Fact]
    public async Task A_renewal_whose_every_worker_is_refused_ends_failed_with_each_reason_not_completed()
    {
        var from = await AgreementAsync("F25", TestData.Agreement2025(quota: 10));
        var to = await AgreementAsync("F26", TestData.Agreement2026(quota: 10));
        var roster = await Roster2025Async(from, 5);
        var id = await PreviewAsync(from, to, RenewalPriority.LongestContinuousMembership);
        Assert.True(await Store.ApproveAsync(id, "kepala-dinas", TestData.Now, null));
        foreach (var worker in roster)
        {
            // Deaths recorded after the plan was approved: the new agreement can no longer take them.
            (await Silo.Grains.GetGrain<IWorkerGrain>(worker).RecordExitAsync(new ExitInput(ExitReason.Died, new DateOnly(2025, 9, 15), null), TestData.Context())).Expect();
        }

        await Job.RunAsync(id, "operator", CancellationToken.None);

        var renewal = (await Store.GetAsync(id))!;
        Assert.Equal("failed", renewal.Status);
        Assert.Equal(5, await Store.FailedCountAsync(id));
        Assert.All(await Store.ItemsAsync(id), i => Assert.Contains("keluar", i.Failure, StringComparison.Ordinal));
        Assert.Equal((0, 5), ((await Store.ProgressAsync(id, TestData.Now)).Done, (await Store.ProgressAsync(id, TestData.Now)).Failed));
    }

    [Fact]
    public async Task Places_taken_after_the_plan_leave_the_last_workers_refused_for_quota_and_nobody_enrolled_beyond_it()
    {
        var from = await AgreementAsync("Q25", TestData.Agreement2025(quota: 10));
        var to = await AgreementAsync("Q26", TestData.Agreement2026(quota: 8));
        await Roster2025Async(from, 8);
        var id = await PreviewAsync(from, to, RenewalPriority.LongestContinuousMembership);
        Assert.True(await Store.ApproveAsync(id, "kepala-dinas", TestData.Now, null));
        foreach (var i in Enumerable.Range(0, 3))
        {
            // Three newcomers enrolled by hand after the plan was approved take three of the eight places.
            var newcomer = Silo.Grains.GetGrain<IWorkerGrain>(Guid.CreateVersion7());
            (await newcomer.RegisterAsync(TestData.Profile($"Pendatang {i}", Sex.Female, nik: TestData.Nik(Sex.Female, new DateOnly(1990, 1, 1 + i), "620309")), TestData.Context())).Expect();
            (await newcomer.EnrollFromStartAsync(to, TestData.Context())).Expect();
        }

        await Job.RunAsync(id, "operator", CancellationToken.None);

        var renewal = (await Store.GetAsync(id))!;
        Assert.Equal("failed", renewal.Status);
        Assert.Equal(3, await Store.FailedCountAsync(id));
        Assert.All((await Store.ItemsAsync(id)).Where(i => i.Status == "failed"), i => Assert.Contains("Kuota PKS", i.Failure, StringComparison.Ordinal));
        Assert.Equal(8, (await Silo.Grains.GetGrain<IAgreementGrain>(to).GetAsync())!.Enrolled);
        Assert.Equal(8L, await Database.ScalarAsync<long>("SELECT count(*) FROM app.participant_periods WHERE agreement_id = 'Q26'"));
    }

    [Fact]
    public async Task A_renewal_under_a_smaller_quota_does_what_its_preview_said_and_running_it_twice_changes_nothing()
    {
        var from = await AgreementAsync("R25", TestData.Agreement2025(quota: 100));
        var to = await AgreementAsync("R26", TestData.Agreement2026(quota: 20));
        var roster = await Roster2025Async(from, 40, veterans: 10, died: 3, moved: 2);

        var id = await PreviewAsync(from, to, RenewalPriority.LongestContinuousMembership);
        var plan = await Store.ItemsAsync(id);
        var summary = (await Store.GetAsync(id))!;
        Assert.Equal((40, 20, 15, 5), (summary.Candidates, summary.Continuing, summary.DroppingOut, summary.NotContinuing));
        Assert.Equal(3, plan.Count(i => i.Outcome == nameof(RenewalOutcome.Died)));
        Assert.Equal(20 * 201_600L, summary.Cost);
        Assert.Equal(10, plan.Count(i => i.Outcome == nameof(RenewalOutcome.Continues) && i.ContinuousMonths > 7));
        Assert.All(plan.Where(i => i.Outcome == nameof(RenewalOutcome.Continues)), i => Assert.Equal(92, i.GapDays));

        Assert.True(await Store.ApproveAsync(id, "kepala-dinas", TestData.Now, null));
        await Job.RunAsync(id, "operator", CancellationToken.None);

        var expected = plan.Where(i => i.Outcome == nameof(RenewalOutcome.Continues)).Select(i => i.WorkerId).ToHashSet();
        Assert.Equal(expected, await RenewedInAsync(to, roster));
        Assert.Equal(20, (await Silo.Grains.GetGrain<IAgreementGrain>(to).GetAsync())!.Enrolled);
        var done = (await Store.GetAsync(id))!;
        Assert.Equal(("completed", "kepala-dinas", "operator"), (done.Status, done.ApprovedBy, done.StartedBy));

        var audit = await Database.ScalarAsync<long>("SELECT count(*) FROM app.audit_log");
        await Job.RunAsync(id, "operator", CancellationToken.None);
        var again = await PreviewAsync(from, to, RenewalPriority.LongestContinuousMembership);

        Assert.Equal(audit, await Database.ScalarAsync<long>("SELECT count(*) FROM app.audit_log"));
        Assert.Equal(expected, await RenewedInAsync(to, roster));
        Assert.Equal(40, (await Store.GetAsync(again))!.Candidates);
        Assert.Equal(20, (await Store.ItemsAsync(again, nameof(RenewalOutcome.AlreadyRenewed))).Count);
        Assert.Equal(0, (await Store.GetAsync(again))!.Continuing);
    }

    [Fact]
    public async Task Under_the_kecamatan_share_rule_each_kecamatan_keeps_its_part_of_the_quota()
    {
        var from = await AgreementAsync("K25", TestData.Agreement2025(quota: 100));
        var to = await AgreementAsync("K26", TestData.Agreement2026(quota: 20));
        await Roster2025Async(from, 40);

        var id = await PreviewAsync(from, to, RenewalPriority.KecamatanShare);
        Assert.True(await Store.ApproveAsync(id, "admin", TestData.Now, null));
        await Job.RunAsync(id, "admin", CancellationToken.None);

        var byKecamatan = await Database.ScalarAsync<string>(
            "SELECT string_agg(kecamatan_code || ':' || n, ',' ORDER BY kecamatan_code) FROM (SELECT p.kecamatan_code, count(*) n FROM app.participant_periods pp JOIN app.participants p USING (worker_id) WHERE pp.agreement_id = 'K26' GROUP BY 1) x");
        Assert.Equal("62.03.01:5,62.03.08:5,62.03.09:5,62.03.10:5", byKecamatan);
    }

    [Fact]
    public async Task A_renewal_stopped_midway_finishes_on_the_rerun_with_no_duplicate_no_gap_and_no_missing_worker()
    {
        var from = await AgreementAsync("S25", TestData.Agreement2025(quota: 1_000));
        var to = await AgreementAsync("S26", TestData.Agreement2026(quota: 1_000));
        var roster = await Roster2025Async(from, 600);
        var id = await PreviewAsync(from, to, RenewalPriority.LongestContinuousMembership);
        Assert.True(await Store.ApproveAsync(id, "admin", TestData.Now, null));

        using var stop = new CancellationTokenSource();
        var run = Job.RunAsync(id, "admin", stop.Token);
        await Eventually.UntilAsync(async () => await Database.ScalarAsync<long>("SELECT count(*) FROM app.participant_periods WHERE agreement_id = 'S26'") >= 150,
            TimeSpan.FromSeconds(60), "150 workers renewed");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.NotEqual("completed", (await Store.GetAsync(id))!.Status);

        await Job.RunAsync(id, "admin", CancellationToken.None);

        Assert.Equal(roster.ToHashSet(), await RenewedInAsync(to, roster));
        Assert.Equal(600L, await Database.ScalarAsync<long>("SELECT count(*) FROM app.participant_periods WHERE agreement_id = 'S26'"));
        Assert.Equal(600L, await Database.ScalarAsync<long>("SELECT count(*) FROM app.audit_log WHERE action = 'worker.enrolled' AND after::text LIKE '%S26%'"));
        Assert.Equal("completed", (await Store.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task A_renewal_over_budget_cannot_be_approved_or_run()
    {
        var from = await AgreementAsync("B25", TestData.Agreement2025(quota: 100));
        var to = await AgreementAsync("B26", TestData.Agreement2026(quota: 20) with { BudgetCeiling = 1_000_000 });
        await Roster2025Async(from, 10);

        var id = await PreviewAsync(from, to, RenewalPriority.LongestContinuousMembership);

        Assert.Contains("melebihi pagu anggaran", (await Store.GetAsync(id))!.BudgetProblem, StringComparison.Ordinal);
        Assert.False(await Store.ApproveAsync(id, "admin", TestData.Now, null));
        await Job.RunAsync(id, "admin", CancellationToken.None);
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM app.participant_periods WHERE agreement_id = 'B26'"));
    }
}
