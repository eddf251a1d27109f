using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;

namespace Kapuas.Domain.Continuity;

public enum ContinuityAlertKind
{
    /// <summary>A PKS ends within a threshold and no signed successor starts before its workers would lapse.</summary>
    EndingWithoutSuccessor = 1,

    /// <summary>A cohort's protection ended: its members are in grace from this day.</summary>
    CohortInGrace = 2,

    /// <summary>A cohort's grace ran out: its members' membership ended.</summary>
    CohortLapsed = 3,
}

/// <summary>
/// An alert the daily job raises once (agreement, kind, threshold and day make it unique); <see cref="Message"/> is its
/// text in the current UI culture (what is stored is rendered in Bahasa Indonesia).
/// </summary>
public sealed record ContinuityAlert(string AgreementId, ContinuityAlertKind Kind, int ThresholdDays, DateOnly DueOn, int Workers, Phrase Text)
{
    public string Message => Text.ToString();
}

/// <summary>What a PKS's end means for its workers' membership, on a given day.</summary>
public sealed record ContinuityAssessment(
    Agreement Ending,
    Agreement? Successor,
    int DaysUntilEnd,
    DateOnly GraceStart,
    DateOnly GraceUntil,
    CoveragePeriod? Gap,
    DateOnly? LapseOn,
    int Cohort,
    Money BridgeCostPerWorker,
    IReadOnlyList<ContinuityAlert> Alerts)
{
    /// <summary>Calendar months the gap touches (zero when the successor starts the day after).</summary>
    public int GapMonths => Gap is { } g ? g.Months().Count() : 0;

    public Money BridgeCostTotal => BridgeCostPerWorker * Cohort;

    /// <summary>Whether arrears can still close the gap: it is within the grace months.</summary>
    public bool Bridgeable => Gap is not null && LapseOn is null;

    /// <summary>The assessment in words, in the current UI culture.</summary>
    public string Explain() => Explanation.ToString();

    public Phrase Explanation => Successor is null
        ? new("continuity.no_successor", Ending.Number, IndonesianFormat.Date(Ending.Period.End), DaysText, IndonesianFormat.Number(Cohort),
            IndonesianFormat.Date(GraceStart), IndonesianFormat.Date(GraceUntil), IndonesianFormat.Date(LapseOn!.Value))
        : Gap is null
            ? new("continuity.no_gap", Ending.Number, IndonesianFormat.Date(Ending.Period.End), DaysText, Successor.Number,
                IndonesianFormat.Date(Successor.Period.Start))
            : LapseOn is null
                ? new("continuity.gap_in_grace", Ending.Number, IndonesianFormat.Date(Ending.Period.End), DaysText, Successor.Number,
                    IndonesianFormat.Date(Successor.Period.Start), Gap.ToString()!, $"{GapMonths}", IndonesianFormat.Number(Cohort), BridgeCostTotal.ToString(),
                    IndonesianFormat.Date(GraceUntil))
                : new("continuity.gap_lapses", Ending.Number, IndonesianFormat.Date(Ending.Period.End), DaysText, Successor.Number,
                    IndonesianFormat.Date(Successor.Period.Start), Gap.ToString()!, IndonesianFormat.Number(Cohort), IndonesianFormat.Date(LapseOn.Value));

    private string DaysText => DaysUntilEnd > 0 ? new Phrase("continuity.days_left", $"{DaysUntilEnd}").AsArgument()
        : DaysUntilEnd == 0 ? Phrase.Term("continuity.today")
        : new Phrase("continuity.days_ago", $"{-DaysUntilEnd}").AsArgument();
}

/// <summary>
/// Watches the end of each PKS (bpjs-rules.md §3.1, §3.5): when it ends, whether a signed successor starts in time,
/// who would enter grace and lapse when, the cost of paying the gap as arrears, and the alerts due. Pure: the caller
/// supplies the agreements, the cohort and the day.
/// </summary>
public static class ContinuityGuard
{
    /// <summary>Days before a PKS's end at which an alert is raised when no successor is signed in time.</summary>
    public static IReadOnlyList<int> Thresholds { get; } = [90, 60, 30, 7];

    /// <summary>
    /// Assesses <paramref name="ending"/> on <paramref name="today"/>. The successor is the earliest signed or active
    /// agreement of the same payer starting after it ends; <paramref name="cohort"/> is how many workers' protection
    /// ends with it and does not continue the next day.
    /// </summary>
    public static ContinuityAssessment Assess(Agreement ending, IEnumerable<(Agreement Agreement, AgreementStatus Status)> others, int cohort, DateOnly today)
    {
        var end = ending.Period.End;
        var successor = others
            .Where(o => o.Status.TakesWorkers() && o.Agreement.Id != ending.Id
                && o.Agreement.Payer == ending.Payer && o.Agreement.Period.Start > end)
            .Select(o => o.Agreement)
            .MinBy(a => a.Period.Start);
        var graceUntil = GraceRule.On(end).LastDayOfGrace(end);
        var graceStart = end.AddDays(1);
        // With no successor the gap runs to the end of the grace; a successor starting the day after leaves none.
        CoveragePeriod? gap = successor is null ? CoveragePeriod.Of(graceStart, graceUntil)
            : successor.Period.Start == graceStart ? null
            : CoveragePeriod.Of(graceStart, successor.Period.Start.AddDays(-1));
        DateOnly? lapseOn = successor is null || successor.Period.Start > graceUntil.AddDays(1) ? graceUntil.AddDays(1) : null;

        // Arrears can be paid for the gap's days within the grace, at the rates of the payer of the next cover.
        var payable = gap?.EndingNoLaterThan(graceUntil);
        var perWorker = payable is { } p ? Money.Sum(Bridging.Cost(successor ?? ending, p).Select(c => c.Amount)) : Money.Zero;
        var days = end.DayNumber - today.DayNumber;
        var assessment = new ContinuityAssessment(ending, successor, days, graceStart, graceUntil, gap, lapseOn, cohort, perWorker, []);
        return assessment with { Alerts = AlertsDue(assessment, today) };
    }

    private static List<ContinuityAlert> AlertsDue(ContinuityAssessment a, DateOnly today)
    {
        var alerts = new List<ContinuityAlert>();
        var id = a.Ending.Id;
        var end = a.Ending.Period.End;
        // "No signed successor starting within 3 months": the workers would lapse.
        if (a.LapseOn is not null && a.DaysUntilEnd >= 0)
        {
            alerts.AddRange(Thresholds.Where(t => a.DaysUntilEnd <= t).Select(t => new ContinuityAlert(id, ContinuityAlertKind.EndingWithoutSuccessor, t, end, a.Cohort,
                new Phrase("continuity.alert.before_end", $"{t}", a.Explanation.AsArgument()))));
        }

        if (a.Cohort > 0 && a.Gap is { } gap && today >= a.GraceStart && today <= (a.LapseOn?.AddDays(-1) ?? gap.End))
        {
            alerts.Add(new ContinuityAlert(id, ContinuityAlertKind.CohortInGrace, 0, a.GraceStart, a.Cohort,
                new Phrase("continuity.alert.in_grace", IndonesianFormat.Number(a.Cohort), a.Ending.Number, IndonesianFormat.Date(a.GraceStart),
                    IndonesianFormat.Date(a.GraceUntil))));
        }

        if (a.Cohort > 0 && a.LapseOn is { } lapse && today >= lapse)
        {
            alerts.Add(new ContinuityAlert(id, ContinuityAlertKind.CohortLapsed, 0, lapse, a.Cohort,
                new Phrase("continuity.alert.lapsed", IndonesianFormat.Number(a.Cohort), a.Ending.Number, IndonesianFormat.Date(lapse), $"{GraceRule.On(end).Months}")));
        }

        return alerts;
    }
}

/// <summary>What puts a worker's long-term rights at stake when membership lapses (bpjs-rules.md §2.3, §3.4).</summary>
public static class ContinuityFacts
{
    /// <summary>The JKM scholarship's masa iur condition.</summary>
    public const int ScholarshipMonths = 36;

    /// <summary>Masa iur counted as "near" the condition: within a year of it.</summary>
    public const int NearMonths = 24;

    /// <summary>Children under 23 on file and masa iur near or past 36 months: a lapse would cost them the scholarship.</summary>
    public static bool RightsAtStake(int childrenUnder23, int masaIurSinceLapse) => childrenUnder23 > 0 && masaIurSinceLapse >= NearMonths;
}
