using Kapuas.Domain.Coverage;
using static Kapuas.Domain.Tests.TestData;

namespace Kapuas.Domain.Tests;

public sealed class CoveragePeriodTests
{
    [Theory]
    [InlineData("2026-01-01", "2026-01-01", 1)]
    [InlineData("2025-12-31", "2026-01-01", 2)]
    [InlineData("2024-02-01", "2024-02-29", 29)]
    [InlineData("2026-02-01", "2026-02-28", 28)]
    [InlineData("2026-01-01", "2026-12-31", 365)]
    [InlineData("2024-01-01", "2024-12-31", 366)]
    [InlineData("2025-03-01", "2025-09-30", 214)]
    public void The_end_day_is_included_in_the_count_of_days(string start, string end, int days)
    {
        var period = CoveragePeriod.Create(D(start), D(end)).Value;

        Assert.Equal(days, period.Days);
        Assert.Equal(D(start), period.Start);
        Assert.Equal(D(end), period.End);
    }

    [Theory]
    [InlineData("2026-01-02", "2026-01-01")]
    [InlineData("2027-01-01", "2026-12-31")]
    public void A_period_that_ends_before_it_starts_is_refused(string start, string end)
    {
        var result = CoveragePeriod.Create(D(start), D(end));

        Assert.Equal("period.reversed", Code(result));
        Assert.Contains(IndonesianDate(start), result.Error!.Message);
        Assert.Contains(IndonesianDate(end), result.Error!.Message);
        Assert.Throws<ArgumentException>(() => CoveragePeriod.Of(D(start), D(end)));
    }

    [Theory]
    [InlineData("2025-12-31", false)]
    [InlineData("2026-01-01", true)]
    [InlineData("2026-02-15", true)]
    [InlineData("2026-03-31", true)]
    [InlineData("2026-04-01", false)]
    public void A_period_contains_its_first_and_last_day_and_nothing_outside(string date, bool contained)
    {
        var period = P("2026-01-01", "2026-03-31");

        Assert.Equal(contained, period.Contains(D(date)));
    }

    [Theory]
    [InlineData("2026-01-31", "2026-02-28", true)]
    [InlineData("2026-02-01", "2026-02-28", false)]
    [InlineData("2025-12-01", "2026-01-01", true)]
    [InlineData("2025-12-01", "2025-12-31", false)]
    [InlineData("2026-01-10", "2026-01-20", true)]
    [InlineData("2025-01-01", "2026-12-31", true)]
    [InlineData("2026-01-31", "2026-01-31", true)]
    public void Periods_overlap_when_they_share_a_day_but_not_when_adjacent(string start, string end, bool overlaps)
    {
        var january = P("2026-01-01", "2026-01-31");
        var other = P(start, end);

        Assert.Equal(overlaps, january.Overlaps(other));
        Assert.Equal(overlaps, other.Overlaps(january));
    }

    [Theory]
    [InlineData("2026-01-15", "2026-02-15", "15/01/2026–31/01/2026")]
    [InlineData("2026-01-31", "2026-02-15", "31/01/2026–31/01/2026")]
    [InlineData("2025-12-01", "2026-12-31", "01/01/2026–31/01/2026")]
    [InlineData("2026-02-01", "2026-02-15", "none")]
    public void The_intersection_is_the_days_both_periods_cover(string start, string end, string expected)
    {
        var intersection = P("2026-01-01", "2026-01-31").Intersect(P(start, end));

        Assert.Equal(expected, intersection?.ToString() ?? "none");
    }

    [Theory]
    [InlineData("2026-03-10", "01/01/2026–10/03/2026")]
    [InlineData("2026-01-01", "01/01/2026–01/01/2026")]
    [InlineData("2026-12-31", "01/01/2026–31/12/2026")]
    [InlineData("2027-06-30", "01/01/2026–31/12/2026")]
    [InlineData("2025-12-31", "none")]
    public void A_period_can_be_cut_to_end_no_later_than_a_day(string lastDay, string expected)
    {
        var cut = P("2026-01-01", "2026-12-31").EndingNoLaterThan(D(lastDay));

        Assert.Equal(expected, cut?.ToString() ?? "none");
    }

    [Theory]
    [InlineData("2025-12-15", "2026-02-10", "2025-12:17,2026-01:31,2026-02:10")]
    [InlineData("2026-01-31", "2026-02-01", "2026-01:1,2026-02:1")]
    [InlineData("2024-02-01", "2024-02-29", "2024-02:29")]
    [InlineData("2026-02-14", "2026-02-14", "2026-02:1")]
    [InlineData("2025-03-01", "2025-09-30", "2025-03:31,2025-04:30,2025-05:31,2025-06:30,2025-07:31,2025-08:31,2025-09:30")]
    public void Months_lists_each_calendar_month_touched_with_its_days_covered(string start, string end, string expected)
    {
        var months = P(start, end).Months().Select(m => $"{m.Month}:{m.DaysCovered}");

        Assert.Equal(expected, string.Join(",", months));
    }

    [Fact]
    public void The_days_of_the_months_add_up_to_the_days_of_the_period()
    {
        var period = P("2023-11-20", "2025-03-05");

        Assert.Equal(period.Days, period.Months().Sum(m => m.DaysCovered));
        Assert.Equal(17, period.Months().Count());
    }

    [Theory]
    [InlineData("2026-01-01", "2026-12-31", "01/01/2026–31/12/2026")]
    [InlineData("2025-03-01", "2025-03-01", "01/03/2025–01/03/2025")]
    public void A_period_is_shown_as_an_inclusive_iso_range(string start, string end, string expected)
    {
        Assert.Equal(expected, P(start, end).ToString());
    }

    private static string IndonesianDate(string iso) => $"{iso[8..10]}/{iso[5..7]}/{iso[..4]}";
}
