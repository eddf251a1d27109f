using Kapuas.Domain.Claims;
using Kapuas.Domain.Family;
using static Kapuas.Domain.Tests.TestData;

namespace Kapuas.Domain.Tests;

/// <summary>
/// The children the read model keeps for the budget plan (bpjs-rules.md §2.3): under 23, unmarried, not working, two per
/// worker at most, counted on any day from each child's last day under 23, the same children the claim's estimate grants.
/// </summary>
public sealed class ScholarshipRightsTests
{
    private static FamilyMember Child(string born, bool married = false, bool working = false) =>
        new(Guid.NewGuid(), "Anak", null, Relationship.Child, D(born), SchoolLevel.Sd, married, working);

    [Fact]
    public void Only_the_youngest_two_who_could_hold_a_right_are_kept_with_their_last_day_under_23()
    {
        var family = new[]
        {
            Child("2001-03-10"), Child("2010-06-01"), Child("2015-01-31"), Child("2018-12-01"),
            Child("2019-05-05", married: true), Child("2020-02-02", working: true),
            new FamilyMember(Guid.NewGuid(), "Istri", null, Relationship.Spouse, D("1990-01-01"), SchoolLevel.NotYetInSchool, true, false),
        };

        Assert.Equal(new[] { D("2041-11-30"), D("2038-01-30") }, ScholarshipRights.LastDays(family));
    }

    [Theory]
    [InlineData("2026-12-01", 2)] // both under 23
    [InlineData("2033-06-14", 2)] // the elder's last day under 23
    [InlineData("2033-06-15", 1)] // the elder's 23rd birthday: only the younger
    [InlineData("2035-02-27", 1)] // the younger, born on a leap day: its last day under 23
    [InlineData("2035-02-28", 0)] // its 23rd birthday in a common year
    public void Children_count_on_a_day_while_they_are_under_23(string day, int expected)
    {
        var lastDays = ScholarshipRights.LastDays([Child("2010-06-15"), Child("2012-02-29"), Child("2012-02-29", married: true)]);

        Assert.Equal(expected, ScholarshipRights.On(lastDays, D(day)));
    }

    [Theory]
    [InlineData("2026-12-01")]
    [InlineData("2027-07-06")] // the last day under 23 of the second child
    [InlineData("2027-07-07")] // its 23rd birthday
    [InlineData("2035-12-12")] // every child 23 or older
    public void The_count_agrees_with_the_children_a_claim_estimate_grants(string day)
    {
        var children = new[] { Child("2000-01-01"), Child("2004-07-07"), Child("2008-08-08", working: true), Child("2009-09-09", married: true), Child("2012-12-12") };
        var asOf = D(day);

        var granted = BenefitEstimator.Estimate(ClaimType.JkkDeath, asOf, true, new Coverage.MasaIur(48, 48, null, null), MasaIurReading.Undecided,
            new Common.Money(1_000_000), [.. children.Select(c => c.AsChild()!)], asOf);

        Assert.Equal(granted.Value.Scholarships.Count(s => s.Eligible), ScholarshipRights.On(ScholarshipRights.LastDays(children), asOf));
    }
}
