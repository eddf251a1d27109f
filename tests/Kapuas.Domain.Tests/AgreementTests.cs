using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using static Kapuas.Domain.Tests.TestData;

namespace Kapuas.Domain.Tests;

public sealed class AgreementTests
{
    [Fact]
    public void Valid_terms_make_an_agreement_with_the_statutory_rates()
    {
        var agreement = Agreement.Create(Terms2026() with { Id = " PKS-2026 ", Number = "  900/001/PKS/DINSOS/2026 " }).Value;

        Assert.Equal("PKS-2026", agreement.Id);
        Assert.Equal("900/001/PKS/DINSOS/2026", agreement.Number);
        Assert.Equal(2026, agreement.BudgetYear);
        Assert.Equal(P("2026-01-01", "2026-12-31"), agreement.Period);
        Assert.Equal(5_000, agreement.Quota);
        Assert.Equal(Programs.Jkk | Programs.Jkm, agreement.Programs);
        Assert.Equal(new Money(1_000_000), agreement.DeclaredIncome);
        Assert.Equal(new Money(1_008_000_000), agreement.BudgetCeiling);
        Assert.Equal(FundingKind.ApbdKabupaten, agreement.Payer);
        Assert.Same(ContributionRateTable.Statutory, agreement.Rates);
    }

    [Theory]
    [InlineData("id empty", "agreement.id")]
    [InlineData("id of one character", "agreement.id")]
    [InlineData("id of 41 characters", "agreement.id")]
    [InlineData("id with a space", "agreement.id")]
    [InlineData("id with an underscore", "agreement.id")]
    [InlineData("number empty", "agreement.number")]
    [InlineData("number of 101 characters", "agreement.number_too_long")]
    [InlineData("end before start", "period.reversed")]
    [InlineData("budget year 1999", "agreement.budget_year")]
    [InlineData("quota 0", "agreement.quota")]
    [InlineData("no programmes", "agreement.programs")]
    [InlineData("an unknown programme flag only", "agreement.programs")]
    [InlineData("income 0", "agreement.income_below_bracket")]
    [InlineData("budget 0", "agreement.budget")]
    public void Invalid_terms_are_refused_with_the_reason(string defect, string expectedCode)
    {
        var terms = defect switch
        {
            "id empty" => Terms2026() with { Id = "  " },
            "id of one character" => Terms2026() with { Id = "P" },
            "id of 41 characters" => Terms2026() with { Id = new string('A', 41) },
            "id with a space" => Terms2026() with { Id = "PKS 2026" },
            "id with an underscore" => Terms2026() with { Id = "PKS_2026" },
            "number empty" => Terms2026() with { Number = " " },
            "number of 101 characters" => Terms2026() with { Number = new string('9', 101) },
            "end before start" => Terms2026() with { Start = D("2026-12-31"), End = D("2026-01-01") },
            "budget year 1999" => Terms2026() with { BudgetYear = 1999 },
            "quota 0" => Terms2026() with { Quota = 0 },
            "no programmes" => Terms2026() with { Programs = Programs.None },
            "an unknown programme flag only" => Terms2026() with { Programs = (Programs)4 },
            "income 0" => Terms2026() with { DeclaredIncome = Money.Zero },
            "budget 0" => Terms2026() with { BudgetCeiling = Money.Zero },
            _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, null),
        };

        Assert.Equal(expectedCode, Code(Agreement.Create(terms)));
    }

    [Theory]
    [InlineData("PK")]
    [InlineData("PKS-2026-ADDENDUM-1")]
    [InlineData("ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJ")]
    public void Ids_of_two_to_forty_letters_digits_and_hyphens_are_accepted(string id)
    {
        Assert.Equal(id, Agreement.Create(Terms2026() with { Id = id }).Value.Id);
    }

    [Theory]
    [InlineData("2026-01-01", "2026-12-31", Programs.Jkk | Programs.Jkm, 1_000_000, 201_600)]
    [InlineData("2025-03-01", "2025-09-30", Programs.Jkk | Programs.Jkm, 1_000_000, 117_600)]
    [InlineData("2026-01-01", "2026-12-31", Programs.Jkk, 1_000_000, 120_000)]
    [InlineData("2026-01-01", "2026-12-31", Programs.Jkm, 1_000_000, 81_600)]
    [InlineData("2026-01-01", "2026-12-31", Programs.Jkk | Programs.Jkm, 2_000_000, 321_600)]
    [InlineData("2026-02-01", "2026-02-28", Programs.Jkk | Programs.Jkm, 1_000_000, 16_800)]
    [InlineData("2026-03-15", "2026-03-15", Programs.Jkk | Programs.Jkm, 1_000_000, 16_800)]
    [InlineData("2020-07-01", "2021-02-28", Programs.Jkk | Programs.Jkm, 1_000_000, 34_608)]
    [InlineData("2020-07-01", "2021-02-28", Programs.Jkm, 1_000_000, 14_008)]
    public void The_cost_per_worker_is_the_sum_of_the_monthly_contributions(
        string start, string end, Programs programs, int declaredIncome, int expected)
    {
        var terms = Terms2026() with
        {
            BudgetYear = D(start).Year,
            Start = D(start),
            End = D(end),
            Programs = programs,
            DeclaredIncome = new Money(declaredIncome),
        };

        var agreement = Agreement.Create(terms).Value;

        Assert.Equal(new Money(expected), agreement.CostPerWorker);
    }

    [Theory]
    [InlineData(2026, 5_000, 1_008_000_000)]
    [InlineData(2026, 1, 201_600)]
    [InlineData(2026, 0, 0)]
    [InlineData(2025, 9_960, 1_171_296_000)]
    [InlineData(2025, 10_000, 1_176_000_000)]
    public void The_cost_of_a_roster_matches_the_figures_of_bpjs_rules_section_1_2(int year, int workers, int expected)
    {
        var agreement = Agreement.Create(year == 2025 ? Terms2025() : Terms2026()).Value;

        Assert.Equal(new Money(expected), agreement.CostForRoster(workers));
    }

    [Fact]
    public void The_2026_cost_is_shown_in_rupiah_the_way_kapuas_reads_it()
    {
        var agreement = Agreement.Create(Terms2026()).Value;

        Assert.Equal("Rp 201.600", agreement.CostPerWorker.ToString());
        Assert.Equal("Rp 1.008.000.000", agreement.CostForRoster(5_000).ToString());
    }

    [Theory]
    [InlineData(5_000, 1_008_000_000)]
    [InlineData(4_999, 1_007_798_400)]
    [InlineData(0, 0)]
    public void A_roster_within_quota_and_budget_is_accepted_with_its_cost(int workers, int expectedCost)
    {
        var result = Agreement.Create(Terms2026()).Value.CheckRoster(workers);

        Assert.True(result.IsSuccess);
        Assert.Equal(new Money(expectedCost), result.Value);
    }

    [Fact]
    public void A_roster_over_the_quota_is_refused_with_the_numbers()
    {
        var result = Agreement.Create(Terms2026()).Value.CheckRoster(5_001);

        Assert.Equal("agreement.over_quota", Code(result));
        Assert.Contains("5.001", result.Error!.Message);
        Assert.Contains("5.000", result.Error!.Message);
        Assert.Contains("900/001/PKS/DINSOS/2026", result.Error!.Message);
    }

    [Fact]
    public void A_roster_over_the_budget_is_refused_with_the_cost_the_ceiling_and_the_difference()
    {
        var agreement = Agreement.Create(Terms2026() with { Quota = 6_000 }).Value;

        var result = agreement.CheckRoster(5_001);

        Assert.Equal("agreement.over_budget", Code(result));
        var message = result.Error!.Message;
        Assert.Contains("5.001", message);
        Assert.Contains("Rp 1.008.201.600", message);
        Assert.Contains("Rp 1.008.000.000", message);
        Assert.Contains("(selisih Rp 201.600)", message);
    }

    [Theory]
    [InlineData(PartialMonthRule.FullMonth, "2026-01:17:16800,2026-02:28:16800,2026-03:31:16800", 50_400)]
    [InlineData(PartialMonthRule.ProRataByDays, "2026-01:17:9213,2026-02:28:16800,2026-03:31:16800", 42_813)]
    [InlineData(PartialMonthRule.CompleteMonthsOnly, "2026-02:28:16800,2026-03:31:16800", 33_600)]
    public void A_partly_covered_month_is_billed_by_the_agreements_rule(PartialMonthRule rule, string expected, int total)
    {
        var agreement = Agreement.Create(Terms2026() with { PartialMonthRule = rule }).Value;

        var charges = agreement.Charges(P("2026-01-15", "2026-03-31"));

        Assert.Equal(expected, string.Join(",", charges.Select(c => $"{c.Month}:{c.DaysCovered}:{c.Amount.Rupiah}")));
        Assert.Equal(new Money(total), Money.Sum(charges.Select(c => c.Amount)));
    }

    [Theory]
    [InlineData(PartialMonthRule.FullMonth, 117_600)]
    [InlineData(PartialMonthRule.ProRataByDays, 110_013)]
    [InlineData(PartialMonthRule.CompleteMonthsOnly, 100_800)]
    public void An_agreement_starting_mid_month_costs_per_worker_by_its_rule(PartialMonthRule rule, int expected)
    {
        var terms = Terms2025() with { Start = D("2025-03-15"), PartialMonthRule = rule };

        var agreement = Agreement.Create(terms).Value;

        Assert.Equal(new Money(expected), agreement.CostPerWorker);
    }

    [Theory]
    [InlineData("2027-01-01", "2027-03-31", "")]
    [InlineData("2025-06-01", "2025-12-31", "")]
    [InlineData("2025-12-01", "2026-01-31", "2026-01:31:16800")]
    [InlineData("2026-12-31", "2027-01-31", "2026-12:1:16800")]
    public void Only_the_part_of_the_coverage_inside_the_agreement_period_is_charged(string start, string end, string expected)
    {
        var agreement = Agreement.Create(Terms2026()).Value;

        var charges = agreement.Charges(P(start, end));

        Assert.Equal(expected, string.Join(",", charges.Select(c => $"{c.Month}:{c.DaysCovered}:{c.Amount.Rupiah}")));
    }

    [Theory]
    [InlineData(2026, 1, 10_000, 6_800)]
    [InlineData(2020, 7, 10_000, 6_800)]
    [InlineData(2020, 8, 100, 68)]
    [InlineData(2020, 9, 100, 68)]
    [InlineData(2021, 1, 100, 68)]
    [InlineData(2021, 2, 10_000, 6_800)]
    public void The_monthly_contribution_uses_the_rate_in_force_on_the_first_of_the_month(int year, int month, int jkk, int jkm)
    {
        var agreement = Agreement.Create(Terms2026()).Value;

        var contribution = agreement.MonthlyCost(new YearMonth(year, month));

        Assert.Equal(new Money(jkk), contribution.Jkk);
        Assert.Equal(new Money(jkm), contribution.Jkm);
        Assert.Equal(new Money(jkk + jkm), contribution.Total);
    }

    [Theory]
    [InlineData(Programs.Jkk, 10_000, 0)]
    [InlineData(Programs.Jkm, 0, 6_800)]
    public void A_single_programme_agreement_bills_only_that_programme(Programs programs, int jkk, int jkm)
    {
        var agreement = Agreement.Create(Terms2026() with { Programs = programs }).Value;

        var contribution = agreement.MonthlyCost(new YearMonth(2026, 5));

        Assert.Equal(new Money(jkk), contribution.Jkk);
        Assert.Equal(new Money(jkm), contribution.Jkm);
    }

    [Theory]
    [InlineData("2010-01-01", 100, 6_800)]
    [InlineData("2015-07-01", 100, 6_800)]
    [InlineData("2020-07-31", 100, 6_800)]
    [InlineData("2020-08-01", 1, 68)]
    [InlineData("2020-09-01", 1, 68)]
    [InlineData("2021-01-31", 1, 68)]
    [InlineData("2021-02-01", 100, 6_800)]
    [InlineData("2026-01-01", 100, 6_800)]
    public void The_statutory_table_gives_the_rate_in_force_on_a_date(string date, int jkkBasisPoints, int jkm)
    {
        var rate = ContributionRateTable.Statutory.On(D(date));

        Assert.Equal(jkkBasisPoints, rate.JkkBasisPoints);
        Assert.Equal(new Money(jkm), rate.JkmMonthly);
    }

    [Theory]
    [InlineData(1_000_000, 100, 10_000)]
    [InlineData(1_000_000, 1, 100)]
    [InlineData(1_234_550, 100, 12_346)]
    public void Jkk_is_a_share_of_the_declared_income_in_basis_points(int income, int basisPoints, int expected)
    {
        var rate = new ContributionRate(new DateOnly(2026, 1, 1), basisPoints, new Money(6_800), "test");

        Assert.Equal(new Money(expected), rate.Jkk(new Money(income)));
    }

    [Fact]
    public void An_agreement_can_use_its_own_rate_table()
    {
        var rates = new ContributionRateTable([new ContributionRate(new DateOnly(2026, 1, 1), 200, new Money(10_000), "test")]);

        var agreement = Agreement.Create(Terms2026(), rates).Value;

        Assert.Same(rates, agreement.Rates);
        Assert.Equal(new Money(12 * 30_000), agreement.CostPerWorker);
    }

    [Fact]
    public void A_rate_table_keeps_its_rates_in_date_order_and_needs_at_least_one()
    {
        var later = new ContributionRate(new DateOnly(2026, 1, 1), 200, new Money(10_000), "later");
        var earlier = new ContributionRate(new DateOnly(2015, 7, 1), 100, new Money(6_800), "earlier");

        var table = new ContributionRateTable([later, earlier]);

        Assert.Equal(new[] { earlier, later }, table.Rates);
        Assert.Equal(earlier, table.On(new DateOnly(2025, 12, 31)));
        Assert.Equal(later, table.On(new DateOnly(2026, 1, 1)));
        Assert.Throws<ArgumentException>(() => new ContributionRateTable(Array.Empty<ContributionRate>()));
    }

    [Theory]
    [InlineData(null, "01/01/2026–31/12/2026")]
    [InlineData("2026-01-01", "01/01/2026–31/12/2026")]
    [InlineData("2026-03-15", "15/03/2026–31/12/2026")]
    [InlineData("2026-12-31", "31/12/2026–31/12/2026")]
    [InlineData("2025-12-31", "agreement.outside_period")]
    [InlineData("2027-01-01", "agreement.outside_period")]
    public void Coverage_from_an_enrolment_date_runs_to_the_end_of_the_agreement(string? from, string expected)
    {
        var agreement = Agreement.Create(Terms2026()).Value;

        var coverage = agreement.CoverageFrom(OptionalDate(from));

        Assert.Equal(expected, coverage.IsSuccess ? coverage.Value.ToString() : Code(coverage));
    }

    private static AgreementTerms Terms2026() => new(
        Id: "PKS-2026",
        Number: "900/001/PKS/DINSOS/2026",
        SignedOn: new DateOnly(2025, 12, 20),
        BudgetYear: 2026,
        Start: new DateOnly(2026, 1, 1),
        End: new DateOnly(2026, 12, 31),
        Quota: 5_000,
        Programs: Programs.Jkk | Programs.Jkm,
        DeclaredIncome: Agreement.DefaultDeclaredIncome,
        BudgetCeiling: new Money(1_008_000_000));

    private static AgreementTerms Terms2025() => Terms2026() with
    {
        Id = "PKS-2025",
        Number = "900/001/PKS/DINSOS/2025",
        SignedOn = new DateOnly(2025, 2, 20),
        BudgetYear = 2025,
        Start = new DateOnly(2025, 3, 1),
        End = new DateOnly(2025, 9, 30),
        Quota = 10_000,
        BudgetCeiling = new Money(1_176_000_000),
    };
}
