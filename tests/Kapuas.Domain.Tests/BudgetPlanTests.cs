using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Planning;
using static Kapuas.Domain.Tests.TestData;

namespace Kapuas.Domain.Tests;

/// <summary>
/// Next year's budget plan (issue 18; bpjs-rules.md §1, §3.1, §3.5, §6.1–§6.3): the continuing roster, the quota, the
/// months at the rates in force, the arrears of a bridged gap, the total against the ceiling. Every expected figure is
/// worked out by hand in the comments. Statutory rates at the lowest bracket: Rp 10.000 JKK + Rp 6.800 JKM = Rp 16.800.
/// </summary>
public sealed class BudgetPlanTests
{
    /// <summary>
    /// The regency on 1 October 2026: 5.000 workers, 40 known to leave; over the last 12 months 30 deaths and 120 exits
    /// from an average roster of 6.000; 2.000 children with a scholarship right; the current PKS ends 31 December 2026.
    /// </summary>
    private static BudgetPlanInputs Regency() => new(FundingKind.ApbdKabupaten, 2027, D("2026-10-01"), RosterToday: 5_000, KnownExits: 40,
        ObservedDeaths: 30, ObservedExits: 120, AverageRoster: 6_000, ScholarshipChildren: 2_000, CurrentEnd: D("2026-12-31"),
        new Money(1_000_000), ContributionRateTable.Statutory);

    /// <summary>A small roster with nothing observed: 100 workers continue whatever the horizon.</summary>
    private static BudgetPlanInputs Hundred() => Regency() with
    {
        RosterToday = 100, KnownExits = 0, ObservedDeaths = 0, ObservedExits = 0, AverageRoster = 100, ScholarshipChildren = 50,
    };

    private static BudgetScenario Scenario(string name = "A", int quota = 5_000, string start = "2027-01", int months = 12, bool bridged = false,
        long ceiling = 1_008_000_000) =>
        new(name, quota, Ym(start), months, bridged, new Money(ceiling));

    private static YearMonth Ym(string text) => new(int.Parse(text[..4], System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(text[5..], System.Globalization.CultureInfo.InvariantCulture));

    private static ScenarioPlan One(BudgetPlanInputs inputs, BudgetScenario scenario) => Assert.Single(BudgetPlanner.Plan(inputs, [scenario]).Value.Scenarios);

    // ---- the continuing roster ------------------------------------------------------------------------------------

    [Fact]
    public void The_continuing_roster_is_today_less_known_exits_less_expected_deaths_and_exits()
    {
        // Base 5.000 − 40 = 4.960. Months until January 2027 from 1 October 2026: October, November, December = 3.
        // Deaths: 4.960 × 30 ÷ (6.000 × 12) × 3 = 446.400 ÷ 72.000 = 6,2 → 6.
        // Exits:  4.960 × 120 ÷ 72.000 × 3 = 1.785.600 ÷ 72.000 = 24,8 → 25.
        // Continuing 4.960 − 6 − 25 = 4.929; quota 5.000 above it: all 4.929 funded, none lapse, no rights at risk.
        var plan = One(Regency(), Scenario());

        Assert.Equal((3, 4_960, 6, 25, 4_929, 4_929, 0, 0),
            (plan.MonthsUntilStart, plan.Base, plan.ExpectedDeaths, plan.ExpectedExits, plan.Continuing, plan.Funded, plan.Lapsing, plan.ScholarshipRightsAtRisk));
    }

    [Fact]
    public void A_quota_below_the_continuing_roster_lapses_the_rest_and_puts_their_share_of_scholarship_rights_at_risk()
    {
        // Continuing 4.929 (above); quota 4.000 → funded 4.000, lapsing 929.
        // Rights: 929 × 2.000 children ÷ 5.000 workers today = 371,6 → 372.
        var plan = One(Regency(), Scenario(quota: 4_000));

        Assert.Equal((4_000, 929, 372), (plan.Funded, plan.Lapsing, plan.ScholarshipRightsAtRisk));
    }

    [Fact]
    public void A_quota_equal_to_the_continuing_roster_lapses_nobody()
    {
        var plan = One(Regency(), Scenario(quota: 4_929));

        Assert.Equal((4_929, 0, 0), (plan.Funded, plan.Lapsing, plan.ScholarshipRightsAtRisk));
    }

    [Fact]
    public void A_zero_roster_plans_nothing_and_costs_nothing()
    {
        // No workers today: base 0, no deaths or exits expected (0 × anything), nothing funded, Rp 0 against the ceiling.
        var inputs = Regency() with { RosterToday = 0, KnownExits = 0, ScholarshipChildren = 0 };

        var plan = One(inputs, Scenario());

        Assert.Equal((0, 0, 0, 0, 0, 0, 0), (plan.Base, plan.ExpectedDeaths, plan.ExpectedExits, plan.Continuing, plan.Funded, plan.Lapsing, plan.ScholarshipRightsAtRisk));
        Assert.Equal(Money.Zero, plan.Total);
        Assert.True(plan.WithinCeiling);
        Assert.Contains(new Phrase("budget_plan.working.rights_no_roster"), plan.Working);
    }

    [Fact]
    public void With_no_events_observed_the_whole_base_continues()
    {
        // 0 deaths and 0 exits over the last 12 months, and no average roster either: the rates are zero.
        var inputs = Regency() with { ObservedDeaths = 0, ObservedExits = 0, AverageRoster = 0 };

        var plan = One(inputs, Scenario());

        Assert.Equal((4_960, 0, 0, 4_960), (plan.Base, plan.ExpectedDeaths, plan.ExpectedExits, plan.Continuing));
    }

    [Theory]
    // 100 × 6 × 1 ÷ (100 × 12) = 0,5 → rounded half up to 1.
    [InlineData(6, "2026-12-01", 1)]
    // 100 × 5 × 1 ÷ 1.200 = 0,4167 → 0.
    [InlineData(5, "2026-12-01", 0)]
    // 100 × 6 × 3 ÷ 1.200 = 1,5 → 2.
    [InlineData(6, "2026-10-01", 2)]
    // From 15 October the part of October is left out: November, December = 2 months; 100 × 6 × 2 ÷ 1.200 = 1,0 → 1.
    [InlineData(6, "2026-10-15", 1)]
    // From 2 December nothing is left before January: 0 months, 0 expected.
    [InlineData(6, "2026-12-02", 0)]
    public void Expected_deaths_are_rounded_half_up_over_the_whole_months_until_the_start(int deaths, string asOf, int expected)
    {
        var inputs = Hundred() with { AsOf = D(asOf), ObservedDeaths = deaths };

        Assert.Equal(expected, One(inputs, Scenario(quota: 100)).ExpectedDeaths);
    }

    [Fact]
    public void Expected_events_never_take_the_roster_below_zero()
    {
        // 10 workers, 120 deaths and 120 exits "observed" among an average of 10: 10 × 120 × 3 ÷ 120 = 30 deaths, capped at 10;
        // no one is left to leave otherwise.
        var inputs = Hundred() with { RosterToday = 10, ScholarshipChildren = 0, AverageRoster = 10, ObservedDeaths = 120, ObservedExits = 120, AsOf = D("2026-10-01") };

        var plan = One(inputs, Scenario(quota: 10));

        Assert.Equal((10, 0, 0), (plan.ExpectedDeaths, plan.ExpectedExits, plan.Continuing));
    }

    // ---- cost ------------------------------------------------------------------------------------------------------

    [Fact]
    public void Twelve_months_cost_the_funded_workers_at_the_monthly_rate()
    {
        // 4.929 × 16.800 = 82.807.200 a month; × 12 = 993.686.400. Ceiling 1.008.000.000: 14.313.600 left.
        var plan = One(Regency(), Scenario());

        Assert.Equal(12, plan.Months.Count);
        Assert.All(plan.Months, m => Assert.Equal(new Money(82_807_200), m.Cost));
        Assert.Equal(new Money(993_686_400), plan.Total);
        Assert.Equal(new Money(14_313_600), plan.Headroom);
        Assert.True(plan.WithinCeiling);
    }

    [Fact]
    public void A_rate_change_mid_year_changes_the_later_months_only()
    {
        // A table in which JKM becomes Rp 8.000 from 1 July 2027 (JKK stays 1 %): January–June 100 × 16.800 = 1.680.000 a month,
        // July–December 100 × 18.000 = 1.800.000. Total 6 × 1.680.000 + 6 × 1.800.000 = 10.080.000 + 10.800.000 = 20.880.000.
        var rates = new ContributionRateTable([.. ContributionRateTable.Statutory.Rates, new(D("2027-07-01"), 100, new Money(8_000), "test")]);
        var plan = One(Hundred() with { Rates = rates }, Scenario(quota: 100));

        Assert.Equal(new Money(1_680_000), plan.Months.Single(m => m.Month == new YearMonth(2027, 6)).Cost);
        Assert.Equal(new Money(1_800_000), plan.Months.Single(m => m.Month == new YearMonth(2027, 7)).Cost);
        Assert.Equal(new Money(20_880_000), plan.Total);
        // One working line per rate.
        Assert.Equal(2, plan.Working.Count(w => w.Key == "budget_plan.working.months"));
        Assert.Equal("2027-07–2027-12 (6 months): 100 participants × (Rp 10.000 JKK + Rp 8.000 JKM) = Rp 1.800.000 a month; Rp 10.800.000.",
            plan.Working.Last(w => w.Key == "budget_plan.working.months").Render(DomainText.English));
    }

    [Theory]
    // 12 months from January, no gap (the current PKS ends 31 December): 100 × 16.800 × 12 = 20.160.000; bridging changes nothing.
    [InlineData("2027-01", 12, false, 20_160_000, 0)]
    [InlineData("2027-01", 12, true, 20_160_000, 0)]
    // 10 months from March: 100 × 16.800 × 10 = 16.800.000. The gap January–February is unpaid when not bridged.
    [InlineData("2027-03", 10, false, 16_800_000, 0)]
    // Bridged: arrears 2 months × 100 × 16.800 = 3.360.000; total 20.160.000.
    [InlineData("2027-03", 10, true, 16_800_000, 3_360_000)]
    public void Twelve_or_ten_months_bridged_or_not(string start, int months, bool bridged, long monthsCost, long arrears)
    {
        var plan = One(Hundred(), Scenario(quota: 100, start: start, months: months, bridged: bridged));

        Assert.Equal(months, plan.Months.Count);
        Assert.Equal(new Money(monthsCost), plan.MonthsCost);
        Assert.Equal(new Money(arrears), plan.ArrearsCost);
        Assert.Equal(new Money(monthsCost + arrears), plan.Total);
    }

    [Fact]
    public void Arrears_are_paid_for_the_funded_workers_only()
    {
        // Continuing 100, quota 60: arrears for January–February are 2 × 60 × 16.800 = 2.016.000 (not for the 40 who lapse).
        var plan = One(Hundred(), Scenario(quota: 60, start: "2027-03", months: 10, bridged: true));

        Assert.Equal((60, 40), (plan.Funded, plan.Lapsing));
        Assert.Equal(new Money(2_016_000), plan.ArrearsCost);
        Assert.Equal(P("2027-01-01", "2027-02-28"), plan.Gap);
    }

    [Fact]
    public void A_gap_of_exactly_the_grace_can_be_bridged_and_one_day_more_cannot()
    {
        // Current PKS ends 30 September 2026; grace: October, November, December (to 31/12/2026). Start January 2027:
        // gap 01/10–31/12/2026, 3 months of arrears: 3 × 100 × 16.800 = 5.040.000.
        var inputs = Hundred() with { CurrentEnd = D("2026-09-30"), AsOf = D("2026-09-01") };
        Assert.Equal(new Money(5_040_000), One(inputs, Scenario(quota: 100, bridged: true)).ArrearsCost);

        // Start February 2027: the gap runs to 31/01/2027, past the grace: bridging is refused for that scenario…
        var refused = BudgetPlanner.Plan(inputs, [Scenario(name: "Feb", quota: 100, start: "2027-02", months: 11, bridged: true)]);
        Assert.Equal("bridging.too_long", Code(refused));
        Assert.StartsWith("Feb: ", refused.Error!.Text(DomainText.English), StringComparison.Ordinal);

        // …and without bridging the working says that membership ends on 01/01/2027.
        var lapse = One(inputs, Scenario(quota: 100, start: "2027-02", months: 11)).Working.Single(w => w.Key.StartsWith("budget_plan.working.gap", StringComparison.Ordinal));
        Assert.Equal(new Phrase("budget_plan.working.gap_lapses", "01/10/2026–31/01/2027", "4", "3", "01/01/2027"), lapse);
    }

    [Fact]
    public void Exactly_at_the_ceiling_fits_and_one_rupiah_less_does_not()
    {
        // 100 × 16.800 × 12 = 20.160.000.
        var at = One(Hundred(), Scenario(quota: 100, ceiling: 20_160_000));
        var under = One(Hundred(), Scenario(quota: 100, ceiling: 20_159_999));

        Assert.Equal((true, Money.Zero), (at.WithinCeiling, at.Headroom));
        Assert.Equal((false, new Money(-1)), (under.WithinCeiling, under.Headroom));
        Assert.Equal("Within the ceiling Rp 20.160.000; Rp 0 left.", at.Working[^1].Render(DomainText.English));
        Assert.Equal("Over the ceiling Rp 20.159.999 by Rp 1.", under.Working[^1].Render(DomainText.English));
    }

    [Fact]
    public void A_jkm_only_payer_pays_jkm_only()
    {
        // 100 × 6.800 × 12 = 8.160.000.
        var plan = One(Hundred() with { Programs = Programs.Jkm }, Scenario(quota: 100));

        Assert.Equal(new Money(8_160_000), plan.Total);
    }

    // ---- scenarios side by side and the working -------------------------------------------------------------------

    [Fact]
    public void Several_scenarios_are_planned_side_by_side_in_the_order_given()
    {
        // 5.000 × 12 (above), 7.500 × 12 (the same 4.929 continue, all funded), 4.000 × 10 from March bridged:
        // 4.000 × 16.800 × 10 = 672.000.000 + arrears 2 × 4.000 × 16.800 = 134.400.000 → 806.400.000.
        // Continuing for March: 5 months (Oct–Feb): deaths 4.960 × 30 × 5 ÷ 72.000 = 10,33 → 10; exits 4.960 × 120 × 5 ÷ 72.000 = 41,33 → 41;
        // continuing 4.960 − 10 − 41 = 4.909; lapsing 909; rights 909 × 2.000 ÷ 5.000 = 363,6 → 364.
        var plan = BudgetPlanner.Plan(Regency(),
        [
            Scenario("5.000 × 12"),
            Scenario("7.500 × 12", quota: 7_500, ceiling: 1_512_000_000),
            Scenario("4.000 × 10, disambung", quota: 4_000, start: "2027-03", months: 10, bridged: true),
        ]).Value;

        Assert.Equal(["5.000 × 12", "7.500 × 12", "4.000 × 10, disambung"], plan.Scenarios.Select(s => s.Scenario.Name));
        Assert.Equal([993_686_400L, 993_686_400L, 806_400_000L], plan.Scenarios.Select(s => s.Total.Rupiah));
        var third = plan.Scenarios[2];
        Assert.Equal((5, 10, 41, 4_909, 909, 364), (third.MonthsUntilStart, third.ExpectedDeaths, third.ExpectedExits, third.Continuing, third.Lapsing, third.ScholarshipRightsAtRisk));
        Assert.Equal("4.000 × 10, disambung: 4.000 participants for 10 months from 2027-03, Rp 806.400.000; 909 participants lapse, 364 scholarship rights at risk.",
            third.Summary.Render(DomainText.English));
    }

    [Fact]
    public void Every_figure_has_its_working()
    {
        var plan = One(Regency(), Scenario(quota: 4_000));

        Assert.Equal(
        [
            "Participants on 01/10/2026: 5.000, less 40 already known to leave = 4.960.",
            "Observed over the last 12 months: 30 deaths and 120 exits from an average of 6.000 participants; per participant per month 0,042 % die and 0,167 % leave (events ÷ average participants ÷ 12).",
            "Deaths expected before 2027-01: 4.960 × 30 ÷ (6.000 × 12) × 3 months = 6,20, rounded to 6.",
            "Exits expected before 2027-01: 4.960 × 120 ÷ (6.000 × 12) × 3 months = 24,80, rounded to 25.",
            "Continuing participants (expected): 4.960 − 6 − 25 = 4.929.",
            "Funded: the smaller of the quota 4.000 and the 4.929 continuing participants = 4.000.",
            "Lapsing: 4.929 − 4.000 = 929.",
            "Scholarship rights at risk: 929 × 2.000 children ÷ 5.000 participants today = 372 (rounded).",
            "2027-01–2027-12 (12 months): 4.000 participants × (Rp 10.000 JKK + Rp 6.800 JKM) = Rp 67.200.000 a month; Rp 806.400.000.",
            "Contributions for 12 months: Rp 806.400.000.",
            "No gap: the new PKS starts the day after the current one ends (31/12/2026).",
            "Total: Rp 806.400.000 + arrears Rp 0 = Rp 806.400.000.",
            "Within the ceiling Rp 1.008.000.000; Rp 201.600.000 left.",
        ], plan.Working.Select(w => w.Render(DomainText.English)));
        Assert.Equal("Peserta pada 01/10/2026: 5.000, dikurangi 40 yang sudah diketahui akan keluar = 4.960.", plan.Working[0].Render(DomainText.Indonesian));
    }

    [Fact]
    public void A_bridged_gap_shows_its_arrears_in_the_working()
    {
        var plan = One(Hundred(), Scenario(quota: 100, start: "2027-03", months: 10, bridged: true));

        Assert.Equal(
        [
            "Arrears 2027-01–2027-02 (2 months): 100 participants × (Rp 10.000 JKK + Rp 6.800 JKM) = Rp 1.680.000 a month; Rp 3.360.000.",
            "Arrears for the gap 01/01/2027–28/02/2027 (2 months, each billed whole), to reach BPJS by 31/03/2027: Rp 3.360.000.",
            "Total: Rp 16.800.000 + arrears Rp 3.360.000 = Rp 20.160.000.",
        ], plan.Working.Where(w => w.Key is "budget_plan.working.arrears_months" or "budget_plan.working.arrears" or "budget_plan.working.total")
            .Select(w => w.Render(DomainText.English)));
    }

    // ---- refusals --------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("negative roster", "budget_plan.roster")]
    [InlineData("known exits above the roster", "budget_plan.known_exits")]
    [InlineData("negative deaths", "budget_plan.observed")]
    [InlineData("events without an average roster", "budget_plan.observed_without_roster")]
    [InlineData("three children per worker", "budget_plan.children")]
    [InlineData("income below the bracket", "agreement.income_below_bracket")]
    [InlineData("no programmes", "agreement.programs")]
    [InlineData("no scenarios", "budget_plan.no_scenarios")]
    [InlineData("no name", "budget_plan.scenario_name")]
    [InlineData("the same name twice", "budget_plan.scenario_duplicate")]
    [InlineData("quota 0", "agreement.quota")]
    [InlineData("ceiling 0", "agreement.budget")]
    [InlineData("0 months", "budget_plan.months")]
    [InlineData("13 months", "budget_plan.months")]
    [InlineData("11 months from March", "budget_plan.months")]
    [InlineData("a start in another year", "budget_plan.start_year")]
    [InlineData("a start already past", "budget_plan.start_passed")]
    [InlineData("a start before the current PKS ends", "budget_plan.start_before_current_end")]
    public void Invalid_inputs_are_refused_with_the_reason(string defect, string code)
    {
        var inputs = Regency();
        var scenarios = new List<BudgetScenario> { Scenario() };
        switch (defect)
        {
            case "negative roster": inputs = inputs with { RosterToday = -1, KnownExits = 0 }; break;
            case "known exits above the roster": inputs = inputs with { KnownExits = 5_001 }; break;
            case "negative deaths": inputs = inputs with { ObservedDeaths = -1 }; break;
            case "events without an average roster": inputs = inputs with { AverageRoster = 0 }; break;
            case "three children per worker": inputs = inputs with { ScholarshipChildren = 10_001 }; break;
            case "income below the bracket": inputs = inputs with { DeclaredIncome = new Money(999_999) }; break;
            case "no programmes": inputs = inputs with { Programs = Programs.None }; break;
            case "no scenarios": scenarios.Clear(); break;
            case "no name": scenarios = [Scenario(name: " ")]; break;
            case "the same name twice": scenarios = [Scenario(name: "A"), Scenario(name: "a ")]; break;
            case "quota 0": scenarios = [Scenario(quota: 0)]; break;
            case "ceiling 0": scenarios = [Scenario(ceiling: 0)]; break;
            case "0 months": scenarios = [Scenario(months: 0)]; break;
            case "13 months": scenarios = [Scenario(months: 13)]; break;
            case "11 months from March": scenarios = [Scenario(start: "2027-03", months: 11)]; break;
            case "a start in another year": scenarios = [Scenario(start: "2026-12", months: 1)]; break;
            case "a start already past": inputs = inputs with { AsOf = D("2027-02-01"), CurrentEnd = D("2026-12-31") }; break;
            case "a start before the current PKS ends": inputs = inputs with { CurrentEnd = D("2027-01-01") }; break;
            default: throw new ArgumentOutOfRangeException(nameof(defect), defect, null);
        }

        Assert.Equal(code, Code(BudgetPlanner.Plan(inputs, scenarios)));
    }

    [Fact]
    public void The_plan_keeps_a_ten_month_scenario_ending_in_december_and_a_one_month_scenario()
    {
        // Boundaries of the months rule: March + 10 months ends in December; December alone is one month.
        var plan = BudgetPlanner.Plan(Hundred(), [Scenario("Mar", quota: 100, start: "2027-03", months: 10), Scenario("Dec", quota: 100, start: "2027-12", months: 1)]).Value;

        Assert.Equal([new YearMonth(2027, 12), new YearMonth(2027, 12)], plan.Scenarios.Select(s => s.Months[^1].Month));
        Assert.Equal(new Money(1_680_000), plan.Scenarios[1].Total);
    }
}
