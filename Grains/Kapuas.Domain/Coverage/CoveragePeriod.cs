using System.Globalization;
using Kapuas.Domain.Common;

namespace Kapuas.Domain.Coverage;

/// <summary>
/// A span of calendar days with an <b>inclusive</b> end: <c>[2026-01-01, 2026-12-31]</c> covers all of 2026.
/// A one-day period has <c>Start == End</c>. Invalid periods cannot be constructed.
/// </summary>
public readonly record struct CoveragePeriod
{
    private CoveragePeriod(DateOnly start, DateOnly end)
    {
        Start = start;
        End = end;
    }

    public DateOnly Start { get; }

    public DateOnly End { get; }

    public int Days => End.DayNumber - Start.DayNumber + 1;

    public static Result<CoveragePeriod> Create(DateOnly start, DateOnly end) =>
        end < start
            ? new DomainError("period.reversed", IndonesianFormat.Date(end), IndonesianFormat.Date(start))
            : new CoveragePeriod(start, end);

    /// <summary>For dates already known to be ordered (tests, tables): throws otherwise.</summary>
    public static CoveragePeriod Of(DateOnly start, DateOnly end) =>
        end < start ? throw new ArgumentException($"End {end:yyyy-MM-dd} is before start {start:yyyy-MM-dd}.") : new(start, end);

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public bool Overlaps(CoveragePeriod other) => Start <= other.End && other.Start <= End;

    /// <summary>The days both periods cover, if any.</summary>
    public CoveragePeriod? Intersect(CoveragePeriod other)
    {
        var start = Start > other.Start ? Start : other.Start;
        var end = End < other.End ? End : other.End;
        return start <= end ? new CoveragePeriod(start, end) : null;
    }

    /// <summary>This period cut to end no later than <paramref name="lastDay"/>; null when nothing is left.</summary>
    public CoveragePeriod? EndingNoLaterThan(DateOnly lastDay) =>
        lastDay < Start ? null : new CoveragePeriod(Start, End < lastDay ? End : lastDay);

    /// <summary>The calendar months the period touches, with how many of each month's days it covers.</summary>
    public IEnumerable<(YearMonth Month, int DaysCovered)> Months()
    {
        foreach (var month in YearMonth.Range(YearMonth.Of(Start), YearMonth.Of(End)))
        {
            var first = month.FirstDay > Start ? month.FirstDay : Start;
            var last = month.LastDay < End ? month.LastDay : End;
            yield return (month, last.DayNumber - first.DayNumber + 1);
        }
    }

    /// <summary>As users in Kapuas read dates: <c>01/01/2026–31/12/2026</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Start:dd/MM/yyyy}–{End:dd/MM/yyyy}");
}
