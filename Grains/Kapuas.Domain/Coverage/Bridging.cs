using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;

namespace Kapuas.Domain.Coverage;

/// <summary>
/// Paying the arrears for the months between two agreements so that membership runs unbroken (bpjs-rules.md §3.1,
/// §3.5): possible only while the gap stays within the grace months after protection ended.
/// </summary>
public static class Bridging
{
    /// <summary>
    /// The gap before <paramref name="newStart"/> that arrears can fill: from the day after the last protection ended
    /// to the day before the new cover. Refused when there is no gap, nothing before it, or it is longer than the grace.
    /// </summary>
    public static Result<CoveragePeriod> GapBefore(CoverageTimeline timeline, DateOnly newStart)
    {
        var before = timeline.Effective.Where(s => s.Period.Start < newStart).ToList();
        if (before.Count == 0)
        {
            return new DomainError("bridging.nothing_before");
        }

        var ended = before.Max(s => s.Period.End);
        if (ended >= newStart.AddDays(-1))
        {
            return new DomainError("bridging.no_gap");
        }

        var gap = CoveragePeriod.Of(ended.AddDays(1), newStart.AddDays(-1));
        var rule = GraceRule.On(ended);
        var lastDay = rule.LastDayOfGrace(ended);
        if (gap.End > lastDay)
        {
            return new DomainError("bridging.too_long",
                gap.ToString(), $"{rule.Months}", IndonesianFormat.Date(ended), IndonesianFormat.Date(lastDay), rule.Source);
        }

        return gap;
    }

    /// <summary>The arrears for <paramref name="gap"/> at the rates in force in those months (whole months, as BPJS bills them).</summary>
    public static IReadOnlyList<MonthCharge> Cost(Agreement payer, CoveragePeriod gap) =>
        [.. gap.Months().Select(m => new MonthCharge(m.Month, m.DaysCovered, payer.MonthlyCost(m.Month).Total))];
}
