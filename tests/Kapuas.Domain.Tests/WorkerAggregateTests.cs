using Kapuas.Domain.Agreements;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Family;
using Kapuas.Domain.Operations;
using Kapuas.Domain.Workers;

namespace Kapuas.Domain.Tests;

/// <summary>The worker aggregate's rules, without a grain or a database: what each command changes, refuses, and frees.</summary>
public sealed class WorkerAggregateTests
{
    private static readonly DateTimeOffset July = new(2026, 7, 20, 9, 0, 0, Wib.Offset);

    private static Actor Sari(DateTimeOffset? at = null) => new("sari", "Sari", at ?? July);

    private static ProfileInput Budi(string name = "Budi") =>
        new("6203011505950001", name, Sex.Male, new DateOnly(1995, 5, 15), "Selat", "Sei Tatas", "petani", null, null);

    private static Agreement Pks(string id, int year, DateOnly start, DateOnly end) => Agreement.Create(new AgreementTerms(
        id, $"900/001/PKS/DINSOS/{year}", start.AddDays(-10), year, start, end, 5_000, Programs.Jkk | Programs.Jkm,
        Agreement.DefaultDeclaredIncome, new Money(1_008_000_000))).Value;

    private static readonly Agreement Pks2025 = Pks("PKS-2025", 2025, new DateOnly(2025, 3, 1), new DateOnly(2025, 9, 30));
    private static readonly Agreement Pks2026 = Pks("PKS-2026", 2026, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

    private static Worker Apply(WorkerOutcome outcome) =>
        outcome.Change?.Next ?? throw new InvalidOperationException($"Refused: {string.Join("; ", outcome.Errors)}");

    /// <summary>Registered on 1 February 2025, in the starting roster of PKS-2025 and PKS-2026.</summary>
    private static Worker Enrolled()
    {
        var registered = new DateTimeOffset(2025, 2, 1, 9, 0, 0, Wib.Offset);
        var worker = Apply(Worker.Unregistered.Register(Budi(), Sari(registered)));
        worker = Apply(worker.Enrol(Pks2025.Id, Pks2025, null, startingRoster: true, bridgeGap: false, Sari(registered)));
        return Apply(worker.Enrol(Pks2026.Id, Pks2026, null, startingRoster: true, bridgeGap: false, Sari(registered)));
    }

    [Fact]
    public void Registering_stamps_who_and_when_and_counts_a_version_and_a_second_registration_is_refused()
    {
        var outcome = Worker.Unregistered.Register(Budi(), Sari());

        var worker = Apply(outcome);
        Assert.Equal<string>(["worker.registered"], outcome.Change!.Actions);
        Assert.Equal(1, worker.Version);
        Assert.Equal(("Sari", July, "Sari"), (worker.RegisteredBy, worker.UpdatedAt, worker.UpdatedBy));
        Assert.Equal("worker.already_registered", Assert.Single(worker.Register(Budi(), Sari()).Errors).Error.Code);
        Assert.Equal("worker.not_found", Assert.Single(Worker.Unregistered.UpdateProfile(Budi(), Sari()).Errors).Error.Code);
    }

    [Fact]
    public void An_enrolment_is_refused_twice_and_for_an_agreement_not_found()
    {
        var worker = Enrolled();

        Assert.Equal("worker.already_enrolled", Assert.Single(worker.Enrol(Pks2026.Id, Pks2026, null, false, false, Sari()).Errors).Error.Code);
        Assert.Equal("agreement.not_found", Assert.Single(worker.Enrol("PKS-2027", null, null, false, false, Sari()).Errors).Error.Code);
        Assert.Equal(["2025-03-01..2025-09-30 PKS-2025", "2026-01-01..2026-12-31 PKS-2026"],
            worker.Timeline.Spans.Select(s => $"{s.Period.Start:yyyy-MM-dd}..{s.Period.End:yyyy-MM-dd} {s.Funding.AgreementId}"));
    }

    [Fact]
    public void An_exit_gives_back_only_the_places_of_agreements_whose_period_it_wipes_out()
    {
        var worker = Enrolled();

        var during2026 = worker.RecordExit(ExitReason.MovedAway, new DateOnly(2026, 7, 15), "pindah", Sari()).Change!;
        var before2026 = worker.RecordExit(ExitReason.MovedAway, new DateOnly(2025, 12, 1), null, Sari()).Change!;

        Assert.Empty(during2026.PlacesToRelease);
        Assert.Equal<string>(["PKS-2026"], before2026.PlacesToRelease);
        Assert.Equal("exit.future", Assert.Single(worker.RecordExit(ExitReason.MovedAway, new DateOnly(2026, 7, 21), null, Sari()).Errors).Error.Code);
        Assert.Equal("exit.already", Assert.Single(during2026.Next.RecordExit(ExitReason.Died, new DateOnly(2026, 7, 16), null, Sari()).Errors).Error.Code);
    }

    [Fact]
    public void A_death_claim_records_the_death_frees_later_places_and_a_second_one_is_refused_while_it_runs()
    {
        var worker = Enrolled();

        var outcome = worker.OpenClaim(Guid.NewGuid(), ClaimType.JkmDeath, new DateTimeOffset(2025, 11, 3, 8, 0, 0, Wib.Offset), "Rumah", "Sakit",
            false, false, ReporterKind.Family, "Wati", "081234567890", null, Sari());

        var after = Apply(outcome);
        Assert.Equal<string>(["claim.opened", "worker.death_recorded"], outcome.Change!.Actions);
        Assert.Equal<string>(["PKS-2026"], outcome.Change.PlacesToRelease);
        Assert.Equal((ExitReason.Died, new DateOnly(2025, 11, 3)), (after.Timeline.Exit!.Reason, after.Timeline.Exit.Date));
        Assert.Equal("claim.not_covered", Assert.Single(outcome.Warnings).Error.Code); // 3 November 2025 lies between the two PKS
        Assert.False(Assert.Single(after.Claims).AtIntake.IsCovered);
        var second = after.OpenClaim(Guid.NewGuid(), ClaimType.JkmDeath, new DateTimeOffset(2025, 11, 3, 8, 0, 0, Wib.Offset), "Rumah", "Sakit",
            false, false, ReporterKind.Family, "Wati", "081234567890", null, Sari());
        Assert.Equal("claim.death_exists", Assert.Single(second.Errors).Error.Code);
    }

    [Fact]
    public void Reversing_a_death_closes_open_death_claims_and_drops_the_periods_whose_place_is_gone()
    {
        var dead = Apply(Enrolled().OpenClaim(Guid.NewGuid(), ClaimType.JkmDeath, new DateTimeOffset(2025, 11, 3, 8, 0, 0, Wib.Offset), "Rumah",
            "Sakit", false, false, ReporterKind.Family, "Wati", "081234567890", null, Sari()));

        var restored = dead.CheckDeathReversal("salah input").Value;
        var outcome = dead.ReverseDeath("salah input", [(Assert.Single(restored), "Kuota penuh")], Sari());

        var after = Apply(outcome);
        Assert.Null(after.Timeline.Exit);
        Assert.Equal(["PKS-2025"], after.Timeline.Spans.Select(s => s.Funding.AgreementId));
        Assert.Equal("death.period_dropped", Assert.Single(outcome.Warnings).Error.Code);
        Assert.Equal(ClaimState.Closed, Assert.Single(after.Claims).Claim.State);
        Assert.Equal("death.reason_required", Assert.Single(dead.ReverseDeath(" ", [], Sari()).Errors).Error.Code);
        Assert.Equal("death.none", Assert.Single(after.ReverseDeath("lagi", [], Sari()).Errors).Error.Code);
    }

    [Fact]
    public void An_import_of_the_same_row_changes_nothing_and_a_refused_enrolment_is_a_warning()
    {
        var worker = Apply(Worker.Unregistered.Register(Budi(), Sari()));

        var same = worker.Import(Budi(), Sari(), enrol: null);
        var renamed = worker.Import(Budi("Budi Santoso"), Sari(), next => new DomainError("agreement.quota_full", "PKS-2026", "5.000", "5.000"));

        Assert.Null(same.Change);
        Assert.False(same.Refused);
        Assert.Equal<string>(["worker.profile_updated"], renamed.Change!.Actions);
        Assert.Equal(("import.enrol_failed", "Kuota PKS PKS-2026 sudah penuh: 5.000 dari 5.000 peserta."),
            (Assert.Single(renamed.Warnings).Error.Code, renamed.Warnings[0].Error.Message));
        Assert.Empty(renamed.Change.Next.Timeline.Spans);
    }

    [Fact]
    public void A_family_member_cannot_carry_the_workers_own_nik_and_a_nik_left_out_on_a_change_is_kept()
    {
        var worker = Apply(Worker.Unregistered.Register(Budi(), Sari()));
        var id = Guid.NewGuid();

        var own = worker.SaveFamilyMember(id, true, "Wati", "6203011505950001", Relationship.Spouse, null, SchoolLevel.NotYetInSchool, true, false, Sari());
        var added = Apply(worker.SaveFamilyMember(id, true, "Wati", "6203014107960002", Relationship.Spouse, null, SchoolLevel.NotYetInSchool, true, false, Sari()));
        var changed = Apply(added.SaveFamilyMember(id, false, "Wati Rahayu", null, Relationship.Spouse, null, SchoolLevel.NotYetInSchool, true, true, Sari()));

        Assert.Equal(("family.own_nik", "NIK"), (Assert.Single(own.Errors).Error.Code, own.Errors[0].Field));
        Assert.Equal(("Wati Rahayu", "6203014107960002"), (Assert.Single(changed.Family).Name, changed.Family[0].Nik!.Value));
        Assert.Equal("family.not_found", Assert.Single(added.SaveFamilyMember(Guid.NewGuid(), false, "X", null, Relationship.Child,
            new DateOnly(2020, 1, 1), SchoolLevel.NotYetInSchool, false, false, Sari()).Errors).Error.Code);
    }
}
