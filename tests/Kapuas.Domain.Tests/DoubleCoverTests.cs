using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using static Kapuas.Domain.Tests.TestData;

namespace Kapuas.Domain.Tests;

/// <summary>
/// Double cover between payers (issue 18; bpjs-rules.md §6.2, §6.3): the months two payers both bill for one worker,
/// as BPJS bills them (whole months, or the agreement's partial-month rule), the money each payer has at stake, and the
/// cuts once an administrator chooses the payer that keeps the worker.
/// Statutory rates at the lowest bracket: JKK 1 % × Rp 1.000.000 = Rp 10.000 + JKM Rp 6.800 = Rp 16.800 a month (§1.2).
/// </summary>
public sealed class DoubleCoverTests
{
    private const long Month = 16_800;

    private static Agreement Regency(PartialMonthRule rule = PartialMonthRule.FullMonth) =>
        Make("KAB-2026", FundingKind.ApbdKabupaten, rule);

    private static Agreement Village(string id = "DESA-A-2026", PartialMonthRule rule = PartialMonthRule.FullMonth, long income = 1_000_000) =>
        Make(id, FundingKind.Apbdes, rule, income);

    private static Agreement Province() => Make("PROV-2026", FundingKind.ApbdProvinsi, PartialMonthRule.FullMonth);

    private static Agreement Make(string id, FundingKind payer, PartialMonthRule rule, long income = 1_000_000) =>
        Agreement.Create(new AgreementTerms(id, $"900/{id}", D("2025-12-15"), 2026, D("2026-01-01"), D("2026-12-31"), 100,
            Programs.Jkk | Programs.Jkm, new Money(income), new Money(1_000_000_000), rule, payer,
            PayerKecamatan: payer == FundingKind.Apbdes ? "62.03.01" : null, PayerDesa: payer == FundingKind.Apbdes ? id : null)).Value;

    private static PayerCover Cover(Agreement agreement, string start, string end) => new(agreement, P(start, end));

    // ---- finding the overlap --------------------------------------------------------------------------------------

    [Fact]
    public void Periods_that_touch_at_a_month_end_are_not_double_cover()
    {
        // Regency to 31 March, village from 1 April: March is the regency's, April the village's.
        var found = DoubleCover.Find([Cover(Regency(), "2026-01-01", "2026-03-31"), Cover(Village(), "2026-04-01", "2026-12-31")]);

        Assert.Empty(found);
    }

    [Fact]
    public void Periods_that_touch_in_the_middle_of_a_month_both_bill_that_month_in_full()
    {
        // No day is covered twice, but under "whole month" billing both bill March: Rp 16.800 each.
        var found = Assert.Single(DoubleCover.Find([Cover(Regency(), "2026-01-01", "2026-03-15"), Cover(Village(), "2026-03-16", "2026-12-31")]));

        Assert.Equal([new YearMonth(2026, 3)], found.Months.Select(m => m.Month));
        Assert.Equal(new Money(Month), found.Months[0].First);
        Assert.Equal(new Money(Month), found.Months[0].Second);
    }

    [Fact]
    public void Overlapping_months_are_listed_with_each_payers_money_at_its_own_rates()
    {
        // Regency all 2026; the village enrols the worker from 1 March at a declared income of Rp 2.000.000.
        // Months billed twice: March to December = 10. Regency: 10 × 16.800 = 168.000.
        // Village: JKK 1 % × 2.000.000 = 20.000 + JKM 6.800 = 26.800 a month; 10 × 26.800 = 268.000.
        var found = Assert.Single(DoubleCover.Find(
            [Cover(Village(income: 2_000_000), "2026-03-01", "2026-12-31"), Cover(Regency(), "2026-01-01", "2026-12-31")]));

        Assert.Equal(10, found.Months.Count);
        Assert.Equal(new YearMonth(2026, 3), found.Months[0].Month);
        Assert.Equal(new YearMonth(2026, 12), found.Months[^1].Month);
        // Ordered by agreement id: "DESA-A-2026" before "KAB-2026".
        Assert.Equal(("DESA-A-2026", FundingKind.Apbdes, new Money(268_000)), (found.First.AgreementId, found.First.Payer, found.First.AtStake));
        Assert.Equal(("KAB-2026", FundingKind.ApbdKabupaten, new Money(168_000)), (found.Second.AgreementId, found.Second.Payer, found.Second.AtStake));
    }

    [Theory]
    // Both pro rata, different days of March (1–15 and 16–31): together they pay one month; not billed twice.
    [InlineData(PartialMonthRule.ProRataByDays, "2026-03-15", PartialMonthRule.ProRataByDays, "2026-03-16", "2026-12-31", null, 0, 0)]
    // Both pro rata, days 10–20 March paid by both. Regency 1–20 March: 20/31 × 16.800 = 10.838,7 → 10.839.
    // Village 10–31 March: 22/31 × 16.800 = 11.922,6 → 11.923.
    [InlineData(PartialMonthRule.ProRataByDays, "2026-03-20", PartialMonthRule.ProRataByDays, "2026-03-10", "2026-03-31", "2026-03", 10_839, 11_923)]
    // Regency bills only complete months: 1–15 March is not billed by it, so March is the village's alone.
    [InlineData(PartialMonthRule.CompleteMonthsOnly, "2026-03-15", PartialMonthRule.FullMonth, "2026-03-16", "2026-12-31", null, 0, 0)]
    // Regency complete to 31 March bills March; the village from 16 March bills March in full too.
    [InlineData(PartialMonthRule.CompleteMonthsOnly, "2026-03-31", PartialMonthRule.FullMonth, "2026-03-16", "2026-12-31", "2026-03", 16_800, 16_800)]
    // Village complete months only, from 16 March: it does not bill March, so the regency's partial March stands alone.
    [InlineData(PartialMonthRule.FullMonth, "2026-03-15", PartialMonthRule.CompleteMonthsOnly, "2026-03-16", "2026-12-31", null, 0, 0)]
    // Regency whole month (pays all of March), village pro rata 16–31 March: 16/31 × 16.800 = 8.670,97 → 8.671.
    [InlineData(PartialMonthRule.FullMonth, "2026-03-15", PartialMonthRule.ProRataByDays, "2026-03-16", "2026-12-31", "2026-03", 16_800, 8_671)]
    // Regency pro rata 1–15 March, village whole month from 16 March (pays all of March, days 1–15 included).
    // Regency: 15/31 × 16.800 = 8.129,03 → 8.129.
    [InlineData(PartialMonthRule.ProRataByDays, "2026-03-15", PartialMonthRule.FullMonth, "2026-03-16", "2026-12-31", "2026-03", 8_129, 16_800)]
    public void Each_partial_month_rule_decides_whether_a_shared_month_is_billed_twice(
        PartialMonthRule regencyRule, string regencyEnd, PartialMonthRule villageRule, string villageStart, string villageEnd,
        string? doubleMonth, long regencyAtStake, long villageAtStake)
    {
        var found = DoubleCover.Find(
            [Cover(Regency(regencyRule), "2026-01-01", regencyEnd), Cover(Village(rule: villageRule), villageStart, villageEnd)]);

        if (doubleMonth is null)
        {
            Assert.Empty(found);
            return;
        }

        var overlap = Assert.Single(found);
        Assert.Equal([doubleMonth], overlap.Months.Select(m => m.Month.ToString()));
        // First is the village ("DESA…" sorts before "KAB…").
        Assert.Equal(new Money(villageAtStake), overlap.First.AtStake);
        Assert.Equal(new Money(regencyAtStake), overlap.Second.AtStake);
    }

    [Theory]
    // Died 31 May: the village's period from 1 June never counts. No overlap.
    [InlineData(ExitReason.Died, "2026-05-31", 0)]
    // Moved away 31 May: the same.
    [InlineData(ExitReason.MovedAway, "2026-05-31", 0)]
    // Died 10 June: both cover 1–10 June, both bill June in full; July onwards is gone. One month.
    [InlineData(ExitReason.Died, "2026-06-10", 1)]
    // No exit: June to December, 7 months.
    [InlineData(null, null, 7)]
    public void An_exit_ends_both_periods_and_no_month_after_it_is_double(ExitReason? reason, string? exitDate, int months)
    {
        var exit = reason is { } r ? new Exit(r, D(exitDate!), null) : null;

        var found = DoubleCover.Find([Cover(Regency(), "2026-01-01", "2026-12-31"), Cover(Village(), "2026-06-01", "2026-12-31")], exit);

        Assert.Equal(months, found.Sum(o => o.Months.Count));
        Assert.Equal(months * Month, found.Sum(o => o.First.AtStake.Rupiah));
    }

    [Fact]
    public void Three_payers_give_every_pair_that_shares_months()
    {
        // Regency all year, village July–December, province November–December.
        // Village & regency: Jul–Dec = 6 months, 6 × 16.800 = 100.800 each.
        // Village & province: Nov–Dec = 2 months, 33.600 each. Regency & province: Nov–Dec, 33.600 each.
        var found = DoubleCover.Find(
        [
            Cover(Province(), "2026-11-01", "2026-12-31"),
            Cover(Regency(), "2026-01-01", "2026-12-31"),
            Cover(Village(), "2026-07-01", "2026-12-31"),
        ]);

        Assert.Equal(
            [("DESA-A-2026", "KAB-2026", 6, 100_800L, 100_800L), ("DESA-A-2026", "PROV-2026", 2, 33_600L, 33_600L), ("KAB-2026", "PROV-2026", 2, 33_600L, 33_600L)],
            found.Select(o => (o.First.AgreementId, o.Second.AgreementId, o.Months.Count, o.First.AtStake.Rupiah, o.Second.AtStake.Rupiah)));
    }

    [Fact]
    public void Two_villages_are_two_payers_and_two_periods_of_one_agreement_are_one()
    {
        // Two villages' agreements are two bills. The regency's two periods (a break in April) are one payer with itself.
        var found = DoubleCover.Find(
        [
            Cover(Regency(), "2026-01-01", "2026-03-31"),
            Cover(Regency(), "2026-05-01", "2026-12-31"),
            Cover(Village("DESA-A-2026"), "2026-04-01", "2026-04-30"),
            Cover(Village("DESA-B-2026"), "2026-04-15", "2026-05-31"),
        ]);

        // DESA-A & DESA-B: April (A 1–30, B 15–30) → 1 month. DESA-B & KAB: May → 1 month. DESA-A & KAB: none (April is the regency's break).
        Assert.Equal([("DESA-A-2026", "DESA-B-2026", "2026-04"), ("DESA-B-2026", "KAB-2026", "2026-05")],
            found.Select(o => (o.First.AgreementId, o.Second.AgreementId, Assert.Single(o.Months).Month.ToString())));
    }

    [Fact]
    public void A_period_outside_the_agreement_is_not_billed_by_it()
    {
        // The village's agreement runs in 2026; a period recorded into 2027 is billed only to December 2026.
        var found = Assert.Single(DoubleCover.Find([Cover(Village(), "2026-12-01", "2027-02-28"), Cover(Regency(), "2026-01-01", "2026-12-31")]));

        Assert.Equal(["2026-12"], found.Months.Select(m => m.Month.ToString()));
    }

    [Fact]
    public void The_overlap_is_explained_in_both_languages()
    {
        var found = Assert.Single(DoubleCover.Find([Cover(Regency(), "2026-01-01", "2026-03-15"), Cover(Village(), "2026-03-16", "2026-04-30")]));

        Assert.Equal("APBDes (PKS DESA-A-2026) and Kapuas Regency APBD (PKS KAB-2026) both bill the months 2026-03 (1 in all): "
            + "Rp 16.800 paid by APBDes (PKS DESA-A-2026), Rp 16.800 paid by Kapuas Regency APBD (PKS KAB-2026).",
            found.Explanation.Render(DomainText.English));
        Assert.StartsWith("APBDes (PKS DESA-A-2026) dan APBD Kabupaten Kapuas (PKS KAB-2026) sama-sama menagih bulan 2026-03 (1 bulan)",
            found.Explanation.Render(DomainText.Indonesian), StringComparison.Ordinal);
    }

    // ---- keeping the worker with one payer ------------------------------------------------------------------------

    [Fact]
    public void The_regency_keeps_the_worker_and_the_villages_whole_period_goes_with_its_quota_place()
    {
        // Village March–December: every day is also the regency's, so all of it goes. Saved: 10 × 16.800 = 168.000.
        var resolution = DoubleCover.Resolve([Cover(Regency(), "2026-01-01", "2026-12-31"), Cover(Village(), "2026-03-01", "2026-12-31")], "KAB-2026").Value;

        var cut = Assert.Single(resolution.Cuts);
        Assert.Equal("DESA-A-2026", cut.AgreementId);
        Assert.Equal([P("2026-03-01", "2026-12-31")], cut.Removed);
        Assert.Empty(cut.Remaining);
        Assert.True(cut.RemovesPeriod);
        Assert.Equal(new Money(168_000), cut.Saved);
        Assert.Equal(["DESA-A-2026"], resolution.QuotaPlacesFreed);
        Assert.Empty(resolution.StillBilledTwice);
        Assert.Equal("APBDes (PKS DESA-A-2026): the period 01/03/2026–31/12/2026 is removed entirely and its quota place given back; the bill falls by Rp 168.000.",
            cut.Explanation.Render(DomainText.English));
    }

    [Fact]
    public void The_village_keeps_the_worker_and_the_regency_ends_the_day_before_the_village_starts()
    {
        // Regency cut from 1 March to 31 December; it keeps 1 January – 28 February. Saved: March–December, 168.000.
        var resolution = DoubleCover.Resolve([Cover(Regency(), "2026-01-01", "2026-12-31"), Cover(Village(), "2026-03-01", "2026-12-31")], "DESA-A-2026").Value;

        var cut = Assert.Single(resolution.Cuts);
        Assert.Equal(("KAB-2026", P("2026-01-01", "2026-12-31")), (cut.AgreementId, cut.Period));
        Assert.Equal([P("2026-03-01", "2026-12-31")], cut.Removed);
        Assert.Equal([P("2026-01-01", "2026-02-28")], cut.Remaining);
        Assert.False(cut.RemovesPeriod);
        Assert.Equal(new Money(168_000), cut.Saved);
        Assert.Empty(resolution.QuotaPlacesFreed);
        Assert.Equal("Kapuas Regency APBD (PKS KAB-2026): cut 01/03/2026–31/12/2026 from the period 01/01/2026–31/12/2026; 01/01/2026–28/02/2026 remains; "
            + "the bill falls by Rp 168.000.", cut.Explanation.Render(DomainText.English));
    }

    [Fact]
    public void A_keeper_in_the_middle_of_the_other_period_splits_it_in_two()
    {
        // Village keeps April–June; the regency keeps January–March and July–December. Saved: 3 × 16.800 = 50.400.
        var cut = Assert.Single(DoubleCover.Resolve(
            [Cover(Regency(), "2026-01-01", "2026-12-31"), Cover(Village(), "2026-04-01", "2026-06-30")], "DESA-A-2026").Value.Cuts);

        Assert.Equal([P("2026-04-01", "2026-06-30")], cut.Removed);
        Assert.Equal([P("2026-01-01", "2026-03-31"), P("2026-07-01", "2026-12-31")], cut.Remaining);
        Assert.Equal(new Money(50_400), cut.Saved);
    }

    [Fact]
    public void A_month_billed_twice_without_a_shared_day_is_left_for_the_administrator()
    {
        // Regency (whole months) to 15 March keeps; village (whole months) from 16 March. No day is shared, so cutting the
        // village's days would leave 16–31 March unprotected: nothing is cut and March is listed as still billed twice.
        var resolution = DoubleCover.Resolve([Cover(Regency(), "2026-01-01", "2026-03-15"), Cover(Village(), "2026-03-16", "2026-12-31")], "KAB-2026").Value;

        Assert.Empty(resolution.Cuts);
        var still = Assert.Single(resolution.StillBilledTwice);
        Assert.Equal(["2026-03"], still.Months.Select(m => m.Month.ToString()));
    }

    [Fact]
    public void The_regency_keeps_the_worker_from_three_payers()
    {
        // Village July–December and province November–December both go entirely: 6 × 16.800 + 2 × 16.800 = 134.400 saved.
        var resolution = DoubleCover.Resolve(
        [
            Cover(Regency(), "2026-01-01", "2026-12-31"),
            Cover(Village(), "2026-07-01", "2026-12-31"),
            Cover(Province(), "2026-11-01", "2026-12-31"),
        ], "KAB-2026").Value;

        Assert.Equal(["DESA-A-2026", "PROV-2026"], resolution.QuotaPlacesFreed.Order(StringComparer.Ordinal));
        Assert.Equal(new Money(134_400), resolution.Saved);
        Assert.Empty(resolution.StillBilledTwice);
    }

    [Fact]
    public void A_payer_that_shares_no_month_with_the_keeper_is_not_cut()
    {
        // The province overlaps the village only (both November–December); the regency, which keeps, stops in June.
        var resolution = DoubleCover.Resolve(
        [
            Cover(Regency(), "2026-01-01", "2026-06-30"),
            Cover(Village(), "2026-06-01", "2026-12-31"),
            Cover(Province(), "2026-11-01", "2026-12-31"),
        ], "KAB-2026").Value;

        var cut = Assert.Single(resolution.Cuts);
        Assert.Equal(("DESA-A-2026", P("2026-06-01", "2026-06-30")), (cut.AgreementId, Assert.Single(cut.Removed)));
        Assert.Equal([P("2026-07-01", "2026-12-31")], cut.Remaining);
        Assert.Equal(new Money(Month), cut.Saved);
    }

    [Fact]
    public void Resolving_again_after_the_cuts_cuts_nothing()
    {
        var covers = new List<PayerCover> { Cover(Regency(), "2026-01-01", "2026-12-31"), Cover(Village(), "2026-03-01", "2026-12-31") };
        var first = DoubleCover.Resolve(covers, "DESA-A-2026").Value;
        var after = covers.Where(c => c.AgreementId == "DESA-A-2026")
            .Concat(first.Cuts.SelectMany(c => c.Remaining.Select(p => Cover(Regency(), Iso(p.Start), Iso(p.End)))))
            .ToList();

        var again = DoubleCover.Resolve(after, "DESA-A-2026").Value;

        Assert.Empty(again.Cuts);
        Assert.Empty(DoubleCover.Find(after));
    }

    [Theory]
    [InlineData("KAB-2026")]
    [InlineData("DESA-A-2026")]
    [InlineData("PROV-2026")]
    public void No_day_the_worker_was_protected_on_is_left_uncovered_whoever_keeps_them(string keeper)
    {
        var covers = new List<PayerCover>
        {
            Cover(Regency(), "2026-02-10", "2026-09-20"),
            Cover(Village(), "2026-01-05", "2026-04-12"),
            Cover(Village(), "2026-06-01", "2026-10-31"),
            Cover(Province(), "2026-08-15", "2026-12-31"),
        };

        var resolution = DoubleCover.Resolve(covers, keeper).Value;
        var cutIds = resolution.Cuts.Select(c => (c.AgreementId, c.Period)).ToHashSet();
        var after = covers.Where(c => !cutIds.Contains((c.AgreementId, c.Period))).Select(c => c.Period)
            .Concat(resolution.Cuts.SelectMany(c => c.Remaining))
            .ToList();

        for (var day = D("2026-01-01"); day <= D("2026-12-31"); day = day.AddDays(1))
        {
            var was = covers.Any(c => c.Period.Contains(day));
            Assert.True(was == after.Any(p => p.Contains(day)), $"{Iso(day)}: covered before {was}, after {!was}");
            // The keeper's own periods are untouched, and after the cuts no other payer covers a day the keeper covers.
            var keeperCovers = covers.Any(c => c.AgreementId == keeper && c.Period.Contains(day));
            var othersAfter = covers.Where(c => c.AgreementId != keeper && !cutIds.Contains((c.AgreementId, c.Period))).Select(c => c.Period)
                .Concat(resolution.Cuts.SelectMany(c => c.Remaining)).Count(p => p.Contains(day));
            Assert.False(keeperCovers && othersAfter > 0, $"{Iso(day)} is still covered by another payer than {keeper}");
        }
    }

    [Fact]
    public void A_keeper_that_does_not_cover_the_worker_is_refused()
    {
        var result = DoubleCover.Resolve([Cover(Regency(), "2026-01-01", "2026-12-31"), Cover(Village(), "2026-03-01", "2026-12-31")], "DESA-Z-2026");

        Assert.Equal("double_cover.keeper_unknown", Code(result));
        Assert.Equal("PKS DESA-Z-2026 does not cover this participant: choose one of the payers that do.", result.Error!.Text(DomainText.English));
    }

    [Fact]
    public void A_payer_whose_period_starts_after_the_exit_cannot_keep_the_worker()
    {
        // Worker died 31 May. The village's period starts in June: after the exit it is nothing, so it cannot keep the worker.
        var exit = new Exit(ExitReason.Died, D("2026-05-31"), null);
        var covers = new[] { Cover(Regency(), "2026-01-01", "2026-12-31"), Cover(Village(), "2026-06-01", "2026-12-31") };

        Assert.Equal("double_cover.keeper_unknown", Code(DoubleCover.Resolve(covers, "DESA-A-2026", exit)));
        Assert.Empty(DoubleCover.Resolve(covers, "KAB-2026", exit).Value.Cuts);
    }
}
