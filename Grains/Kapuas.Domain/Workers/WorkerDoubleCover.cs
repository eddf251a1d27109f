using System.Collections.Immutable;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Operations;

namespace Kapuas.Domain.Workers;

/// <summary>
/// Double cover on one worker (issue 18; bpjs-rules.md §6.2 "de-duplicate across payers by NIK", §6.3 quota): a second
/// payer's list that names a worker another payer already covers is held, not refused, because the payer has enrolled
/// the worker with BPJS and is billed for them; an administrator then chooses which payer keeps the worker.
/// </summary>
public sealed partial record Worker
{
    /// <summary>The action a held double cover is recorded under (audit trail, history): an action name, not a text key.</summary>
    public static readonly string DoubleCoverHeldAction = "worker.double_cover_held";

    /// <summary>The action an administrator's choice of payer is recorded under.</summary>
    public static readonly string DoubleCoverResolvedAction = "worker.double_cover_resolved";

    /// <summary>
    /// The agreement's period for this worker, to hold as double cover: only when every day the timeline refuses is
    /// covered by another agreement's own period (not by arrears, history or self-paid months, which a payer's list
    /// cannot double), and the worker holds no period of this agreement yet. Otherwise the timeline's refusal stands.
    /// </summary>
    public Result<CoverageSpan> PlanHeldCover(Agreement agreement, DateOnly? from, bool startingRoster, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var period = agreement.CoverageFor(today, from, startingRoster);
        if (!period.IsSuccess)
        {
            return period.Error!;
        }

        var span = new CoverageSpan(period.Value, new Funding(agreement.Payer, agreement.Id, null, agreement.PartialMonthRule));
        var added = Timeline.Add(span);
        if (added.IsSuccess)
        {
            return new DomainError("double_cover.none", agreement.Id);
        }

        var meeting = Timeline.Spans.Where(s => s.Period.Intersect(period.Value) is not null).ToList();
        return EnrolledIn(agreement.Id) || meeting.Count == 0 || meeting.Any(s => !s.Funding.IsAgreementPeriod)
            || Timeline.Exit is { } exit && period.Value.Start > exit.Date
            ? added.Error!
            : span;
    }

    /// <summary>
    /// The administrator's choice: <paramref name="keeperAgreementId"/> keeps the worker, and every other payer that
    /// bills a month twice with it gives up the days the keeper covers (<see cref="DoubleCover.Resolve"/>). A held period
    /// that no longer meets the timeline joins it; a payer left with no period for the worker gives its quota place back.
    /// With nothing to cut (already resolved, or chosen twice) nothing changes: the answer says so. Every agreement the
    /// worker has a period of must be among <paramref name="agreements"/>.
    /// </summary>
    public WorkerOutcome ResolveDoubleCover(string keeperAgreementId, IReadOnlyDictionary<string, Agreement> agreements, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(agreements);
        if (!IsRegistered)
        {
            return WorkerOutcome.Refuse(NotFound);
        }

        var stored = PayerPeriods.ToList();
        if (stored.Select(s => s.Funding.AgreementId!).FirstOrDefault(id => !agreements.ContainsKey(id)) is { } unknown)
        {
            return WorkerOutcome.Refuse(AgreementNotFound(unknown));
        }

        var resolved = DoubleCover.Resolve(stored.Select(s => new PayerCover(agreements[s.Funding.AgreementId!], s.Period)), keeperAgreementId ?? "", Timeline.Exit);
        if (!resolved.IsSuccess)
        {
            return WorkerOutcome.Refuse(resolved.Error!, "Pembayar");
        }

        var resolution = resolved.Value;
        if (resolution.Cuts.Count == 0)
        {
            var keeper = agreements[keeperAgreementId!];
            return new WorkerOutcome(null, [], [new Problem(new DomainError("double_cover.nothing_to_cut", DoubleCover.PayerLabel(keeper.Id, keeper.Payer).AsArgument()))]);
        }

        var spans = Timeline.Spans.ToList();
        var held = HeldCovers.ToList();
        foreach (var cut in resolution.Cuts)
        {
            Cut(spans, cut);
            Cut(held, cut);
        }

        // A held period that no longer meets the timeline joins it: the keeper's first, then the others in date order.
        foreach (var piece in held.OrderBy(h => h.Funding.AgreementId == keeperAgreementId ? 0 : 1).ThenBy(h => h.Period.Start).ToList())
        {
            if (CoverageTimeline.From([.. spans, piece], Timeline.Exit).IsSuccess)
            {
                spans.Add(piece);
                held.Remove(piece);
            }
        }

        var timeline = CoverageTimeline.From(spans, Timeline.Exit);
        if (!timeline.IsSuccess)
        {
            return WorkerOutcome.Refuse(timeline.Error!);
        }

        var next = this with { Timeline = timeline.Value, HeldCovers = [.. held] };
        var freed = resolution.Cuts.Select(c => c.AgreementId).Distinct(StringComparer.Ordinal).Where(id => !next.EnrolledIn(id)).ToImmutableArray();
        var explained = resolution.Cuts.Select(c => new Problem(new DomainError("double_cover.resolved", c.Explanation.AsArgument())))
            .Concat(resolution.StillBilledTwice.Select(o => new Problem(new DomainError("double_cover.still_billed", o.Explanation.AsArgument()))));
        return Changed(next, actor, [DoubleCoverResolvedAction], freed).Warn(explained);
    }

    /// <summary>The periods of every agreement for this worker as the double-cover rule reads them: the timeline's own and the held.</summary>
    public IEnumerable<CoverageSpan> PayerPeriods => Timeline.Spans.Where(s => s.Funding.IsAgreementPeriod).Concat(HeldCovers);

    /// <summary>Takes the removed days out of the stored period the cut was read from (the cut's period lies within it).</summary>
    private static void Cut(List<CoverageSpan> spans, PeriodCut cut)
    {
        var index = spans.FindIndex(s => s.Funding.IsAgreementPeriod && s.Funding.AgreementId == cut.AgreementId
            && s.Period.Start <= cut.Period.Start && s.Period.End >= cut.Period.End);
        if (index < 0)
        {
            return;
        }

        var span = spans[index];
        spans.RemoveAt(index);
        spans.InsertRange(index, DoubleCover.Subtract(span.Period, [.. cut.Removed.OrderBy(p => p.Start)]).Select(p => span with { Period = p }));
    }
}
