using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Renewal;

namespace Kapuas.Domain.Tests;

public sealed class RenewalPlannerTests
{
    private const string Previous = "PKS-2025";

    private static Agreement Next(int quota = 5_000, long budget = 1_008_000_000) => Agreement.Create(new AgreementTerms(
        "PKS-2026", "400.7/12/DINSOS/2026", new DateOnly(2026, 1, 8), 2026, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31),
        quota, Programs.Jkk | Programs.Jkm, new Money(1_000_000), new Money(budget))).Value;

    private static CoverageSpan Span(string start, string end, string? agreement = Previous, FundingKind kind = FundingKind.ApbdKabupaten) =>
        new(CoveragePeriod.Of(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)),
            new Funding(kind, agreement, null));

    private static RenewalCandidate Candidate(string name, string kecamatan = "62.03.01", Exit? exit = null, params CoverageSpan[] spans) =>
        new(Guid.NewGuid(), name, kecamatan, CoverageTimeline.From(spans, exit).Value);

    private static RenewalCandidate Cohort2025(string name, string kecamatan = "62.03.01") =>
        Candidate(name, kecamatan, null, Span("2025-03-01", "2025-09-30"));

    [Fact]
    public void Renewal_continues_coverage_without_a_gap_when_the_agreements_touch()
    {
        var worker = Candidate("Sari", spans: Span("2025-03-01", "2025-12-31"));

        var decision = Assert.Single(RenewalPlanner.Plan(Next(), [worker], RenewalPriority.LongestContinuousMembership).Decisions);

        Assert.Equal(RenewalOutcome.Continues, decision.Outcome);
        Assert.Equal(new DateOnly(2026, 1, 1), decision.Coverage!.Value.Start);
        Assert.Equal(0, decision.GapDays);
        Assert.Contains("tanpa jeda", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_between_the_agreements_is_shown_in_days()
    {
        var decision = Assert.Single(RenewalPlanner.Plan(Next(), [Cohort2025("Budi")], RenewalPriority.LongestContinuousMembership).Decisions);

        Assert.Equal(new DateOnly(2026, 1, 1), decision.Coverage!.Value.Start);
        Assert.Equal(92, decision.GapDays); // 1 Oct – 31 Dec 2025
        Assert.Contains("jeda 92 hari", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Coverage_from_another_payer_into_the_new_year_moves_the_start_to_the_day_after()
    {
        var worker = Candidate("Rahmat", spans: [Span("2025-03-01", "2025-09-30"), Span("2025-10-01", "2026-02-28", null, FundingKind.Apbdes)]);

        var decision = Assert.Single(RenewalPlanner.Plan(Next(), [worker], RenewalPriority.LongestContinuousMembership).Decisions);

        Assert.Equal(CoveragePeriod.Of(new DateOnly(2026, 3, 1), new DateOnly(2026, 12, 31)), decision.Coverage);
        Assert.Equal(0, decision.GapDays);
        Assert.Equal(10 * 16_800, decision.Cost.Rupiah);
    }

    [Theory]
    [InlineData(ExitReason.Died, RenewalOutcome.Died)]
    [InlineData(ExitReason.DuplicateRecord, RenewalOutcome.Duplicate)]
    [InlineData(ExitReason.MovedAway, RenewalOutcome.Exited)]
    [InlineData(ExitReason.BecameWageEarner, RenewalOutcome.Exited)]
    [InlineData(ExitReason.WithdrawnByDinsos, RenewalOutcome.Exited)]
    public void Workers_who_left_do_not_continue_and_the_reason_says_why(ExitReason reason, RenewalOutcome expected)
    {
        var worker = Candidate("Keluar", exit: new Exit(reason, new DateOnly(2025, 8, 1), null), spans: Span("2025-03-01", "2025-09-30"));

        var decision = Assert.Single(RenewalPlanner.Plan(Next(), [worker], RenewalPriority.LongestContinuousMembership).Decisions);

        Assert.Equal(expected, decision.Outcome);
        Assert.Contains("01/08/2025", decision.Reason, StringComparison.Ordinal);
        Assert.Null(decision.Coverage);
    }

    [Fact]
    public void A_worker_already_in_the_new_agreement_is_not_renewed_twice()
    {
        var worker = Candidate("Sudah", spans: [Span("2025-03-01", "2025-09-30"), Span("2026-01-01", "2026-12-31", "PKS-2026")]);

        var plan = RenewalPlanner.Plan(Next(), [worker], RenewalPriority.LongestContinuousMembership);

        Assert.Equal(RenewalOutcome.AlreadyRenewed, Assert.Single(plan.Decisions).Outcome);
        Assert.Equal(0, plan.Continuing);
        Assert.Equal(1, plan.AlreadyRenewed);
    }

    [Fact]
    public void A_gap_within_the_grace_is_offered_as_arrears_with_its_cost_and_deadline()
    {
        // The Kapuas transition: 2025 cover ends 30/09/2025, 2026 starts 01/01/2026; Oct–Dec can still be paid.
        var plan = RenewalPlanner.Plan(Next(), [Cohort2025("Ani"), Cohort2025("Budi")], RenewalPriority.LongestContinuousMembership);

        Assert.Equal(2, plan.Bridging.Workers);
        Assert.Equal(2 * 3 * 16_800, plan.Bridging.Cost.Rupiah);
        Assert.Equal(new DateOnly(2025, 12, 31), plan.Bridging.PayBy);
        Assert.Null(plan.Bridging.BudgetProblem);
        Assert.Equal(0, plan.Bridging.Lapsing);
        var ani = plan.Decisions.Single(d => d.Name == "Ani");
        Assert.Equal(CoveragePeriod.Of(new DateOnly(2025, 10, 1), new DateOnly(2025, 12, 31)), ani.BridgeableGap);
        Assert.Contains("dapat disambung dengan tunggakan Rp 50.400, diterima BPJS paling lambat 31/12/2025", ani.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_longer_than_the_grace_says_when_membership_lapses_and_offers_no_arrears()
    {
        var late = Candidate("Citra", "62.03.01", null, Span("2025-03-01", "2025-09-29")); // one day more than the grace

        var plan = RenewalPlanner.Plan(Next(), [late], RenewalPriority.LongestContinuousMembership);

        Assert.False(plan.Bridging.Offered);
        Assert.Equal(1, plan.Bridging.Lapsing);
        Assert.Equal(new DateOnly(2025, 12, 30), plan.Bridging.LapsesOn);
        Assert.Contains("kepesertaan berakhir 30/12/2025; masa iur bersambung mulai dari nol (kumulatif tetap 7 bulan)", Assert.Single(plan.Decisions).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Arrears_that_take_the_renewal_over_the_budget_are_refused_with_the_numbers()
    {
        var plan = RenewalPlanner.Plan(Next(quota: 2, budget: 2 * 201_600 + 50_000), [Cohort2025("Ani"), Cohort2025("Budi")], RenewalPriority.LongestContinuousMembership);

        Assert.Null(plan.BudgetProblem);
        Assert.Equal("renewal.bridging_over_budget", plan.Bridging.BudgetProblem!.Code);
    }

    [Fact]
    public void Under_a_smaller_quota_the_longest_continuous_members_keep_their_place()
    {
        var veterans = Enumerable.Range(0, 3).Select(i => Candidate($"Lama {i}", spans: [Span("2023-01-01", "2025-02-28", null, FundingKind.SelfPaid), Span("2025-03-01", "2025-09-30")])).ToList();
        var newcomers = Enumerable.Range(0, 5).Select(i => Cohort2025($"Baru {i}")).ToList();

        var plan = RenewalPlanner.Plan(Next(quota: 4), [.. newcomers, .. veterans], RenewalPriority.LongestContinuousMembership);

        Assert.Equal(4, plan.Continuing);
        Assert.All(veterans, v => Assert.Equal(RenewalOutcome.Continues, plan.Decisions.Single(d => d.WorkerId == v.WorkerId).Outcome));
        Assert.Equal(4, plan.DroppingOut.Count());
        Assert.All(plan.DroppingOut, d => Assert.StartsWith("Baru", d.Name, StringComparison.Ordinal));
        Assert.All(plan.DroppingOut, d => Assert.Contains("di luar kuota", d.Reason, StringComparison.OrdinalIgnoreCase));
        Assert.All(veterans, v => Assert.Equal(33, plan.Decisions.Single(d => d.WorkerId == v.WorkerId).SinceLapseMonths)); // Jan 2023 – Sep 2025
    }

    [Fact]
    public void Under_a_kecamatan_share_each_kecamatan_keeps_its_proportion_with_largest_remainders()
    {
        var selat = Enumerable.Range(0, 6).Select(i => Cohort2025($"Selat {i}", "62.03.01"));
        var mantangai = Enumerable.Range(0, 3).Select(i => Cohort2025($"Mantangai {i}", "62.03.09"));
        var timpah = Enumerable.Range(0, 1).Select(i => Cohort2025($"Timpah {i}", "62.03.10"));

        var plan = RenewalPlanner.Plan(Next(quota: 5), [.. selat, .. mantangai, .. timpah], RenewalPriority.KecamatanShare);
        var kept = plan.Decisions.Where(d => d.Renews).GroupBy(d => d.KecamatanCode).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(5, plan.Continuing);
        Assert.Equal(3, kept["62.03.01"]); // 6/10 of 5 = 3
        Assert.Equal(2, kept["62.03.09"]); // 1.5 → 1, plus a leftover place (remainder .5, lower code first)
        Assert.False(kept.ContainsKey("62.03.10")); // 0.5 → 0
    }

    [Fact]
    public void A_roster_that_fits_keeps_everyone_whatever_the_rule()
    {
        var roster = Enumerable.Range(0, 7).Select(i => Cohort2025($"W{i}", i % 2 == 0 ? "62.03.01" : "62.03.02")).ToList();

        Assert.Equal(7, RenewalPlanner.Plan(Next(quota: 10), roster, RenewalPriority.KecamatanShare).Continuing);
        Assert.Equal(7, RenewalPlanner.Plan(Next(quota: 10), roster, RenewalPriority.LongestContinuousMembership).Continuing);
    }

    [Fact]
    public void The_cost_is_checked_against_the_budget_ceiling_before_anything_starts()
    {
        var roster = Enumerable.Range(0, 10).Select(i => Cohort2025($"W{i}")).ToList();

        var fits = RenewalPlanner.Plan(Next(quota: 10, budget: 2_016_000), roster, RenewalPriority.LongestContinuousMembership);
        var tooDear = RenewalPlanner.Plan(Next(quota: 10, budget: 2_015_999), roster, RenewalPriority.LongestContinuousMembership);

        Assert.Equal(2_016_000, fits.Cost.Rupiah); // 10 × 12 × Rp 16.800
        Assert.True(fits.CanStart);
        Assert.False(tooDear.CanStart);
        Assert.Equal("renewal.over_budget", tooDear.BudgetProblem!.Code);
        Assert.Contains("Rp 2.016.000", tooDear.BudgetProblem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_2025_cohort_of_9960_renews_into_a_quota_of_5000_at_the_statutory_cost()
    {
        var roster = Enumerable.Range(0, 9_960).Select(i => Cohort2025($"W{i:D5}", $"62.03.{i % 17 + 1:D2}")).ToList();

        foreach (var rule in new[] { RenewalPriority.LongestContinuousMembership, RenewalPriority.KecamatanShare })
        {
            var plan = RenewalPlanner.Plan(Next(), roster, rule);
            Assert.Equal(5_000, plan.Continuing);
            Assert.Equal(4_960, plan.DroppingOut.Count());
            Assert.Equal(1_008_000_000, plan.Cost.Rupiah);
            Assert.True(plan.CanStart);
        }
    }
}
