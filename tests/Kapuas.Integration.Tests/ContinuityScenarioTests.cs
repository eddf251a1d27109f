using Kapuas.Domain.Agreements;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Continuity;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Family;
using Kapuas.Domain.Renewal;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Continuity;
using Kapuas.Grains.ReadModel;
using Kapuas.Grains.Renewal;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Billing;
using Kapuas.Infrastructure.Continuity;
using Kapuas.Infrastructure.Renewal;
using Kapuas.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kapuas.Integration.Tests;

/// <summary>
/// The Kapuas 2025 → 2026 transition end to end on PostgreSQL (issue 13): the 2025 decree ends 30/09/2025, the 2026
/// PKS starts 01/01/2026, and the renewal either pays October–December as arrears or leaves the gap. A worker who
/// paid 2022–2023 herself, then lapsed, shows the two readings of masa iur apart; her death in June 2026 asks for
/// BPJS's word on the scholarship until the installation records the reading.
/// </summary>
public sealed class ContinuityScenarioTests : SiloOnPostgres
{
    private static readonly DateOnly InTheGap = new(2025, 11, 10);
    private static readonly DateOnly Died = new(2026, 6, 10);

    private RenewalStore Renewals => Silo.Services.GetRequiredService<RenewalStore>();

    private MonthlyBill Bills => new(Silo.Services.GetRequiredService<NpgsqlDataSource>(), Silo.Services.GetRequiredService<Kapuas.Domain.Identity.NikFingerprinter>());

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_2025_to_2026_transition_bridged_or_not(bool bridged)
    {
        var from = (await TestRoster.SignedAgreementAsync(Silo.Grains, "K25", TestData.Agreement2025(quota: 10))).GetPrimaryKeyString();
        var to = (await TestRoster.SignedAgreementAsync(Silo.Grains, "K26", TestData.Agreement2026(quota: 10))).GetPrimaryKeyString();
        var id = Guid.CreateVersion7();
        var worker = Silo.Grains.GetGrain<IWorkerGrain>(id);
        (await worker.RegisterAsync(TestData.Profile("Sri Wahyuni"), TestData.Context())).Expect();
        (await worker.AddHistoricalPeriodAsync(new HistoricalPeriodInput(new DateOnly(2022, 1, 1), new DateOnly(2023, 12, 31), FundingKind.SelfPaid, null),
            TestData.Context())).Expect();
        (await worker.EnrollFromStartAsync(from, TestData.Context())).Expect();
        (await worker.SaveFamilyMemberAsync(new FamilyMemberInput(null, "Dewi", null, Relationship.Child, new DateOnly(2015, 2, 1), SchoolLevel.Sd, false, false),
            TestData.Context())).Expect();

        // The renewal: its plan offers the arrears for October–December, chosen or not.
        var next = (await Silo.Grains.GetGrain<IAgreementGrain>(to).GetAsync())!;
        var renewal = await RenewalPreview.CreateAsync(Renewals, next.Terms.ToAgreement(to), next.Enrolled, from, RenewalPriority.LongestContinuousMembership,
            "admin", TestData.Now);
        var plan = (await Renewals.GetAsync(renewal))!;
        Assert.Equal((1, 3 * 16_800L, new DateOnly(2025, 12, 31)), (plan.BridgeableWorkers, plan.BridgeCost, plan.BridgeBy!.Value));
        Assert.True(await Renewals.ApproveAsync(renewal, "kepala-dinas", TestData.Now, null, bridge: bridged));
        await Silo.Services.GetRequiredService<IRenewalJob>().RunAsync(renewal, "operator", CancellationToken.None);

        // Status and coverage in the gap, and on 1 January.
        var inGap = (await worker.GetAsync(InTheGap))!;
        Assert.Equal(bridged ? MembershipStatus.Active : MembershipStatus.InGrace, inGap.Membership!.Status);
        Assert.Equal(bridged, inGap.Coverage.IsCovered);
        Assert.Contains(bridged ? "perlu konfirmasi BPJS" : "sejak 01/10/2025 sampai 31/12/2025", inGap.Coverage.Explanation, StringComparison.Ordinal);
        if (!bridged)
        {
            Assert.Equal(new DateOnly(2025, 12, 31), inGap.Membership.GraceUntil);
        }

        Assert.Equal(MembershipStatus.Active, (await worker.GetAsync(new DateOnly(2026, 1, 1)))!.Membership!.Status);
        var statusInGap = await Database.ScalarAsync<string>(
            $"SELECT status FROM app.participant_membership WHERE worker_id = '{id}' AND start_date <= '2025-11-10' AND (end_date IS NULL OR end_date >= '2025-11-10')");
        Assert.Equal(bridged ? "Active" : "InGrace", statusInGap);

        // Both readings of masa iur: 24 self-paid months, a lapse in 2024, 7 months of 2025, (3 arrears months), 6 of 2026.
        var atDeath = (await worker.GetAsync(Died))!.MasaIur;
        Assert.Equal(bridged ? (40, 16) : (37, 13), (atDeath.CumulativeMonths, atDeath.SinceLapseMonths));
        Assert.Equal(new DateOnly(2024, 4, 1), atDeath.LastLapse);

        // The first bill of the 2026 PKS carries the arrears lines.
        var bill = await Bills.ForMonthAsync(next.Terms.ToAgreement(to), new YearMonth(2026, 1));
        Assert.Equal(bridged ? ["", "2025-10", "2025-11", "2025-12"] : [""], bill.Lines.Select(l => l.ArrearsFor?.ToString() ?? ""));
        Assert.Equal((bridged ? 4 : 1) * 16_800, bill.Total.Rupiah);

        // The scholarship after a JKM death: the readings disagree (37 or 40 added up, 13 or 16 unbroken), so BPJS decides...
        var claim = (await worker.OpenClaimAsync(new ClaimIntakeInput(ClaimType.JkmDeath,
            new DateTimeOffset(Died.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(7)), "Rumah", "Sakit", false, false, ReporterKind.Family, "Dewi", "0812"),
            TestData.Context())).Expect();
        Assert.Equal(ScholarshipRight.NeedsBpjsConfirmation, claim.Estimate.ScholarshipRight);
        Assert.Contains("Perlu konfirmasi BPJS", claim.Estimate.ScholarshipVerdict, StringComparison.Ordinal);

        // ...until the installation records the reading BPJS KC Kapuas confirmed.
        var decisions = Silo.Services.GetRequiredService<InstallationDecisionStore>();
        foreach (var (reading, right) in new[] { (MasaIurReading.Cumulative, ScholarshipRight.Entitled), (MasaIurReading.SinceLastLapse, ScholarshipRight.NotEntitled) })
        {
            await decisions.RecordMasaIurReadingAsync(MasaIurDecision.Create(reading, "B/123/KC-KPS/2026", new DateOnly(2026, 6, 1), null, new DateOnly(2026, 6, 15)).Value,
                Guid.NewGuid(), "id-admin", "admin", TestData.Now);
            Silo.Services.GetRequiredService<Kapuas.Silo.Hosting.CachedInstallationDecisions>().Invalidate();
            Assert.Equal(right, (await worker.GetClaimAsync(claim.Id, TestData.Now))!.Estimate.ScholarshipRight);
        }

        Assert.Equal(2, await Database.ScalarAsync<long>("SELECT count(*) FROM app.audit_log WHERE subject_type = 'installation'"));
    }

    [Fact]
    public async Task Until_the_reading_is_recorded_approval_creates_no_scholarship_and_the_caseworker_records_bpjs_decision()
    {
        var code = (await TestRoster.SignedAgreementAsync(Silo.Grains, "S26", TestData.Agreement2026(quota: 10))).GetPrimaryKeyString();
        var worker = Silo.Grains.GetGrain<IWorkerGrain>(Guid.CreateVersion7());
        (await worker.RegisterAsync(TestData.Profile("Wati"), TestData.Context())).Expect();
        // 36 self-paid months, then more than two years unpaid (a lapse), then the 2026 PKS: 42 months added up, 6 unbroken.
        (await worker.AddHistoricalPeriodAsync(new HistoricalPeriodInput(new DateOnly(2021, 1, 1), new DateOnly(2023, 12, 31), FundingKind.SelfPaid, null),
            TestData.Context())).Expect();
        (await worker.EnrollFromStartAsync(code, TestData.Context())).Expect();
        (await worker.SaveFamilyMemberAsync(new FamilyMemberInput(null, "Rani", null, Relationship.Child, new DateOnly(2016, 5, 1), SchoolLevel.Sd, false, false),
            TestData.Context())).Expect();
        var claim = (await worker.OpenClaimAsync(new ClaimIntakeInput(ClaimType.JkmDeath, new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(7)),
            "Rumah", "Sakit", false, false, ReporterKind.Family, "Rani", "0812"), TestData.Context())).Expect();
        Assert.Equal((6, 42, ScholarshipRight.NeedsBpjsConfirmation), (claim.Estimate.MasaIurMonths, claim.Estimate.MasaIurCumulativeMonths, claim.Estimate.ScholarshipRight));

        var early = await worker.RecordScholarshipDecisionAsync(claim.Id, new ScholarshipDecisionInput(true, "B/9/KC-KPS/2026", null), TestData.Context());
        Assert.Equal("scholarship.decision_too_early", Assert.Single(early.Errors).Code);
        foreach (var d in claim.Documents.Where(d => d.Blocking))
        {
            (await worker.RecordClaimDocumentAsync(claim.Id, new DocumentInput(d.Kind, new DateOnly(2026, 6, 10), true, null), TestData.Context())).Expect();
        }

        (await worker.MoveClaimAsync(claim.Id, new TransitionInput(ClaimState.ReadyToSubmit), TestData.Context())).Expect();
        (await worker.MoveClaimAsync(claim.Id, new TransitionInput(ClaimState.SubmittedToBpjs, BpjsReference: "JKM-1"), TestData.Context())).Expect();
        var approved = (await worker.MoveClaimAsync(claim.Id, new TransitionInput(ClaimState.Approved, ApprovedAmount: 42_000_000), TestData.Context())).Expect();
        Assert.Empty(approved.Scholarships); // not created on approval while BPJS has not said

        var decided = (await worker.RecordScholarshipDecisionAsync(claim.Id, new ScholarshipDecisionInput(true, "B/9/KC-KPS/2026", "diberikan"), TestData.Context())).Expect();
        Assert.Equal(["Rani"], decided.Scholarships.Select(x => x.ChildName));
        Assert.Equal(("B/9/KC-KPS/2026", true), (decided.ScholarshipDecision!.BpjsReference, decided.ScholarshipDecision.Granted));
        Assert.Equal(1, await Database.ScalarAsync<long>("SELECT count(*) FROM app.audit_log WHERE action = 'claim.scholarship_decision_recorded'"));
    }

    [Fact]
    public async Task A_jkk_death_months_after_the_accident_ends_cover_on_the_date_of_death()
    {
        var code = (await TestRoster.SignedAgreementAsync(Silo.Grains, "D26", TestData.Agreement2026(quota: 10))).GetPrimaryKeyString();
        var worker = Silo.Grains.GetGrain<IWorkerGrain>(Guid.CreateVersion7());
        (await worker.RegisterAsync(TestData.Profile("Darto", Sex.Male, TestData.Nik(Sex.Male, new DateOnly(1988, 4, 12))) with { Sex = Sex.Male }, TestData.Context())).Expect();
        (await worker.EnrollFromStartAsync(code, TestData.Context())).Expect();
        var accident = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(7));

        var claim = (await worker.OpenClaimAsync(new ClaimIntakeInput(ClaimType.JkkDeath, accident, "Ladang", "Tertimpa pohon", false, false, ReporterKind.Family,
            "Istri", "0812", null, new DateOnly(2026, 5, 20)), TestData.Context())).Expect();

        Assert.Equal(new DateOnly(2026, 5, 20), claim.DiedOn);
        var view = (await worker.GetAsync(new DateOnly(2026, 5, 20)))!;
        Assert.Equal(new DateOnly(2026, 5, 20), view.Exit!.Date);
        Assert.True(view.Coverage.IsCovered);
        Assert.Equal(MembershipStatus.Exited, (await worker.GetAsync(new DateOnly(2026, 5, 21)))!.Membership!.Status);
    }

    [Fact]
    public async Task A_worker_enrolled_after_the_start_is_covered_from_the_enrolment_not_backdated()
    {
        var code = (await TestRoster.SignedAgreementAsync(Silo.Grains, "L26", TestData.Agreement2026(quota: 10))).GetPrimaryKeyString();
        var worker = Silo.Grains.GetGrain<IWorkerGrain>(Guid.CreateVersion7());
        (await worker.RegisterAsync(TestData.Profile("Rina"), TestData.Context())).Expect(); // TestData.Now: 15/06/2026, WIB

        var backdated = await worker.EnrollAsync(code, new DateOnly(2026, 1, 1), TestData.Context());
        var enrolled = (await worker.EnrollAsync(code, null, TestData.Context())).Expect();

        Assert.Equal("enrolment.backdated", Assert.Single(backdated.Errors).Code);
        Assert.Equal(new DateOnly(2026, 6, 15), Assert.Single(enrolled.Periods).Start);
        Assert.Equal(MembershipStatus.NotYetMember, (await worker.GetAsync(new DateOnly(2026, 6, 14)))!.Membership!.Status);
        Assert.Equal("Belum terlindungi; perlindungan mulai 15/06/2026.", (await worker.GetAsync(new DateOnly(2026, 6, 14)))!.Coverage.Explanation);
        // The bill follows the coverage: June is billed in full (the agreement bills whole months), nothing before.
        var bill = Bills;
        var terms = (await Silo.Grains.GetGrain<IAgreementGrain>(code).GetAsync())!.Terms.ToAgreement(code);
        Assert.Empty((await bill.ForMonthAsync(terms, new YearMonth(2026, 5))).Lines);
        Assert.Single((await bill.ForMonthAsync(terms, new YearMonth(2026, 6))).Lines);
    }

    [Fact]
    public async Task The_guard_raises_each_alert_once_and_an_administrator_acknowledges_it()
    {
        // An agreement that started today and ends in five days, with no successor: its cohort would lapse three months later.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var end = today.AddDays(5);
        var code = (await TestRoster.SignedAgreementAsync(Silo.Grains, "G-NOW", TestData.AgreementFor(today.Year, quota: 10) with { Start = today, End = end })).GetPrimaryKeyString();
        var worker = Silo.Grains.GetGrain<IWorkerGrain>(Guid.CreateVersion7());
        (await worker.RegisterAsync(TestData.Profile("Yanti"), TestData.Context())).Expect();
        (await worker.EnrollFromStartAsync(code, TestData.Context())).Expect();
        var store = Silo.Services.GetRequiredService<ContinuityStore>();
        var job = Silo.Services.GetRequiredService<IContinuityJob>();

        Assert.Equal(1, await job.RunAsync(CancellationToken.None));
        await job.RunAsync(CancellationToken.None);

        var assessment = Assert.Single(await store.AssessmentsAsync());
        var lapse = GraceRule.On(end).LastDayOfGrace(end).AddDays(1);
        Assert.Equal((1, (DateTime?)lapse.ToDateTime(TimeOnly.MinValue), 5), (assessment.Cohort, assessment.LapseOn, assessment.DaysUntilEnd));
        var alerts = await store.AlertsAsync();
        Assert.Equal([7, 30, 60, 90], alerts.Select(a => a.ThresholdDays).Order()); // each raised once, however often the job runs
        Assert.True(await store.AcknowledgeAsync(alerts[0].Id, "admin", DateTimeOffset.UtcNow));
        Assert.False(await store.AcknowledgeAsync(alerts[0].Id, "admin", DateTimeOffset.UtcNow));
        Assert.Equal(3, await store.OpenAlertCountAsync());
    }

    [Fact]
    public async Task After_an_upgrade_the_first_continuity_run_fills_the_membership_segments_from_grain_state()
    {
        var code = (await TestRoster.SignedAgreementAsync(Silo.Grains, "U26", TestData.Agreement2026(quota: 10))).GetPrimaryKeyString();
        var worker = Silo.Grains.GetGrain<IWorkerGrain>(Guid.CreateVersion7());
        (await worker.RegisterAsync(TestData.Profile("Lama Sekali"), TestData.Context())).Expect();
        (await worker.EnrollFromStartAsync(code, TestData.Context())).Expect();
        var segments = await Database.ScalarAsync<long>("SELECT count(*) FROM app.participant_membership");
        Assert.True(segments >= 2); // active, then grace (and lapse) after the end
        await Database.ScalarAsync<long>("WITH gone AS (DELETE FROM app.participant_membership RETURNING 1) SELECT count(*) FROM gone"); // as before migration 0009

        await Silo.Services.GetRequiredService<IContinuityJob>().RunAsync(CancellationToken.None);

        Assert.Equal(segments, await Database.ScalarAsync<long>("SELECT count(*) FROM app.participant_membership"));
    }

    [Fact]
    public async Task After_an_upgrade_the_first_continuity_run_fills_the_childrens_scholarship_rights_from_grain_state()
    {
        var code = (await TestRoster.SignedAgreementAsync(Silo.Grains, "S26", TestData.Agreement2026(quota: 10))).GetPrimaryKeyString();
        var worker = Silo.Grains.GetGrain<IWorkerGrain>(Guid.CreateVersion7());
        (await worker.RegisterAsync(TestData.Profile("Ayah Dua Anak"), TestData.Context())).Expect();
        (await worker.EnrollFromStartAsync(code, TestData.Context())).Expect(); // membership segments exist: only the rights lag
        (await worker.SaveFamilyMemberAsync(new FamilyMemberInput(null, "Anak Sekolah", null, Relationship.Child, new DateOnly(2014, 3, 3),
            SchoolLevel.Sd, false, false), TestData.Context())).Expect();
        var id = worker.GetPrimaryKey();
        var rights = $"SELECT coalesce(array_length(scholarship_until, 1), -1) FROM app.participants WHERE worker_id = '{id}'";
        Assert.Equal(1, await Database.ScalarAsync<int>(rights));
        Assert.True(await Database.ScalarAsync<long>($"SELECT count(*) FROM app.participant_membership WHERE worker_id = '{id}'") > 0);
        await Database.ScalarAsync<long>($"WITH gone AS (UPDATE app.participants SET scholarship_until = NULL WHERE worker_id = '{id}' RETURNING 1) SELECT count(*) FROM gone"); // as before migration 0018

        await Silo.Services.GetRequiredService<IContinuityJob>().RunAsync(CancellationToken.None);

        Assert.Equal(1, await Database.ScalarAsync<int>(rights));
        Assert.Equal("2037-03-02", await Database.ScalarAsync<string>($"SELECT scholarship_until[1]::text FROM app.participants WHERE worker_id = '{id}'"));
    }
}
