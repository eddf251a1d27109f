namespace Kapuas.Domain.Common;

/// <summary>A calendar month: the unit of contributions and billing.</summary>
public readonly record struct YearMonth(int Year, int Month) : IComparable<YearMonth>
{
    public static YearMonth Of(DateOnly date) => new(date.Year, date.Month);

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => new(Year, Month, DaysInMonth);

    public int DaysInMonth => DateTime.DaysInMonth(Year, Month);

    public YearMonth Next() => Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);

    public int CompareTo(YearMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    public static bool operator <(YearMonth a, YearMonth b) => a.CompareTo(b) < 0;

    public static bool operator >(YearMonth a, YearMonth b) => a.CompareTo(b) > 0;

    public static bool operator <=(YearMonth a, YearMonth b) => a.CompareTo(b) <= 0;

    public static bool operator >=(YearMonth a, YearMonth b) => a.CompareTo(b) >= 0;

    /// <summary>Every month from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static IEnumerable<YearMonth> Range(YearMonth first, YearMonth last)
    {
        for (var m = first; m <= last; m = m.Next())
        {
            yield return m;
        }
    }

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
