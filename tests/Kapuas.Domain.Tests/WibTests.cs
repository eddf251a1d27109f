using Kapuas.Domain.Common;

namespace Kapuas.Domain.Tests;

/// <summary>The one calendar of the system: a Kapuas day begins at 17:00 UTC of the day before.</summary>
public sealed class WibTests
{
    [Theory]
    [InlineData("2026-03-14T16:59:59Z", "2026-03-14")]
    [InlineData("2026-03-14T17:00:00Z", "2026-03-15")]
    [InlineData("2026-03-15T06:00:00+07:00", "2026-03-15")]
    [InlineData("2026-12-31T23:30:00+09:00", "2026-12-31")]
    [InlineData("2026-12-31T17:30:00Z", "2027-01-01")]
    public void The_date_of_a_moment_is_the_kapuas_calendar_date(string moment, string date) =>
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
            Wib.DateOf(DateTimeOffset.Parse(moment, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_time_on_a_kapuas_date_and_an_entered_local_time_are_utc_plus_seven()
    {
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 17, 0, 0, TimeSpan.Zero), Wib.At(new DateOnly(2026, 1, 2), TimeOnly.MinValue));
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 1, 0, 0, TimeSpan.Zero), Wib.At(new DateTime(2026, 6, 10, 8, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(TimeSpan.FromHours(7), Wib.ToWib(DateTimeOffset.UnixEpoch).Offset);
    }
}
