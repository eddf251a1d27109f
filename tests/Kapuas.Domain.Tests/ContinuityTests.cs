using Kapuas.Domain.Agreements;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Identity;
using static Kapuas.Domain.Tests.TestData;

namespace Kapuas.Domain.Tests;

/// <summary>Grace, lapse, masa iur readings, bridging and no backdated cover (bpjs-rules.md §3, issue 13).</summary>
public sealed class ContinuityTests
{
    private static readonly CoverageSpan Pks2025 = Pks("PKS-2025", "2025-03-01", "2025-09-30");

    [Theory]
    // next cover starts, day asked, status, grace until, lapse began
    [InlineData("2026-01-01", "2025-09-30", MembershipStatus.Active, null, null)]
    [InlineData("2026-01-01", "2025-10-01", MembershipStatus.InGrace, "2025-12-31", null)] // first day of grace
    [InlineData("2026-01-01", "2025-12-31", MembershipStatus.InGrace, "2025-12-31", null)] // a gap of exactly 3 months: last day of grace
    [InlineData("2026-01-01", "2026-01-01", MembershipStatus.Active, null, null)] // ... and no lapse
    [InlineData("2026-01-02", "2025-12-31", MembershipStatus.InGrace, "2025-12-31", null)] // 3 months and one day
    [InlineData("2026-01-02", "2026-01-01", MembershipStatus.Lapsed, "2025-12-31", "2026-01-01")] // ... lapses on that day
    [InlineData("2026-01-02", "2026-01-02", MembershipStatus.Active, null, null)]
    [InlineData(null, "2025-12-31", MembershipStatus.InGrace, "2025-12-31", null)] // no successor: the last day of grace
    [InlineData(null, "2026-01-01", MembershipStatus.Lapsed, "2025-12-31", "2026-01-01")]
    [InlineData(null, "2030-01-01", MembershipStatus.Lapsed, "2025-12-31", "2026-01-01")]
    [InlineData("2026-01-01", "2025-02-28", MembershipStatus.NotYetMember, null, null)]
    public void Membership_is_active_in_grace_for_three_months_then_lapsed(
        string? nextStart, string day, MembershipStatus status, string? graceUntil, string? lapsedOn)
    {
        var timeline = nextStart is null ? Timeline(Pks2025) : Timeline(Pks2025, Pks("PKS-2026", nextStart, "2026-12-31"));

        var membership = MembershipTimeline.Of(timeline).On(D(day));

        Assert.Equal(status, membership.Status);
        Assert.Equal(OptionalDate(graceUntil), membership.Segment?.GraceUntil);
        Assert.Equal(OptionalDate(lapsedOn), membership.Status == MembershipStatus.Lapsed ? membership.Segment!.Start : null);
    }

    [Theory]
    [InlineData("2025-03-31", "2025-06-30")] // a month end: three whole months
    [InlineData("2025-09-30", "2025-12-31")]
    [InlineData("2025-01-31", "2025-04-30")]
    [InlineData("2025-03-15", "2025-06-15")] // mid-month: three months to the day
    [InlineData("2024-11-30", "2025-02-28")]
    public void Arrears_can_be_paid_for_three_months_from_the_end_of_protection(string ended, string lastDay)
    {
        Assert.Equal(D(lastDay), GraceRule.On(D(ended)).LastDayOfGrace(D(ended)));
    }

    [Fact]
    public void The_grace_is_explained_with_its_last_day_and_the_next_cover()
    {
        var timeline = Timeline(Pks2025, Pks("PKS-2026", "2026-01-01", "2026-12-31"));

        var text = MembershipTimeline.Of(timeline).On(D("2025-11-15")).Explain();

        Assert.Equal("Masa tenggang: perlindungan berakhir 30/09/2025; tunggakan iuran masih dapat dibayar sampai 31/12/2025; perlindungan berikutnya mulai 01/01/2026.", text);
    }

    [Fact]
    public void A_lapse_says_when_membership_ended_and_that_it_starts_again_from_zero()
    {
        var text = MembershipTimeline.Of(Timeline(Pks2025)).On(D("2026-03-01")).Explain();

        Assert.Equal("Kepesertaan berakhir sejak 01/01/2026: lebih dari 3 bulan tanpa iuran sejak perlindungan berakhir 30/09/2025; pendaftaran ulang mulai dari nol.", text);
    }

    [Fact]
    public void An_exit_in_grace_ends_the_grace_and_no_lapse_follows()
    {
        var timeline = Timeline(Pks2025).RecordExit(new Exit(ExitReason.MovedAway, D("2025-11-10"), null)).Value;

        var membership = MembershipTimeline.Of(timeline);

        Assert.Equal(MembershipStatus.InGrace, membership.On(D("2025-11-10")).Status);
        Assert.Equal(MembershipStatus.Exited, membership.On(D("2025-11-11")).Status);
        Assert.Empty(membership.Lapses);
    }

    [Theory]
    // day asked, explanation: before the first cover says when it starts
    [InlineData("2025-12-31", "Belum terlindungi; perlindungan mulai 01/01/2026.")]
    [InlineData("2026-01-01", "Terlindungi: periode 01/01/2026–31/12/2026 (APBD Kabupaten Kapuas (PKS PKS-2026)).")] // incident on the day cover starts
    public void Before_the_first_cover_the_explanation_says_when_cover_starts(string day, string expected)
    {
        var timeline = Timeline(Pks("PKS-2026", "2026-01-01", "2026-12-31"));

        Assert.Equal(expected, timeline.On(D(day)).Explain());
        Assert.Equal(day == "2026-01-01" ? MembershipStatus.Active : MembershipStatus.NotYetMember, MembershipTimeline.Of(timeline).On(D(day)).Status);
        Assert.Equal("Belum terlindungi; perlindungan mulai 01/01/2026.", MembershipTimeline.Of(timeline).On(D("2025-06-01")).Explain());
    }

    [Fact]
    public void A_gap_names_both_its_ends()
    {
        var text = Timeline(Pks2025, Pks("PKS-2026", "2026-01-01", "2026-12-31")).On(D("2025-11-01")).Explain();

        Assert.Contains("sejak 01/10/2025 sampai 31/12/2025", text, StringComparison.Ordinal);
    }

    [Theory]
    // second period starts, day asked, cumulative, since the last lapse, counted from, last lapse
    [InlineData("2026-01-01", "2026-06-30", 13, 13, "2025-03-01", null)] // the gap never lapsed: one run
    [InlineData("2026-01-02", "2026-06-30", 13, 6, "2026-01-02", "2026-01-01")] // one day more: starts again from zero
    [InlineData("2026-01-02", "2025-12-31", 7, 7, "2025-03-01", null)] // before the lapse both readings agree
    [InlineData("2027-01-01", "2027-12-31", 19, 12, "2027-01-01", "2026-01-01")]
    public void Masa_iur_since_the_last_lapse_starts_again_after_a_lapse_while_the_cumulative_reading_adds_up(
        string secondStart, string asOf, int cumulative, int sinceLapse, string from, string? lastLapse)
    {
        var second = D(secondStart);
        var timeline = Timeline(Pks2025, Pks("PKS-NEXT", secondStart, $"{second.Year}-12-31"));

        var masaIur = timeline.MasaIurOn(D(asOf));

        Assert.Equal(new MasaIur(cumulative, sinceLapse, D(from), OptionalDate(lastLapse)), masaIur);
    }

    [Theory]
    [InlineData(PartialMonthRule.FullMonth, 12)]
    [InlineData(PartialMonthRule.ProRataByDays, 12)]
    [InlineData(PartialMonthRule.CompleteMonthsOnly, 11)] // January 17–31 was not billed: it does not count
    public void An_agreement_month_counts_for_masa_iur_only_when_the_agreement_billed_it(PartialMonthRule rule, int months)
    {
        var timeline = Timeline(new CoverageSpan(P("2026-01-17", "2026-12-31"), Funding.Agreement("PKS-2026", rule)));

        Assert.Equal(months, timeline.MasaIurOn(D("2026-12-31")).CumulativeMonths);
    }

    [Theory]
    // next cover starts, bridging result
    [InlineData("2026-01-01", "01/10/2025–31/12/2025")] // exactly 3 months: can be paid
    [InlineData("2026-01-02", "bridging.too_long")] // 3 months and one day: membership has ended
    [InlineData("2025-10-01", "bridging.no_gap")]
    public void Arrears_can_bridge_a_gap_of_at_most_the_grace_months(string nextStart, string expected)
    {
        var gap = Bridging.GapBefore(Timeline(Pks2025), D(nextStart));

        Assert.Equal(expected, gap.IsSuccess ? gap.Value.ToString() : Code(gap));
    }

    [Fact]
    public void A_bridged_gap_is_covered_only_with_bpjs_confirmation_and_keeps_masa_iur_unbroken()
    {
        var timeline = Timeline(
            Pks2025,
            new CoverageSpan(P("2025-10-01", "2025-12-31"), Funding.ArrearsPaidBy("PKS-2026")),
            Pks("PKS-2026", "2026-01-01", "2026-12-31"));

        var status = Assert.IsType<CoverageStatus.Covered>(timeline.On(D("2025-11-10")));

        Assert.True(status.NeedsBpjsConfirmation);
        Assert.Contains("perlu konfirmasi BPJS", status.Explain(), StringComparison.Ordinal);
        Assert.Contains("tunggakan dibayar oleh PKS-2026", status.Explain(), StringComparison.Ordinal);
        Assert.Equal(new MasaIur(13, 13, D("2025-03-01"), null), timeline.MasaIurOn(D("2026-03-31")));
        Assert.Equal(MembershipStatus.Active, MembershipTimeline.Of(timeline).On(D("2025-11-10")).Status);
        Assert.Equal(3 * 16_800, Money.Sum(Bridging.Cost(Agreement2026(), P("2025-10-01", "2025-12-31")).Select(c => c.Amount)).Rupiah);
    }

    [Theory]
    // registered on, BPJS acceptance date asked, starting roster, coverage or error
    [InlineData("2025-12-20", null, false, "01/01/2026–31/12/2026")] // registered before the start: aligned
    [InlineData("2026-01-01", null, false, "01/01/2026–31/12/2026")] // a late entry on the PKS's first day
    [InlineData("2026-03-10", null, false, "10/03/2026–31/12/2026")] // later: from the registration, not backdated
    [InlineData("2026-03-10", "2026-03-15", false, "15/03/2026–31/12/2026")] // a later BPJS acceptance date
    [InlineData("2026-03-10", "2026-01-01", false, "enrolment.backdated")]
    [InlineData("2026-03-10", "2026-03-09", false, "enrolment.backdated")]
    [InlineData("2026-03-10", null, true, "01/01/2026–31/12/2026")] // the starting roster, imported late
    [InlineData("2026-03-10", "2025-12-31", true, "agreement.outside_period")]
    [InlineData("2027-01-05", null, false, "agreement.outside_period")] // after the PKS ended
    public void Cover_is_never_backdated_for_a_worker_enrolled_after_the_start(string registered, string? from, bool startingRoster, string expected)
    {
        var coverage = Agreement2026().CoverageFor(D(registered), OptionalDate(from), startingRoster);

        Assert.Equal(expected, coverage.IsSuccess ? coverage.Value.ToString() : Code(coverage));
    }

    [Theory]
    [InlineData(999_999, "agreement.income_below_bracket")]
    [InlineData(1_000_000, "ok")]
    [InlineData(2_500_000, "ok")]
    public void A_declared_income_below_the_lowest_bracket_is_refused(long income, string expected)
    {
        var result = Agreement.Create(Terms2026() with { DeclaredIncome = new Money(income) });

        Assert.Equal(expected, Code(result));
    }

    [Theory]
    // since lapse, cumulative, reading, right
    [InlineData(36, 40, MasaIurReading.Undecided, ScholarshipRight.Entitled)] // both readings agree
    [InlineData(20, 30, MasaIurReading.Undecided, ScholarshipRight.NotEntitled)]
    [InlineData(20, 40, MasaIurReading.Undecided, ScholarshipRight.NeedsBpjsConfirmation)] // they differ: BPJS decides
    [InlineData(20, 40, MasaIurReading.SinceLastLapse, ScholarshipRight.NotEntitled)]
    [InlineData(20, 40, MasaIurReading.Cumulative, ScholarshipRight.Entitled)]
    [InlineData(35, 36, MasaIurReading.Undecided, ScholarshipRight.NeedsBpjsConfirmation)] // at the boundary
    public void The_jkm_scholarship_verdict_depends_on_the_recorded_reading_only_when_the_readings_differ(
        int sinceLapse, int cumulative, MasaIurReading reading, ScholarshipRight right)
    {
        var verdict = ScholarshipVerdict.ForJkm(new MasaIur(cumulative, sinceLapse, null, null), reading, 36);

        Assert.Equal(right, verdict.Right);
        Assert.Contains($"bersambung {sinceLapse} bulan, kumulatif {cumulative} bulan", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Until_the_reading_is_recorded_no_child_is_listed_as_eligible_and_the_estimate_says_so()
    {
        var child = new Child("Budi", new DateOnly(2015, 6, 1), SchoolLevel.Sd);

        var estimate = BenefitEstimator.Estimate(ClaimType.JkmDeath, D("2026-05-10"), true, new MasaIur(40, 20, null, null),
            MasaIurReading.Undecided, new Money(1_000_000), [child], D("2026-11-30")).Value;

        Assert.Equal(ScholarshipRight.NeedsBpjsConfirmation, estimate.Verdict.Right);
        Assert.False(Assert.Single(estimate.Scholarships).Eligible);
        Assert.StartsWith("Perlu konfirmasi BPJS", estimate.Scholarships[0].Reason, StringComparison.Ordinal);
        Assert.Contains(estimate.Notes, n => n.StartsWith("Perlu konfirmasi BPJS", StringComparison.Ordinal));
    }

    [Fact]
    public void Stmb_is_a_monthly_amount_kept_out_of_the_one_off_total()
    {
        var estimate = BenefitEstimator.Estimate(ClaimType.JkkAccident, D("2026-05-10"), true, new MasaIur(12, 12, null, null),
            MasaIurReading.Undecided, new Money(1_000_000), [], D("2026-11-30")).Value;

        Assert.Equal(0, estimate.Total.Rupiah);
        Assert.Equal([1_000_000L, 500_000L], estimate.Monthly.Select(c => c.Amount.Rupiah));
    }

    [Theory]
    // paid already for this participant elsewhere (other children, other claims), this year's payment, result
    [InlineData(0, 1_500_000, "ok")]
    [InlineData(172_500_000, 1_500_000, "ok")] // exactly Rp 174 jt for the participant
    [InlineData(172_500_001, 1_500_000, "scholarship.cap")]
    [InlineData(0, 1_500_001, "scholarship.over_level")] // more than an SD year pays
    public void The_scholarship_cap_is_per_participant_across_all_claims(long elsewhere, long paid, string expected)
    {
        var record = new ScholarshipRecord(Guid.NewGuid(), "Budi", D("2015-06-01"), [], null, null);

        var result = record.RecordYear(new ScholarshipYear(2026, SchoolLevel.Sd, D("2026-07-15"), new Money(paid), D("2026-08-01")),
            new Money(elsewhere), BenefitRules.On(D("2026-01-01"))!, D("2026-11-30"));

        Assert.Equal(expected, Code(result));
    }

    [Fact]
    public void A_year_is_refused_when_the_child_is_23_or_the_level_has_had_all_its_years()
    {
        var rules = BenefitRules.On(D("2026-01-01"))!;
        var older = new ScholarshipRecord(Guid.NewGuid(), "Citra", D("2003-07-01"), [], null, null);
        var smaDone = new ScholarshipRecord(Guid.NewGuid(), "Dani", D("2008-01-01"),
            [.. new[] { 2023, 2024, 2025 }.Select(y => new ScholarshipYear(y, SchoolLevel.Sma, D($"{y}-07-15"), new Money(3_000_000), D($"{y}-08-01")))], null, null);

        Assert.Equal("scholarship.age", Code(older.RecordYear(
            new ScholarshipYear(2026, SchoolLevel.HigherEducation, D("2026-07-15"), new Money(12_000_000), D("2026-08-01")), Money.Zero, rules, D("2026-11-30"))));
        Assert.Equal("ok", Code(older.RecordYear(
            new ScholarshipYear(2026, SchoolLevel.HigherEducation, D("2026-06-30"), new Money(12_000_000), D("2026-08-01")), Money.Zero, rules, D("2026-11-30"))));
        Assert.Equal("scholarship.level_years", Code(smaDone.RecordYear(
            new ScholarshipYear(2026, SchoolLevel.Sma, D("2026-07-15"), new Money(3_000_000), D("2026-08-01")), Money.Zero, rules, D("2026-11-30"))));
        Assert.Equal(87_000_000, rules.ScholarshipPerChild.Rupiah);
    }

    [Theory]
    // type, accident, died on, today, result
    [InlineData(ClaimType.JkkDeath, "2026-03-01", "2026-05-20", "ok")] // months after the accident
    [InlineData(ClaimType.JkkDeath, "2026-03-01", "2026-03-01", "ok")]
    [InlineData(ClaimType.JkkDeath, "2026-03-01", null, "claim.death_date_required")]
    [InlineData(ClaimType.JkkDeath, "2026-03-01", "2026-02-28", "claim.death_before_accident")]
    [InlineData(ClaimType.JkkDeath, "2026-03-01", "2026-12-01", "claim.death_future")]
    [InlineData(ClaimType.JkmDeath, "2026-03-01", "2026-03-05", "claim.death_date_jkk_only")]
    [InlineData(ClaimType.JkmDeath, "2026-03-01", null, "ok")]
    public void A_jkk_death_records_the_date_of_death_apart_from_the_accident(ClaimType type, string accident, string? diedOn, string expected)
    {
        var error = Claim.CheckDeathDate(type, OptionalDate(diedOn), D(accident), D("2026-11-30"));

        Assert.Equal(expected, error?.Code ?? "ok");
    }

    [Theory]
    [InlineData("12345678901", true, null)]
    [InlineData("00012345678", true, null)]
    [InlineData("1234567890", true, "kpj.format")] // ten digits: kept, with a warning
    [InlineData("KPJ-123", true, "kpj.format")]
    [InlineData("12<b>", false, "kpj.invalid")]
    public void The_kpj_format_is_a_soft_check(string input, bool accepted, string? warning)
    {
        var kpj = Kpj.Parse(input);

        Assert.Equal(accepted, kpj.IsSuccess);
        Assert.Equal(warning, kpj.IsSuccess ? kpj.Value.FormatWarning()?.Code : kpj.Error!.Code);
    }

    private static Agreement Agreement2026() => Agreement.Create(Terms2026()).Value;

    private static AgreementTerms Terms2026() => new(
        Id: "PKS-2026", Number: "900/001/PKS/DINSOS/2026", SignedOn: new DateOnly(2025, 12, 20), BudgetYear: 2026,
        Start: new DateOnly(2026, 1, 1), End: new DateOnly(2026, 12, 31), Quota: 5_000, Programs: Programs.Jkk | Programs.Jkm,
        DeclaredIncome: Agreement.DefaultDeclaredIncome, BudgetCeiling: new Money(1_008_000_000));

    private static CoverageSpan Pks(string agreementId, string start, string end) => new(P(start, end), Funding.Agreement(agreementId));

    private static CoverageTimeline Timeline(params CoverageSpan[] spans) => CoverageTimeline.From(spans, null).Value;
}
