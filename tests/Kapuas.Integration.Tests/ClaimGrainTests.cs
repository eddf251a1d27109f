using Kapuas.Domain.Claims;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Family;
using Kapuas.Domain.Renewal;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Common;
using Kapuas.Grains.Renewal;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Renewal;
using Kapuas.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kapuas.Integration.Tests;

/// <summary>Claims in the worker grain on the real stack: state in ADO.NET storage, queue rows and audit in PostgreSQL.</summary>
public sealed class ClaimGrainTests : SiloOnPostgres
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    private static CommandContext At(string user, DateTimeOffset at) => TestData.Context(user, at);

    private async Task<(IWorkerGrain Worker, Guid Id)> WorkerAsync(params string[] agreements)
    {
        var id = Guid.CreateVersion7();
        var worker = Silo.Grains.GetGrain<IWorkerGrain>(id);
        (await worker.RegisterAsync(TestData.Profile("Rusdi", Sex.Male, nik: TestData.Nik(Sex.Male, new DateOnly(1988, 4, 12))) with { Sex = Sex.Male },
            At("admin", new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero)))).Expect();
        foreach (var agreement in agreements)
        {
            (await worker.EnrollFromStartAsync(agreement, At("admin", new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero)))).Expect();
        }

        return (worker, id);
    }

    private async Task<string> AgreementAsync(string code, AgreementTermsInput terms) =>
        (await TestRoster.SignedAgreementAsync(Silo.Grains, code, terms)).GetPrimaryKeyString();

    private static ClaimIntakeInput Intake(ClaimType type, DateTimeOffset at, bool traffic = false) =>
        new(type, at, "Sungai Kapuas, Desa Selat Hulu", "Perahu terbalik saat menjala ikan", false, traffic, ReporterKind.WorkersGroup,
            "Pak Budi (ketua kelompok nelayan)", "081234567890");

    private static async Task<ClaimView> DocumentsCompleteAsync(IWorkerGrain worker, ClaimView claim, DateTimeOffset at)
    {
        foreach (var d in claim.Documents.Where(d => d.Blocking))
        {
            claim = (await worker.RecordClaimDocumentAsync(claim.Id, new DocumentInput(d.Kind, DateOnly.FromDateTime(at.ToOffset(Wib).DateTime), true, null), At("sari", at))).Expect();
        }

        return claim;
    }

    [Fact]
    public async Task An_accident_of_a_covered_worker_is_opened_with_its_clock_and_listed_in_the_queue()
    {
        var (worker, id) = await WorkerAsync(await AgreementAsync("C26", TestData.Agreement2026()));
        var accident = new DateTimeOffset(2026, 6, 10, 8, 0, 0, Wib);

        var result = await worker.OpenClaimAsync(Intake(ClaimType.JkkAccident, accident), At("sari", TestData.Now));

        var claim = result.Expect();
        Assert.Empty(result.Warnings);
        Assert.True(claim.CoverageOnIncident.IsCovered);
        Assert.Equal("C26", claim.CoverageOnIncident.AgreementId);
        Assert.Equal(ClaimState.Draft, claim.State);
        Assert.Equal("sari", claim.AssignedTo);
        var report = claim.Clocks[0];
        Assert.Equal(accident.AddHours(48), report.Due);
        Assert.True(report.Overdue); // TestData.Now is 15 June, five days after the accident
        Assert.Equal(1_000_000, claim.Estimate.DeclaredIncome);
        Assert.Equal(0, claim.Estimate.Total); // STMB is paid per month, not a one-off amount
        Assert.Equal([1_000_000L, 500_000L], claim.Estimate.Components.Where(c => c.PerMonth).Select(c => c.Amount));
        Assert.Equal("JkkAccident", await Database.ScalarAsync<string>($"SELECT claim_type FROM app.claims WHERE worker_id = '{id}'"));
        Assert.Equal(accident.AddHours(48).UtcDateTime, await Database.ScalarAsync<DateTime>($"SELECT next_due_at FROM app.claims WHERE claim_id = '{claim.Id}'"));
        Assert.Equal("sari", await Database.ScalarAsync<string>($"SELECT assigned_to FROM app.claims WHERE claim_id = '{claim.Id}'"));
    }

    [Fact]
    public async Task An_incident_outside_coverage_is_recorded_with_the_reason_and_the_dates()
    {
        var (worker, _) = await WorkerAsync(await AgreementAsync("G25", TestData.Agreement2025()));

        var result = await worker.OpenClaimAsync(Intake(ClaimType.JkkAccident, new DateTimeOffset(2025, 10, 20, 9, 0, 0, Wib)), At("sari", TestData.Now));

        var claim = result.Expect();
        Assert.False(claim.CoverageOnIncident.IsCovered);
        Assert.Equal("after_last_coverage", claim.CoverageOnIncident.Reason);
        Assert.Contains("30/09/2025", claim.CoverageOnIncident.Explanation, StringComparison.Ordinal);
        Assert.Equal("claim.not_covered", Assert.Single(result.Warnings).Code);
        Assert.False(claim.Estimate.Covered);
        Assert.Equal(0, claim.Estimate.Total);
    }

    [Fact]
    public async Task A_death_ends_coverage_frees_the_next_quota_place_leaves_renewal_and_an_administrator_can_reverse_it()
    {
        var from = await AgreementAsync("D25", TestData.Agreement2025(quota: 10));
        var next = await AgreementAsync("D26", TestData.Agreement2026(quota: 10));
        var (worker, id) = await WorkerAsync(from, next);
        var death = new DateTimeOffset(2025, 8, 1, 16, 0, 0, Wib);

        var claim = (await worker.OpenClaimAsync(Intake(ClaimType.JkmDeath, death), At("sari", TestData.Now))).Expect();

        var view = (await worker.GetAsync(new DateOnly(2026, 6, 1)))!;
        Assert.Equal(ExitReason.Died, view.Exit!.Reason);
        Assert.Equal(new DateOnly(2025, 8, 1), view.Exit.Date);
        Assert.False(view.Coverage.IsCovered);
        Assert.True(claim.CoverageOnIncident.IsCovered);
        Assert.Equal(0, (await Silo.Grains.GetGrain<IAgreementGrain>(next).GetAsync())!.Enrolled);
        Assert.Equal("Died", await Database.ScalarAsync<string>($"SELECT exit_reason FROM app.participants WHERE worker_id = '{id}'"));
        var store = Silo.Services.GetRequiredService<RenewalStore>();
        var terms = (await Silo.Grains.GetGrain<IAgreementGrain>(next).GetAsync())!;
        var plan = await RenewalPreview.CreateAsync(store, terms.Terms.ToAgreement(next), terms.Enrolled, from, RenewalPriority.LongestContinuousMembership, "admin", TestData.Now);
        Assert.Equal(nameof(RenewalOutcome.Died), Assert.Single(await store.ItemsAsync(plan)).Outcome);

        Assert.Equal("death.reason_required", (await worker.ReverseDeathAsync(" ", At("admin", TestData.Now))).Errors.Single().Code);
        var reversed = (await worker.ReverseDeathAsync("Salah orang: yang meninggal saudaranya", At("admin", TestData.Now))).Expect();

        Assert.Null(reversed.Exit);
        Assert.True(reversed.Coverage.IsCovered);
        Assert.Equal(1, (await Silo.Grains.GetGrain<IAgreementGrain>(next).GetAsync())!.Enrolled);
        var closed = (await worker.GetClaimAsync(claim.Id, TestData.Now))!;
        Assert.Equal(ClaimState.Closed, closed.State);
        Assert.StartsWith("Kematian dibatalkan", closed.Reason, StringComparison.Ordinal);
        Assert.Equal("admin", await Database.ScalarAsync<string>($"SELECT user_name FROM app.audit_log WHERE subject_id = '{id}' AND action = 'worker.death_reversed'"));
        Assert.Equal(1L, await Database.ScalarAsync<long>($"SELECT count(*) FROM app.audit_log WHERE subject_id = '{id}' AND action = 'worker.death_recorded'"));
        Assert.Equal(0L, await Database.ScalarAsync<long>($"SELECT count(*) FROM app.participants WHERE worker_id = '{id}' AND exit_reason IS NOT NULL"));
    }

    [Fact]
    public async Task A_jkm_claim_goes_from_intake_to_paid_and_its_children_get_scholarship_records()
    {
        var (worker, id) = await WorkerAsync(await AgreementAsync("P26", TestData.Agreement2026()));
        (await worker.AddHistoricalPeriodAsync(new HistoricalPeriodInput(new DateOnly(2022, 1, 1), new DateOnly(2025, 12, 31), FundingKind.SelfPaid, null), At("admin", TestData.Now))).Expect();
        (await worker.SaveFamilyMemberAsync(new FamilyMemberInput(null, "Siti", null, Relationship.Spouse, new DateOnly(1990, 1, 1), SchoolLevel.NotYetInSchool, false, false), At("sari", TestData.Now))).Expect();
        (await worker.SaveFamilyMemberAsync(new FamilyMemberInput(null, "Adi", null, Relationship.Child, new DateOnly(2014, 3, 1), SchoolLevel.Smp, false, false), At("sari", TestData.Now))).Expect();
        var family = (await worker.SaveFamilyMemberAsync(new FamilyMemberInput(null, "Nia", null, Relationship.Child, new DateOnly(2018, 9, 1), SchoolLevel.Sd, false, false), At("sari", TestData.Now))).Expect();
        Assert.Equal(["Siti", "Adi", "Nia"], family.Family.Where(m => m.EntitledHeir).Select(m => m.Name));
        var died = new DateTimeOffset(2026, 6, 1, 5, 0, 0, Wib);
        var claim = (await worker.OpenClaimAsync(Intake(ClaimType.JkmDeath, died), At("sari", TestData.Now))).Expect();
        Assert.True(claim.Estimate.MasaIurMonths >= 36);
        Assert.Equal(2, claim.Estimate.Scholarships.Count(s => s.Eligible));

        var early = await worker.MoveClaimAsync(claim.Id, new TransitionInput(ClaimState.ReadyToSubmit), At("sari", TestData.Now));
        Assert.Equal("claim.documents_missing", early.Errors.Single().Code);
        claim = await DocumentsCompleteAsync(worker, claim, TestData.Now);
        Assert.Equal(0, claim.MissingBlocking);
        (await worker.MoveClaimAsync(claim.Id, new TransitionInput(ClaimState.ReadyToSubmit), At("sari", TestData.Now))).Expect();
        Assert.Equal("claim.reference_required", (await worker.MoveClaimAsync(claim.Id, new TransitionInput(ClaimState.SubmittedToBpjs), At("sari", TestData.Now))).Errors.Single().Code);
        (await worker.MoveClaimAsync(claim.Id, new TransitionInput(ClaimState.SubmittedToBpjs, BpjsReference: "JKM-KPS-2026-17"), At("sari", TestData.Now))).Expect();
        var approved = (await worker.MoveClaimAsync(claim.Id, new TransitionInput(ClaimState.Approved, ApprovedAmount: 42_000_000), At("rina", TestData.Now.AddDays(1)))).Expect();
        Assert.Equal(["Adi", "Nia"], approved.Scholarships.Select(s => s.ChildName));
        var paid = (await worker.MoveClaimAsync(claim.Id, new TransitionInput(ClaimState.Paid, PaidAmount: 42_000_000, PaidOn: new DateOnly(2026, 6, 16), Recipient: "Siti (istri)"), At("rina", TestData.Now.AddDays(2)))).Expect();

        Assert.Equal(ClaimState.Paid, paid.State);
        Assert.Equal(42_000_000, paid.Estimate.Total);
        Assert.Equal(42_000_000, paid.PaidAmount);
        string[] steps = ["draf", "siap diajukan", "diajukan ke BPJS", "disetujui", "dibayar"];
        Assert.Equal(steps, paid.History.Select(t => t.ToLabel));
        Assert.Equal("rina", paid.History[^1].UserName);
        Assert.Equal("Paid", await Database.ScalarAsync<string>($"SELECT state FROM app.claims WHERE claim_id = '{claim.Id}'"));
        Assert.Equal(42_000_000L, await Database.ScalarAsync<long>($"SELECT paid_amount FROM app.claims WHERE claim_id = '{claim.Id}'"));
        Assert.True(await Database.ScalarAsync<long>($"SELECT count(*) FROM app.audit_log WHERE subject_id = '{id}' AND action LIKE 'claim.%'") >= 10);

        var adi = approved.Scholarships[0].ChildId;
        var scholarship = (await worker.RecordScholarshipAsync(claim.Id, new ScholarshipInput(adi, 2026, SchoolLevel.Smp, new DateOnly(2026, 7, 1), 2_000_000, new DateOnly(2026, 7, 20)), At("sari", TestData.Now.AddDays(40)))).Expect();
        Assert.Equal(2_000_000, scholarship.Scholarships[0].TotalPaid);
        Assert.Equal("family.has_scholarship", (await worker.RemoveFamilyMemberAsync(adi, At("sari", TestData.Now))).Errors.Single().Code);
    }

    [Fact]
    public async Task An_intake_repeated_with_the_same_operation_opens_one_claim_and_a_second_death_claim_is_refused()
    {
        var (worker, id) = await WorkerAsync(await AgreementAsync("I26", TestData.Agreement2026()));
        var context = At("sari", TestData.Now);
        var intake = Intake(ClaimType.JkmDeath, new DateTimeOffset(2026, 6, 1, 5, 0, 0, Wib));

        var first = (await worker.OpenClaimAsync(intake, context)).Expect();
        var again = (await worker.OpenClaimAsync(intake, context)).Expect();
        var second = await worker.OpenClaimAsync(intake, At("sari", TestData.Now));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal("claim.death_exists", second.Errors.Single().Code);
        Assert.Single((await worker.GetAsync(new DateOnly(2026, 6, 15)))!.Claims);
        Assert.Equal(1L, await Database.ScalarAsync<long>($"SELECT count(*) FROM app.claims WHERE worker_id = '{id}'"));
        var after = await worker.OpenClaimAsync(Intake(ClaimType.JkkAccident, new DateTimeOffset(2026, 6, 5, 5, 0, 0, Wib)), At("sari", TestData.Now));
        Assert.Equal("claim.after_death", after.Errors.Single().Code);
    }

    [Fact]
    public async Task A_renewal_and_claim_moves_on_the_same_workers_at_once_end_consistent()
    {
        var from = await AgreementAsync("X25", TestData.Agreement2025(quota: 100));
        var to = await AgreementAsync("X26", TestData.Agreement2026(quota: 100));
        var workers = new List<(IWorkerGrain Worker, Guid Id)>();
        for (var i = 0; i < 24; i++)
        {
            workers.Add(await WorkerAsync(from));
        }

        var claims = new Dictionary<Guid, Guid>();
        foreach (var (worker, id) in workers)
        {
            claims[id] = (await worker.OpenClaimAsync(Intake(ClaimType.JkkAccident, new DateTimeOffset(2025, 7, 1, 9, 0, 0, Wib)), At("sari", TestData.Now))).Expect().Id;
        }

        var store = Silo.Services.GetRequiredService<RenewalStore>();
        var terms = (await Silo.Grains.GetGrain<IAgreementGrain>(to).GetAsync())!;
        var plan = await RenewalPreview.CreateAsync(store, terms.Terms.ToAgreement(to), terms.Enrolled, from, RenewalPriority.LongestContinuousMembership, "admin", TestData.Now);
        Assert.True(await store.ApproveAsync(plan, "admin", TestData.Now, null));

        // A third of the workers die after the plan was made and before it runs; while it runs, every worker's claim
        // moves and another third die.
        var death = Intake(ClaimType.JkmDeath, new DateTimeOffset(2025, 12, 20, 9, 0, 0, Wib));
        foreach (var w in workers.Where((_, i) => i % 3 == 0))
        {
            (await w.Worker.OpenClaimAsync(death, At("sari", TestData.Now))).Expect();
        }

        var renewal = Silo.Services.GetRequiredService<IRenewalJob>().RunAsync(plan, "admin", CancellationToken.None);
        var moves = workers.Select(async (w, i) =>
        {
            var claim = (await w.Worker.GetClaimAsync(claims[w.Id], TestData.Now))!;
            claim = await DocumentsCompleteAsync(w.Worker, claim, TestData.Now);
            (await w.Worker.MoveClaimAsync(claim.Id, new TransitionInput(ClaimState.ReadyToSubmit), At("sari", TestData.Now))).Expect();
            (await w.Worker.MoveClaimAsync(claim.Id, new TransitionInput(ClaimState.SubmittedToBpjs, BpjsReference: $"JKK-{i}"), At("sari", TestData.Now))).Expect();
            if (i % 3 == 1)
            {
                (await w.Worker.OpenClaimAsync(death, At("sari", TestData.Now))).Expect();
            }
        });
        await Task.WhenAll(moves.Append(renewal));

        var enrolled = (await Silo.Grains.GetGrain<IAgreementGrain>(to).GetAsync())!.Enrolled;
        var covered2026 = 0;
        foreach (var (w, i) in workers.Select((w, i) => (w, i)))
        {
            var view = (await w.Worker.GetAsync(new DateOnly(2026, 3, 1)))!;
            var claim = (await w.Worker.GetClaimAsync(claims[w.Id], TestData.Now))!;
            Assert.Equal(ClaimState.SubmittedToBpjs, claim.State);
            Assert.Equal(i % 3 == 2 ? 1 : 2, view.Claims.Count);
            Assert.Equal(i % 3 == 2, view.Coverage.IsCovered);
            Assert.True(view.Periods.Count(p => p.AgreementId == to) <= 1);
            covered2026 += view.Coverage.IsCovered ? 1 : 0;
            Assert.Equal(view.Version, await Database.ScalarAsync<long>($"SELECT version FROM app.participants WHERE worker_id = '{w.Id}'"));
            Assert.Equal(view.Claims.Count, (int)await Database.ScalarAsync<long>($"SELECT count(*) FROM app.claims WHERE worker_id = '{w.Id}'"));
        }

        Assert.Equal(8, covered2026);
        Assert.Equal(covered2026, enrolled);
        Assert.Equal(covered2026, (int)await Database.ScalarAsync<long>($"SELECT count(*) FROM app.agreement_enrolments WHERE agreement_id = '{to}'"));
    }
}

/// <summary>Holidays entered by administrators move the JKM payment clock.</summary>
public sealed class HolidayClockTests : SiloOnPostgres
{
    [Fact]
    public async Task An_entered_holiday_moves_the_jkm_payment_deadline_a_working_day_later()
    {
        var code = (await TestRoster.SignedAgreementAsync(Silo.Grains, "H26", TestData.Agreement2026())).GetPrimaryKeyString();
        var worker = Silo.Grains.GetGrain<IWorkerGrain>(Guid.CreateVersion7());
        (await worker.RegisterAsync(TestData.Profile("Libur"), TestData.Context())).Expect();
        (await worker.EnrollFromStartAsync(code, TestData.Context())).Expect();
        var died = new DateTimeOffset(2026, 5, 1, 6, 0, 0, TimeSpan.FromHours(7));
        var claim = (await worker.OpenClaimAsync(new ClaimIntakeInput(ClaimType.JkmDeath, died, "Rumah", "Sakit", false, false, ReporterKind.Family, "Siti", "0812"), TestData.Context())).Expect();
        foreach (var d in claim.Documents.Where(d => d.Blocking))
        {
            (await worker.RecordClaimDocumentAsync(claim.Id, new DocumentInput(d.Kind, new DateOnly(2026, 5, 12), true, null), TestData.Context())).Expect();
        }

        (await worker.MoveClaimAsync(claim.Id, new TransitionInput(ClaimState.ReadyToSubmit), TestData.Context())).Expect();
        var friday = new DateTimeOffset(2026, 5, 15, 9, 0, 0, TimeSpan.FromHours(7));
        var submitted = (await worker.MoveClaimAsync(claim.Id, new TransitionInput(ClaimState.SubmittedToBpjs, BpjsReference: "JKM-1"), TestData.Context(at: friday))).Expect();
        Assert.Equal(new DateTime(2026, 5, 20), submitted.Clocks.Single().Due.DateTime.Date);

        var store = new Kapuas.Infrastructure.Claims.ClaimStore(Silo.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), TimeProvider.System);
        await store.SaveHolidayAsync(new DateOnly(2026, 5, 18), "Contoh hari libur", "admin");
        Silo.Services.GetRequiredService<Kapuas.Infrastructure.ReadModel.PostgresHolidayCalendarSource>().Invalidate();

        var later = (await worker.GetClaimAsync(claim.Id, friday))!;
        Assert.Equal(new DateTime(2026, 5, 21), later.Clocks.Single().Due.DateTime.Date);
        Assert.Equal("Contoh hari libur", Assert.Single(await store.HolidaysAsync()).Name);
    }
}
