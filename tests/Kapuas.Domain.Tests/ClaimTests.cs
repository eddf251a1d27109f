using Kapuas.Domain.Coverage;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;

namespace Kapuas.Domain.Tests;

public sealed class ClaimStateMachineTests
{
    private static readonly TransitionDetails Complete = new("BPJS-123", "alasan", new Money(42_000_000), new DateOnly(2026, 5, 20), "Siti (istri)");

    private static readonly HashSet<(ClaimState, ClaimState)> Legal =
    [
        (ClaimState.Draft, ClaimState.DocumentsIncomplete), (ClaimState.Draft, ClaimState.ReadyToSubmit), (ClaimState.Draft, ClaimState.Closed),
        (ClaimState.DocumentsIncomplete, ClaimState.ReadyToSubmit), (ClaimState.DocumentsIncomplete, ClaimState.Closed),
        (ClaimState.ReadyToSubmit, ClaimState.DocumentsIncomplete), (ClaimState.ReadyToSubmit, ClaimState.SubmittedToBpjs), (ClaimState.ReadyToSubmit, ClaimState.Closed),
        (ClaimState.SubmittedToBpjs, ClaimState.MoreInformationRequested), (ClaimState.SubmittedToBpjs, ClaimState.Approved), (ClaimState.SubmittedToBpjs, ClaimState.Rejected),
        (ClaimState.MoreInformationRequested, ClaimState.SubmittedToBpjs), (ClaimState.MoreInformationRequested, ClaimState.Rejected),
        (ClaimState.Approved, ClaimState.Paid),
        (ClaimState.Rejected, ClaimState.Closed),
        (ClaimState.Paid, ClaimState.Closed),
    ];

    public static TheoryData<ClaimState, ClaimState> EveryPair()
    {
        var data = new TheoryData<ClaimState, ClaimState>();
        foreach (var from in Enum.GetValues<ClaimState>())
        {
            foreach (var to in Enum.GetValues<ClaimState>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_transition_is_allowed_or_refused_exactly_as_the_process_says(ClaimState from, ClaimState to)
    {
        var result = ClaimStateMachine.Move(from, to, Complete, missingBlockingDocuments: 0);

        if (Legal.Contains((from, to)))
        {
            Assert.True(result.IsSuccess, result.Error?.Message);
            Assert.Equal(to, result.Value);
        }
        else
        {
            Assert.Equal("claim.illegal_transition", result.Error!.Code);
            Assert.Contains(ClaimStateMachine.Label(from), result.Error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(ClaimState.DocumentsIncomplete, ClaimState.ReadyToSubmit, "claim.documents_missing")]
    [InlineData(ClaimState.ReadyToSubmit, ClaimState.SubmittedToBpjs, "claim.documents_missing")]
    public void A_claim_with_a_missing_blocking_document_cannot_go_to_bpjs(ClaimState from, ClaimState to, string code)
    {
        Assert.Equal(code, ClaimStateMachine.Move(from, to, Complete, missingBlockingDocuments: 2).Error!.Code);
    }

    [Theory]
    [InlineData(ClaimState.ReadyToSubmit, ClaimState.SubmittedToBpjs, "claim.reference_required")]
    [InlineData(ClaimState.SubmittedToBpjs, ClaimState.Rejected, "claim.reason_required")]
    [InlineData(ClaimState.Draft, ClaimState.Closed, "claim.reason_required")]
    [InlineData(ClaimState.Approved, ClaimState.Paid, "claim.amount_required")]
    public void A_transition_without_what_it_needs_is_refused(ClaimState from, ClaimState to, string code)
    {
        Assert.Equal(code, ClaimStateMachine.Move(from, to, new TransitionDetails(), 0).Error!.Code);
    }

    [Fact]
    public void A_payment_needs_amount_date_and_recipient()
    {
        Assert.Equal("claim.paid_on_required", ClaimStateMachine.Move(ClaimState.Approved, ClaimState.Paid, new(PaidAmount: new Money(1)), 0).Error!.Code);
        Assert.Equal("claim.recipient_required",
            ClaimStateMachine.Move(ClaimState.Approved, ClaimState.Paid, new(PaidAmount: new Money(1), PaidOn: new DateOnly(2026, 1, 1)), 0).Error!.Code);
        Assert.True(ClaimStateMachine.Move(ClaimState.Paid, ClaimState.Closed, new(), 0).IsSuccess);
    }
}

public sealed class BenefitEstimatorTests
{
    private static readonly Money Income = new(1_000_000);
    private static readonly DateOnly AsOf = new(2026, 11, 29);

    /// <summary>Masa iur with both readings equal (no lapse in the history).</summary>
    private static MasaIur M(int months) => new(months, months, null, null);

    private static readonly Child Toddler = new("Adi", new DateOnly(2022, 1, 1), SchoolLevel.NotYetInSchool);
    private static readonly Child Pupil = new("Budi", new DateOnly(2015, 6, 1), SchoolLevel.Sd);
    private static readonly Child Student = new("Citra", new DateOnly(2007, 3, 1), SchoolLevel.HigherEducation);
    private static readonly Child Adult = new("Dewi", new DateOnly(2000, 1, 1), SchoolLevel.HigherEducation);

    [Theory]
    [InlineData(ClaimType.JkmDeath, 36, 42_000_000)]
    [InlineData(ClaimType.JkmDeath, 7, 42_000_000)]
    [InlineData(ClaimType.JkkDeath, 0, 70_000_000)]
    [InlineData(ClaimType.JkkPermanentTotalDisability, 0, 68_000_000)]
    [InlineData(ClaimType.JkkAccident, 0, 0)] // STMB is paid per month: not in the one-off total
    public void Benefits_follow_the_2019_rules_at_the_programme_income(ClaimType type, int masaIur, long expected)
    {
        var estimate = BenefitEstimator.Estimate(type, new DateOnly(2026, 5, 10), true, M(masaIur), MasaIurReading.Undecided, Income, [], AsOf).Value;

        Assert.Equal(expected, estimate.Total.Rupiah);
        Assert.All(estimate.Components, c => Assert.Contains("PP 82/2019", c.Source, StringComparison.Ordinal));
    }

    [Fact]
    public void A_jkk_death_pays_at_least_the_jkm_death_benefit_when_income_is_low()
    {
        var estimate = BenefitEstimator.Estimate(ClaimType.JkkDeath, new DateOnly(2026, 5, 10), true, M(0), MasaIurReading.Undecided, new Money(300_000), [], AsOf).Value;

        Assert.Equal(20_000_000, estimate.Components[0].Amount.Rupiah); // 48 × 300.000 = 14.400.000 < 20.000.000
        Assert.Contains("paling sedikit", estimate.Components[0].Working, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ClaimType.JkmDeath, 35, false)]
    [InlineData(ClaimType.JkmDeath, 36, true)]
    [InlineData(ClaimType.JkkDeath, 0, true)]
    [InlineData(ClaimType.JkkPermanentTotalDisability, 0, true)]
    [InlineData(ClaimType.JkkAccident, 120, false)]
    public void The_scholarship_needs_three_years_only_after_a_non_work_death(ClaimType type, int masaIur, bool eligible)
    {
        var estimate = BenefitEstimator.Estimate(type, new DateOnly(2026, 5, 10), true, M(masaIur), MasaIurReading.Undecided, Income, [Pupil], AsOf).Value;

        Assert.Equal(eligible, estimate.Scholarships.Any(s => s.Eligible));
    }

    [Fact]
    public void At_most_two_children_under_23_unmarried_and_not_working_get_a_scholarship()
    {
        var married = new Child("Eka", new DateOnly(2004, 1, 1), SchoolLevel.HigherEducation, Married: true);
        var estimate = BenefitEstimator.Estimate(ClaimType.JkkDeath, new DateOnly(2026, 5, 10), true, M(0), MasaIurReading.Undecided, Income,
            [Toddler, Pupil, Student, Adult, married], AsOf).Value;

        var byName = estimate.Scholarships.ToDictionary(s => s.Child.Name);
        Assert.False(byName["Dewi"].Eligible); // 26 years old
        Assert.False(byName["Eka"].Eligible); // married
        Assert.True(byName["Citra"].Eligible); // 19, higher education: Rp 12.000.000 a year
        Assert.Equal(12_000_000, byName["Citra"].YearlyAmount.Rupiah);
        Assert.True(byName["Budi"].Eligible);
        Assert.False(byName["Adi"].Eligible); // the third child: two at most
        Assert.Contains("paling banyak 2 anak", byName["Adi"].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_estimated_when_the_worker_was_not_covered_on_the_incident_date()
    {
        var estimate = BenefitEstimator.Estimate(ClaimType.JkmDeath, new DateOnly(2025, 11, 1), false, M(40), MasaIurReading.Undecided, Income, [Pupil], AsOf).Value;

        Assert.Empty(estimate.Components);
        Assert.Equal(0, estimate.Total.Rupiah);
        Assert.Contains("tidak terlindungi", estimate.Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_incident_before_the_2019_rules_is_not_estimated_with_them()
    {
        Assert.Equal("benefit.rules_missing",
            BenefitEstimator.Estimate(ClaimType.JkmDeath, new DateOnly(2019, 12, 1), true, M(40), MasaIurReading.Undecided, Income, [], AsOf).Error!.Code);
        Assert.True(BenefitEstimator.Estimate(ClaimType.JkmDeath, new DateOnly(2019, 12, 2), true, M(40), MasaIurReading.Undecided, Income, [], AsOf).IsSuccess);
    }
}

public sealed class StatutoryClockTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    [Fact]
    public void The_first_jkk_report_is_due_48_hours_after_the_accident_and_lateness_is_said_in_words()
    {
        var accident = new DateTimeOffset(2026, 3, 2, 9, 30, 0, Wib);
        var report = StatutoryClocks.JkkFirstReport(accident);

        Assert.Equal(new DateTimeOffset(2026, 3, 4, 9, 30, 0, Wib), report.Due);
        Assert.False(report.IsOverdue(report.Due));
        Assert.Equal("terlambat 1 hari 3 jam", StatutoryClocks.DescribeLate(report.Late(report.Due.AddHours(27))));
        Assert.Equal("tepat waktu", StatutoryClocks.DescribeLate(report.Late(report.Due)));
        Assert.True(report.FallsDueWithin(report.Due.AddDays(-2), TimeSpan.FromDays(3)));
    }

    [Fact]
    public void A_jkk_claim_expires_two_years_after_the_accident_also_from_a_leap_day()
    {
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 8, 0, 0, Wib), StatutoryClocks.JkkExpiry(new DateTimeOffset(2024, 2, 29, 8, 0, 0, Wib)).Due);
    }

    [Theory]
    [InlineData("2026-11-25", "2026-11-30")] // Wed → Thu, Fri, Mon
    [InlineData("2026-11-27", "2026-12-02")] // Fri → Mon, Tue, Wed
    [InlineData("2026-12-23", "2026-12-29")] // Wed → Thu 24, (25 Christmas), Mon 28, Tue 29
    [InlineData("2026-08-14", "2026-08-20")] // Fri → (Mon 17 Aug, independence day) Tue 18, Wed 19, Thu 20
    public void Jkm_is_due_three_working_days_after_a_complete_file(string received, string due)
    {
        var holidays = HolidayCalendar.FixedOnly;
        var from = DateOnly.Parse(received, System.Globalization.CultureInfo.InvariantCulture);
        var expected = DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture);

        var deadline = StatutoryClocks.JkmPayment(from, holidays);

        Assert.Equal(expected, DateOnly.FromDateTime(deadline.Due.DateTime));
    }

    [Fact]
    public void Holidays_entered_for_a_year_are_skipped()
    {
        var idulFitri = new HolidayCalendar([new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 23)]);

        // Thu 19 March: Fri 20 off, weekend, Mon 23 off, then Tue 24, Wed 25, Thu 26.
        Assert.Equal(new DateOnly(2026, 3, 26), idulFitri.AddWorkingDays(new DateOnly(2026, 3, 19), 3));
    }
}
