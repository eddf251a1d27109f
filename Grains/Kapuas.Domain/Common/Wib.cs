namespace Kapuas.Domain.Common;

/// <summary>
/// Western Indonesian Time, the one calendar of the system: every coverage date, deadline, schedule and page reads
/// time in it. UTC+7 with no daylight saving (none since 1964), so a fixed offset is exact and needs no time-zone
/// database; <see cref="ZoneId"/> names the zone for schedulers that store a zone by name.
/// </summary>
public static class Wib
{
    public const string ZoneId = "Asia/Jakarta";

    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The moment as a Kapuas clock shows it.</summary>
    public static DateTimeOffset ToWib(DateTimeOffset at) => at.ToOffset(Offset);

    /// <summary>The calendar date in Kapuas at a moment.</summary>
    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    /// <summary>A time of day on a Kapuas date.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), Offset);

    /// <summary>A date and time a user entered, read as Kapuas time (whatever kind the value says).</summary>
    public static DateTimeOffset At(DateTime local) => new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);
}
