using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Operations;
using Kapuas.Domain.Workers;

namespace Kapuas.Domain.Tests;

/// <summary>
/// Double cover on the worker (issue 18; bpjs-rules.md §6.2, §6.3): a village's list that names a worker the regency
/// already covers is held beside the timeline, not refused; an administrator's choice of payer then cuts the other
/// payer's days, moves a held period into the timeline, and frees the quota place of a payer left with nothing.
/// </summary>
public sealed class WorkerDoubleCoverTests
{
    private static readonly DateTimeOffset July = new(2026, 7, 20, 9, 0, 0, Wib.Offset);

    private static Actor Admin() => new("admin", "Admin", July);

    private static readonly Agreement Regency = Make("KAB-2026", FundingKind.ApbdKabupaten, new DateOnly(2026, 1, 1));
    private static readonly Agreement Village = Make("DESA-2026", FundingKind.Apbdes, new DateOnly(2026, 1, 1));

    private static Agreement Make(string id, FundingKind payer, DateOnly start) =>
        Agreement.Create(new AgreementTerms(id, $"900/{id}", start.AddDays(-10), 2026, start, new DateOnly(2026, 12, 31), 100,
            Programs.Jkk | Programs.Jkm, Agreement.DefaultDeclaredIncome, new Money(1_000_000_000), PartialMonthRule.FullMonth, payer,
            PayerKecamatan: payer == FundingKind.Apbdes ? "62.03.01" : null, PayerDesa: payer == FundingKind.Apbdes ? "Sei Tatas" : null)).Value;

    private static readonly IReadOnlyDictionary<string, Agreement> Both = new Dictionary<string, Agreement>
    {
        [Regency.Id] = Regency,
        [Village.Id] = Village,
    };

    private static ProfileInput Budi() =>
        new("6203011505950001", "Budi", Sex.Male, new DateOnly(1995, 5, 15), "Selat", "Sei Tatas", "petani", null, null);

    private static Worker Apply(WorkerOutcome outcome) =>
        outcome.Change?.Next ?? throw new InvalidOperationException($"Refused: {string.Join("; ", outcome.Errors.Select(e => e.Error.Code))}");

    /// <summary>In the regency's starting roster for all of 2026.</summary>
    private static Worker CoveredByRegency()
    {
        var worker = Apply(Worker.Unregistered.Register(Budi(), Admin()));
        return Apply(worker.Enrol(Regency.Id, Regency, null, startingRoster: true, bridgeGap: false, Admin()));
    }

    /// <summary>The village's list imported in July, naming the worker from the agreement's start or from <paramref name="from"/>.</summary>
    private static WorkerOutcome ImportVillage(Worker worker, DateOnly? from = null, bool startingRoster = true) =>
        worker.Import(Budi(), Admin(),
            next => next.PlanEnrolment(Village, from, startingRoster, bridgeGap: false, Wib.DateOf(July)),
            next => next.PlanHeldCover(Village, from, startingRoster, Wib.DateOf(July)));

    private static string Spans(Worker w) => string.Join(", ", w.Timeline.Spans.Select(s =>
        $"{s.Period.Start:yyyy-MM-dd}..{s.Period.End:yyyy-MM-dd} {s.Funding.AgreementId}"));

    [Fact]
    public void A_village_list_naming_a_worker_the_regency_covers_is_held_not_refused_and_coverage_does_not_change()
    {
        var regency = CoveredByRegency();

        var outcome = ImportVillage(regency);

        var held = Apply(outcome);
        Assert.Contains(Worker.DoubleCoverHeldAction, outcome.Change!.Actions);
        Assert.Equal("2026-01-01..2026-12-31 KAB-2026", Spans(held));
        var cover = Assert.Single(held.HeldCovers);
        Assert.Equal((P("2026-01-01", "2026-12-31"), FundingKind.Apbdes, "DESA-2026"), (cover.Period, cover.Funding.Kind, cover.Funding.AgreementId));
        Assert.Equal("KAB-2026", held.CoverageOn(new DateOnly(2026, 8, 1)).AgreementId);
        Assert.True(held.EnrolledIn(Village.Id));
        // The same list again finds the worker in the village's agreement already: nothing is held twice.
        Assert.Equal("coverage.overlap", Assert.IsType<DomainError>(held.PlanHeldCover(Village, null, true, Wib.DateOf(July)).Error).Code);
    }

    [Fact]
    public void Days_covered_by_self_paid_months_are_not_held_the_timeline_refusal_stands()
    {
        var worker = Apply(Worker.Unregistered.Register(Budi(), Admin()));
        var paid = worker.AddHistoricalPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), FundingKind.SelfPaid, null, Admin());
        worker = paid.Change?.Next ?? throw new InvalidOperationException(string.Join("; ", paid.Errors.Select(e => e.Error.Code + " " + e.Error.Message)));

        var outcome = ImportVillage(worker);

        Assert.Null(outcome.Change); // nothing held, nothing enrolled: the profile is unchanged
        Assert.Equal("import.enrol_failed", Assert.Single(outcome.Warnings).Error.Code);
        // With no overlap at all there is nothing to hold: the enrolment itself goes through.
        var fresh = Apply(Worker.Unregistered.Register(Budi(), Admin()));
        Assert.Equal("double_cover.none", fresh.PlanHeldCover(Village, null, true, Wib.DateOf(July)).Error!.Code);
    }

    [Fact]
    public void Keeping_the_regency_drops_the_held_village_period_and_gives_the_villages_place_back_and_a_second_choice_changes_nothing()
    {
        var held = Apply(ImportVillage(CoveredByRegency()));

        var outcome = held.ResolveDoubleCover(Regency.Id, Both, Admin());

        var after = Apply(outcome);
        Assert.Equal<string>([Worker.DoubleCoverResolvedAction], outcome.Change!.Actions);
        Assert.Empty(after.HeldCovers);
        Assert.Equal("2026-01-01..2026-12-31 KAB-2026", Spans(after));
        Assert.Equal<string>(["DESA-2026"], outcome.Change.PlacesToRelease);
        Assert.False(after.EnrolledIn(Village.Id));
        Assert.Equal("double_cover.resolved", Assert.Single(outcome.Warnings).Error.Code);

        var again = after.ResolveDoubleCover(Regency.Id, Both, Admin());
        Assert.Null(again.Change);
        Assert.False(again.Refused);
        Assert.Equal("double_cover.nothing_to_cut", Assert.Single(again.Warnings).Error.Code);
        Assert.Null(after.ResolveDoubleCover(Village.Id, Both, Admin()).Change);
    }

    [Fact]
    public void Keeping_the_village_for_the_whole_year_moves_its_period_into_the_timeline_and_frees_the_regencys_place()
    {
        var held = Apply(ImportVillage(CoveredByRegency()));

        var outcome = held.ResolveDoubleCover(Village.Id, Both, Admin());

        var after = Apply(outcome);
        Assert.Empty(after.HeldCovers);
        Assert.Equal("2026-01-01..2026-12-31 DESA-2026", Spans(after));
        Assert.Equal(FundingKind.Apbdes, after.Timeline.Spans[0].Funding.Kind);
        Assert.Equal<string>(["KAB-2026"], outcome.Change!.PlacesToRelease);
        Assert.Equal("DESA-2026", after.CoverageOn(new DateOnly(2026, 3, 1)).AgreementId);
    }

    [Fact]
    public void Keeping_a_village_that_enrolled_in_July_cuts_the_regency_from_that_day_and_names_July_as_still_billed_twice()
    {
        // The village's list is imported on 20 July, not as a starting roster: its period starts that day.
        var held = Apply(ImportVillage(CoveredByRegency(), startingRoster: false));
        Assert.Equal(P("2026-07-20", "2026-12-31"), Assert.Single(held.HeldCovers).Period);

        var outcome = held.ResolveDoubleCover(Village.Id, Both, Admin());

        var after = Apply(outcome);
        Assert.Equal("2026-01-01..2026-07-19 KAB-2026, 2026-07-20..2026-12-31 DESA-2026", Spans(after));
        Assert.Empty(outcome.Change!.PlacesToRelease); // the regency still covers January to July
        Assert.Equal(["double_cover.resolved", "double_cover.still_billed"], outcome.Warnings.Select(w => w.Error.Code));
        Assert.Contains("2026-07", outcome.Warnings[1].Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_choice_of_a_payer_that_does_not_cover_the_worker_or_without_the_agreements_terms_is_refused()
    {
        var held = Apply(ImportVillage(CoveredByRegency()));

        Assert.Equal("double_cover.keeper_unknown", Assert.Single(held.ResolveDoubleCover("PROV-2026", Both, Admin()).Errors).Error.Code);
        Assert.Equal("agreement.not_found",
            Assert.Single(held.ResolveDoubleCover(Regency.Id, new Dictionary<string, Agreement> { [Regency.Id] = Regency }, Admin()).Errors).Error.Code);
        Assert.Equal("worker.not_found", Assert.Single(Worker.Unregistered.ResolveDoubleCover(Regency.Id, Both, Admin()).Errors).Error.Code);
    }

    private static CoveragePeriod P(string start, string end) => CoveragePeriod.Of(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
        DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));
}
