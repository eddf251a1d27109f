namespace Kapuas.Grains.Common;

/// <summary>Western Indonesian Time (Asia/Jakarta, UTC+7): the calendar every coverage date is read in.</summary>
public static class Wib
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);
}
