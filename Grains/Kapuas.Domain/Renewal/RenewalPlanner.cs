using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;

namespace Kapuas.Domain.Renewal;

/// <summary>How places are shared out when the new quota is smaller than the roster that could continue.</summary>
public enum RenewalPriority
{
    /// <summary>
    /// Longest unbroken membership first (then most contribution months, then the earliest registration): the
    /// workers closest to, or past, the 3 years of masa iur that a non-work death scholarship needs keep their place.
    /// </summary>
    LongestContinuousMembership = 1,

    /// <summary>
    /// Each kecamatan keeps the share of the quota it had of the continuing roster (largest remainders get the
    /// leftover places); within a kecamatan, longest unbroken membership first.
    /// </summary>
    KecamatanShare = 2,
}

/// <summary>A worker of the previous agreement, as the planner needs them.</summary>
public sealed record RenewalCandidate(Guid WorkerId, string Name, string KecamatanCode, CoverageTimeline Timeline);

public enum RenewalOutcome
{
    Continues,
    AlreadyRenewed,
    Died,
    Exited,
    Duplicate,
    OverQuota,
}

/// <summary>What happens to one worker, and why (<see cref="Reason"/> in the current UI culture; kept in Bahasa Indonesia).</summary>
public sealed record RenewalDecision(
    Guid WorkerId,
    string Name,
    string KecamatanCode,
    RenewalOutcome Outcome,
    Phrase Why,
    CoveragePeriod? Coverage,
    int GapDays,
    int SinceLapseMonths,
    int CumulativeMonths,
    Money Cost)
{
    public bool Renews => Outcome is RenewalOutcome.Continues;

    public string Reason => Why.ToString();

    /// <summary>The gap before the new cover that arrears can still fill (within the grace months), if any.</summary>
    public CoveragePeriod? BridgeableGap { get; init; }

    /// <summary>What paying the gap as arrears costs for this worker, at the rates in force in those months.</summary>
    public Money BridgeCost { get; init; } = Money.Zero;

    /// <summary>The last day BPJS can receive the arrears (the end of the grace).</summary>
    public DateOnly? BridgeBy { get; init; }

    /// <summary>When the gap is longer than the grace: the day membership lapses (masa iur since the last lapse restarts).</summary>
    public DateOnly? LapsesOn { get; init; }
}

/// <summary>
/// The choice of paying the gap between the two agreements as arrears (bpjs-rules.md §3.1, §3.5): how many workers
/// it would keep unbroken, what it costs against the new agreement's budget, and by when BPJS must receive it; and
/// how many workers lapse whatever is chosen (a gap longer than the grace).
/// </summary>
public sealed record BridgingOption(int Workers, Money Cost, DateOnly? PayBy, DomainError? BudgetProblem, int Lapsing, DateOnly? LapsesOn)
{
    public bool Offered => Workers > 0;
}

public sealed record RenewalPlan(
    Agreement Agreement,
    RenewalPriority Priority,
    IReadOnlyList<RenewalDecision> Decisions,
    Money Cost,
    DomainError? BudgetProblem)
{
    public BridgingOption Bridging { get; init; } = new(0, Money.Zero, null, null, 0, null);

    public int Continuing => Decisions.Count(d => d.Outcome == RenewalOutcome.Continues);

    public int AlreadyRenewed => Decisions.Count(d => d.Outcome == RenewalOutcome.AlreadyRenewed);

    public IEnumerable<RenewalDecision> DroppingOut => Decisions.Where(d => d.Outcome == RenewalOutcome.OverQuota);

    public bool CanStart => BudgetProblem is null;
}

/// <summary>
/// Plans a renewal from the previous agreement's roster into a new agreement (pure: the caller supplies every
/// worker's timeline; no clock). Who continues, who does not and why, each continuing worker's coverage start
/// (the day after their coverage ends when the agreements touch, else the new agreement's start, with the gap in
/// days), the choice under a smaller quota, and the cost against the budget ceiling.
/// </summary>
public static class RenewalPlanner
{
    public static RenewalPlan Plan(Agreement next, IEnumerable<RenewalCandidate> candidates, RenewalPriority priority, int alreadyEnrolledElsewhere = 0)
    {
        var decisions = new List<RenewalDecision>();
        var eligible = new List<(RenewalCandidate Candidate, CoveragePeriod Coverage, int Gap, MasaIur MasaIur)>();
        var dayBefore = next.Period.Start.AddDays(-1);

        foreach (var c in candidates)
        {
            // Membership is measured up to the last covered day before the new agreement: a worker whose cover ended in
            // September keeps the unbroken run they had then.
            var lastCovered = c.Timeline.Effective.Where(s => s.Period.Start <= dayBefore).Select(s => s.Period.End < dayBefore ? s.Period.End : dayBefore)
                .DefaultIfEmpty(dayBefore).Max();
            var masaIur = c.Timeline.MasaIurOn(lastCovered);
            RenewalDecision Decide(RenewalOutcome outcome, Phrase reason) =>
                new(c.WorkerId, c.Name, c.KecamatanCode, outcome, reason, null, 0, masaIur.SinceLapseMonths, masaIur.CumulativeMonths, Money.Zero);

            if (c.Timeline.Spans.FirstOrDefault(s => s.Funding.AgreementId == next.Id) is { } existing)
            {
                decisions.Add(Decide(RenewalOutcome.AlreadyRenewed, new Phrase("renewal.reason.already", next.Number, IndonesianFormat.Date(existing.Period.Start)))
                    with { Coverage = existing.Period });
                continue;
            }

            if (c.Timeline.Exit is { } exit)
            {
                var outcome = exit.Reason switch
                {
                    ExitReason.Died => RenewalOutcome.Died,
                    ExitReason.DuplicateRecord => RenewalOutcome.Duplicate,
                    _ => RenewalOutcome.Exited,
                };
                decisions.Add(Decide(outcome, new Phrase("renewal.reason.exited", exit.LabelPhrase.AsArgument(), IndonesianFormat.Date(exit.Date))));
                continue;
            }

            var (coverage, gap, problem) = CoverageFor(next, c.Timeline);
            if (problem is not null)
            {
                decisions.Add(Decide(RenewalOutcome.Exited, problem));
                continue;
            }

            eligible.Add((c, coverage!.Value, gap, masaIur));
        }

        var places = Math.Max(0, next.Quota - alreadyEnrolledElsewhere - decisions.Count(d => d.Outcome == RenewalOutcome.AlreadyRenewed));
        var chosen = priority == RenewalPriority.KecamatanShare
            ? ByKecamatanShare(eligible, places)
            : ByMembership(eligible).Take(places).Select(e => e.Candidate.WorkerId).ToHashSet();

        foreach (var e in eligible)
        {
            var c = e.Candidate;
            if (chosen.Contains(c.WorkerId))
            {
                var cost = Money.Sum(next.Charges(e.Coverage).Select(x => x.Amount));
                var reason = e.Gap == 0
                    ? new Phrase("renewal.reason.continues", IndonesianFormat.Date(e.Coverage.Start))
                    : new Phrase("renewal.reason.continues_gap", IndonesianFormat.Date(e.Coverage.Start), $"{e.Gap}");
                decisions.Add(WithBridging(new(c.WorkerId, c.Name, c.KecamatanCode, RenewalOutcome.Continues, reason, e.Coverage, e.Gap,
                    e.MasaIur.SinceLapseMonths, e.MasaIur.CumulativeMonths, cost), next, c.Timeline));
            }
            else
            {
                decisions.Add(new(c.WorkerId, c.Name, c.KecamatanCode, RenewalOutcome.OverQuota,
                    new Phrase("renewal.reason.over_quota", IndonesianFormat.Number(next.Quota)),
                    null, e.Gap, e.MasaIur.SinceLapseMonths, e.MasaIur.CumulativeMonths, Money.Zero));
            }
        }

        var total = Money.Sum(decisions.Where(d => d.Renews).Select(d => d.Cost));
        DomainError? budget = total > next.BudgetCeiling
            ? new DomainError("renewal.over_budget", total.ToString(), next.Number, next.BudgetCeiling.ToString(), (total - next.BudgetCeiling).ToString())
            : null;
        var bridged = decisions.Where(d => d.Renews && d.BridgeableGap is not null).ToList();
        var lapsing = decisions.Where(d => d.Renews && d.LapsesOn is not null).ToList();
        var bridgeCost = Money.Sum(bridged.Select(d => d.BridgeCost));
        DomainError? bridgeBudget = bridged.Count > 0 && total + bridgeCost > next.BudgetCeiling
            ? new DomainError("renewal.bridging_over_budget", total.ToString(), bridgeCost.ToString(), (total + bridgeCost).ToString(), next.Number,
                next.BudgetCeiling.ToString(), (total + bridgeCost - next.BudgetCeiling).ToString())
            : null;
        var option = new BridgingOption(bridged.Count, bridgeCost, bridged.Select(d => d.BridgeBy).Min(), bridgeBudget,
            lapsing.Count, lapsing.Select(d => d.LapsesOn).Min());
        return new RenewalPlan(next, priority, [.. decisions.OrderBy(d => d.Outcome).ThenBy(d => d.Name, StringComparer.Ordinal)], total, budget)
        {
            Bridging = option,
        };
    }

    /// <summary>
    /// A continuing worker with a gap before the new cover: the arrears that can still fill it, or the day the
    /// membership lapses when the gap is longer than the grace.
    /// </summary>
    private static RenewalDecision WithBridging(RenewalDecision decision, Agreement next, CoverageTimeline timeline)
    {
        if (decision.Coverage is not { } coverage || decision.GapDays == 0)
        {
            return decision;
        }

        var ended = coverage.Start.AddDays(-decision.GapDays - 1);
        var lastDay = GraceRule.On(ended).LastDayOfGrace(ended);
        var gap = Coverage.Bridging.GapBefore(timeline, coverage.Start);
        if (!gap.IsSuccess)
        {
            return gap.Error!.Code == "bridging.too_long"
                ? decision with
                {
                    LapsesOn = lastDay.AddDays(1),
                    Why = Then(decision.Why, new Phrase("renewal.reason.lapses", IndonesianFormat.Date(lastDay.AddDays(1)), $"{decision.CumulativeMonths}")),
                }
                : decision;
        }

        var cost = Money.Sum(Coverage.Bridging.Cost(next, gap.Value).Select(c => c.Amount));
        return decision with
        {
            BridgeableGap = gap.Value,
            BridgeCost = cost,
            BridgeBy = lastDay,
            Why = Then(decision.Why, new Phrase("renewal.reason.bridgeable", gap.Value.ToString(), cost.ToString(), IndonesianFormat.Date(lastDay))),
        };
    }

    /// <summary>One sentence followed by another.</summary>
    private static Phrase Then(Phrase first, Phrase second) => new("renewal.reason.then", first.AsArgument(), second.AsArgument());

    /// <summary>
    /// The coverage a continuing worker gets: from the day after their last coverage when that day falls inside
    /// the new period (no gap), otherwise from the new agreement's start, with the days in between as the gap.
    /// </summary>
    public static (CoveragePeriod? Coverage, int GapDays, Phrase? Problem) CoverageFor(Agreement next, CoverageTimeline timeline)
    {
        var before = timeline.Effective.Where(s => s.Period.Start < next.Period.Start || s.Period.Overlaps(next.Period)).ToList();
        var lastEnd = before.Count == 0 ? (DateOnly?)null : before.Max(s => s.Period.End);
        var start = next.Period.Start;
        var gap = 0;
        if (lastEnd is { } end)
        {
            if (end >= next.Period.End)
            {
                return (null, 0, new Phrase("renewal.reason.covered_elsewhere", IndonesianFormat.Date(end)));
            }

            if (end >= next.Period.Start)
            {
                start = end.AddDays(1);
            }
            else
            {
                gap = next.Period.Start.DayNumber - end.DayNumber - 1;
            }
        }

        var coverage = CoveragePeriod.Of(start, next.Period.End);
        var clash = timeline.Spans.FirstOrDefault(s => s.Period.Overlaps(coverage));
        return clash is not null
            ? (null, 0, new Phrase("renewal.reason.overlap", coverage.ToString(), clash.Period.ToString(), clash.Funding.LabelPhrase.AsArgument()))
            : (coverage, gap, null);
    }

    private static IEnumerable<(RenewalCandidate Candidate, CoveragePeriod Coverage, int Gap, MasaIur MasaIur)> ByMembership(
        IEnumerable<(RenewalCandidate Candidate, CoveragePeriod Coverage, int Gap, MasaIur MasaIur)> eligible) =>
        eligible
            .OrderByDescending(e => e.MasaIur.SinceLapseMonths)
            .ThenByDescending(e => e.MasaIur.CumulativeMonths)
            .ThenBy(e => e.Candidate.WorkerId);

    private static HashSet<Guid> ByKecamatanShare(
        List<(RenewalCandidate Candidate, CoveragePeriod Coverage, int Gap, MasaIur MasaIur)> eligible, int places)
    {
        if (eligible.Count <= places)
        {
            return [.. eligible.Select(e => e.Candidate.WorkerId)];
        }

        var groups = eligible.GroupBy(e => e.Candidate.KecamatanCode).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var exact = groups.ToDictionary(g => g.Key, g => (double)places * g.Count() / eligible.Count);
        var seats = exact.ToDictionary(x => x.Key, x => (int)Math.Floor(x.Value));
        var left = places - seats.Values.Sum();
        foreach (var key in exact.OrderByDescending(x => x.Value - Math.Floor(x.Value)).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Key).Take(left))
        {
            seats[key]++;
        }

        return [.. groups.SelectMany(g => ByMembership(g).Take(seats[g.Key])).Select(e => e.Candidate.WorkerId)];
    }
}
