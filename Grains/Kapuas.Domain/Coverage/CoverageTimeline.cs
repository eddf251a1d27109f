using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;

namespace Kapuas.Domain.Coverage;

/// <summary>Who paid for a period of coverage (DESIGN.md: the payer is data, not code).</summary>
public enum FundingKind
{
    /// <summary>A PKS of the regency (APBD Kapuas): the period is tied to an agreement.</summary>
    ApbdKabupaten = 1,

    /// <summary>The province's budget (APBD provinsi).</summary>
    ApbdProvinsi = 2,

    /// <summary>Village funds ("1 Desa 100 Pekerja Rentan").</summary>
    Apbdes = 3,

    /// <summary>The worker paid (BPU mandiri).</summary>
    SelfPaid = 4,

    /// <summary>Earlier history as BPJS reports it, payer unknown.</summary>
    BpjsHistory = 5,

    /// <summary>
    /// Arrears for months between two agreements, paid afterwards by the later agreement ("tunggakan dibayar oleh
    /// PKS-2026") so that membership runs unbroken (bpjs-rules.md §3.1, §3.5).
    /// </summary>
    Arrears = 6,

    /// <summary>Another donor: a company's CSR, a foundation, a union (an agreement's payer).</summary>
    Donor = 7,
}

/// <summary>
/// The payer of one period; agreement-funded periods name the agreement and how it bills a partly covered month
/// (which decides whether that month counts as a contribution month).
/// </summary>
public sealed record Funding(FundingKind Kind, string? AgreementId, string? Note, PartialMonthRule Billing = PartialMonthRule.FullMonth)
{
    public static Funding Agreement(string agreementId, PartialMonthRule billing = PartialMonthRule.FullMonth) =>
        new(FundingKind.ApbdKabupaten, agreementId, null, billing);

    /// <summary>Arrears for a gap, paid by <paramref name="agreementId"/> (whole months).</summary>
    public static Funding ArrearsPaidBy(string agreementId) => new(FundingKind.Arrears, agreementId, null);

    /// <summary>
    /// A period an agreement pays for as its own (not arrears): its kind is the agreement's payer (the regency's, a
    /// village's, the province's, a donor's); earlier periods were always recorded as the regency's.
    /// </summary>
    public bool IsAgreementPeriod => AgreementId is not null && Kind != FundingKind.Arrears;

    /// <summary>Whether the months of this period were paid after the fact (an incident in them needs BPJS's word, §3.2).</summary>
    public bool PaidAfterwards => Kind == FundingKind.Arrears;

    /// <summary>Who paid, in words, in the current UI culture.</summary>
    public string Label => LabelPhrase.ToString();

    /// <summary>Who paid, as a phrase (the agreement is named for agreement-funded periods).</summary>
    public Phrase LabelPhrase => Kind switch
    {
        FundingKind.ApbdKabupaten => new("funding.ApbdKabupaten", AgreementId ?? ""),
        FundingKind.Arrears => new("funding.Arrears", AgreementId ?? ""),
        FundingKind.Apbdes when AgreementId is not null => new("funding.agreement", Phrase.Term("funding.Apbdes"), AgreementId),
        FundingKind.ApbdProvinsi when AgreementId is not null => new("funding.agreement", Phrase.Term("funding.ApbdProvinsi"), AgreementId),
        FundingKind.Donor when AgreementId is not null => new("funding.agreement", Phrase.Term("funding.Donor"), AgreementId),
        FundingKind.ApbdProvinsi => new("funding.ApbdProvinsi"),
        FundingKind.Apbdes => new("funding.Apbdes"),
        FundingKind.SelfPaid => new("funding.SelfPaid"),
        FundingKind.Donor => new("funding.Donor"),
        _ => new("funding.BpjsHistory"),
    };
}

/// <summary>One period of coverage and who paid for it.</summary>
public sealed record CoverageSpan(CoveragePeriod Period, Funding Funding);

public enum ExitReason
{
    Died = 1,
    MovedAway = 2,
    BecameWageEarner = 3,
    WithdrawnByDinsos = 4,
    DuplicateRecord = 5,
}

/// <summary>The end of a worker's participation. The exit date is the last covered day.</summary>
public sealed record Exit(ExitReason Reason, DateOnly Date, string? Note)
{
    /// <summary>The reason in words, in the current UI culture.</summary>
    public string Label => LabelPhrase.ToString();

    public Phrase LabelPhrase => new(ReasonKey(Reason));

    public static string ReasonKey(ExitReason reason) => reason switch
    {
        ExitReason.Died => "exit.reason.Died",
        ExitReason.MovedAway => "exit.reason.MovedAway",
        ExitReason.BecameWageEarner => "exit.reason.BecameWageEarner",
        ExitReason.WithdrawnByDinsos => "exit.reason.WithdrawnByDinsos",
        _ => "exit.reason.DuplicateRecord",
    };
}

/// <summary>
/// A worker's coverage: ordered, non-overlapping periods and an optional exit. Immutable; every change returns a
/// new timeline or a <see cref="DomainError"/>. Periods after an exit are kept as recorded (so that a wrongly
/// recorded death can be reversed) but every answer uses the <see cref="Effective"/> periods, cut at the exit.
/// </summary>
public sealed record CoverageTimeline
{
    private CoverageTimeline(IReadOnlyList<CoverageSpan> spans, Exit? exit)
    {
        Spans = spans;
        Exit = exit;
    }

    public static CoverageTimeline Empty { get; } = new([], null);

    /// <summary>The periods as recorded, in date order.</summary>
    public IReadOnlyList<CoverageSpan> Spans { get; }

    public Exit? Exit { get; private init; }

    /// <summary>The periods that count: cut at the exit date, and those starting after it left out.</summary>
    public IReadOnlyList<CoverageSpan> Effective => Exit is null
        ? Spans
        : [.. Spans.Select(s => s.Period.EndingNoLaterThan(Exit.Date) is { } p ? s with { Period = p } : null).OfType<CoverageSpan>()];

    /// <summary>Rebuilds a timeline from stored periods, checking the same rules as adding them one by one.</summary>
    public static Result<CoverageTimeline> From(IEnumerable<CoverageSpan> spans, Exit? exit)
    {
        var timeline = Empty;
        foreach (var span in spans.OrderBy(s => s.Period.Start))
        {
            var added = timeline.AddUnchecked(span);
            if (!added.IsSuccess)
            {
                return added;
            }

            timeline = added.Value;
        }

        return exit is null ? timeline : timeline with { Exit = exit };
    }

    /// <summary>Adds a period. Refused when it overlaps another period or starts after the worker's exit.</summary>
    public Result<CoverageTimeline> Add(CoverageSpan span)
    {
        if (Exit is { } exit && span.Period.Start > exit.Date)
        {
            return new DomainError("coverage.after_exit",
                span.Period.ToString(), exit.LabelPhrase.AsArgument(), IndonesianFormat.Date(exit.Date));
        }

        return AddUnchecked(span);
    }

    /// <summary>Records an exit: coverage ends on its date. Refused when the worker has already exited.</summary>
    public Result<CoverageTimeline> RecordExit(Exit exit)
    {
        if (Exit is { } existing)
        {
            return new DomainError("exit.already", existing.LabelPhrase.AsArgument(), IndonesianFormat.Date(existing.Date));
        }

        return this with { Exit = exit };
    }

    /// <summary>Removes a wrongly recorded exit; the periods it had cut count again in full.</summary>
    public Result<CoverageTimeline> ReverseExit() =>
        Exit is null ? new DomainError("exit.none") : this with { Exit = null };

    /// <summary>Removes the period funded by an agreement (an enrolment undone); refused when there is none.</summary>
    public Result<CoverageTimeline> RemoveAgreementPeriod(string agreementId)
    {
        var kept = Spans.Where(s => s.Funding.AgreementId != agreementId).ToList();
        return kept.Count == Spans.Count
            ? new DomainError("coverage.no_agreement_period", agreementId)
            : new CoverageTimeline(kept, Exit);
    }

    /// <summary>Whether the worker was covered on <paramref name="date"/>, and if not, exactly why.</summary>
    public CoverageStatus On(DateOnly date)
    {
        var effective = Effective;
        var covering = effective.FirstOrDefault(s => s.Period.Contains(date));
        if (covering is not null)
        {
            return new CoverageStatus.Covered(covering);
        }

        if (Exit is { } exit && date > exit.Date)
        {
            return new CoverageStatus.Exited(exit);
        }

        if (effective.Count == 0)
        {
            return new CoverageStatus.NeverCovered();
        }

        if (date < effective[0].Period.Start)
        {
            return new CoverageStatus.BeforeFirstCoverage(effective[0].Period.Start);
        }

        var last = effective[^1];
        if (date > last.Period.End)
        {
            return new CoverageStatus.AfterLastCoverage(last.Period.End, last.Funding);
        }

        var next = effective.First(s => s.Period.Start > date);
        var previous = effective.Last(s => s.Period.End < date);
        return new CoverageStatus.InGap(CoveragePeriod.Of(previous.Period.End.AddDays(1), next.Period.Start.AddDays(-1)));
    }

    /// <summary>Days between consecutive effective periods with no coverage (two periods that touch leave no gap).</summary>
    public IReadOnlyList<CoveragePeriod> Gaps()
    {
        var effective = Effective;
        var gaps = new List<CoveragePeriod>();
        for (var i = 1; i < effective.Count; i++)
        {
            var from = effective[i - 1].Period.End.AddDays(1);
            var to = effective[i].Period.Start.AddDays(-1);
            if (from <= to)
            {
                gaps.Add(CoveragePeriod.Of(from, to));
            }
        }

        return gaps;
    }

    /// <summary>
    /// The unbroken run of coverage that contains <paramref name="date"/>, cut at that date: touching periods join,
    /// whoever paid for them. Null when the worker was not covered that day.
    /// </summary>
    public CoveragePeriod? ContinuousMembershipOn(DateOnly date)
    {
        var effective = Effective;
        var index = effective.ToList().FindIndex(s => s.Period.Contains(date));
        if (index < 0)
        {
            return null;
        }

        var start = effective[index].Period.Start;
        for (var i = index - 1; i >= 0 && effective[i].Period.End.AddDays(1) == start; i--)
        {
            start = effective[i].Period.Start;
        }

        return CoveragePeriod.Of(start, date);
    }

    /// <summary>
    /// The contribution months up to and including the month of <paramref name="asOf"/>: a month counts when a period
    /// paid for it. An agreement's month counts when the agreement bills it by its partial-month rule (a partly covered
    /// month under "complete months only" does not); historical and arrears periods count every month they touch.
    /// </summary>
    public IReadOnlyList<YearMonth> ContributionMonths(DateOnly asOf) => ContributionMonths(Effective, asOf);

    /// <summary>
    /// Masa iur on <paramref name="asOf"/> under both readings of the unconfirmed rule (bpjs-rules.md §3.4): every
    /// contribution month added up across gaps, and the months since the last lapse (a gap that never ran past the
    /// grace months does not break it; a lapse starts again from zero, §3.1).
    /// </summary>
    public MasaIur MasaIurOn(DateOnly asOf)
    {
        var effective = Effective;
        var cumulative = ContributionMonths(effective, asOf);
        var lastLapse = MembershipTimeline.Of(this).Segments
            .LastOrDefault(s => s.Status == MembershipStatus.Lapsed && s.Start <= asOf)?.Start;
        var sinceLapse = lastLapse is { } lapse ? [.. effective.Where(s => s.Period.Start > lapse)] : effective;
        var months = ContributionMonths(sinceLapse, asOf);
        var from = sinceLapse.FirstOrDefault(s => s.Period.Start <= asOf)?.Period.Start;
        return new MasaIur(cumulative.Count, months.Count, months.Count > 0 ? from : null, lastLapse);
    }

    private static List<YearMonth> ContributionMonths(IReadOnlyList<CoverageSpan> spans, DateOnly asOf)
    {
        var months = new SortedSet<YearMonth>();
        foreach (var span in spans.Where(s => s.Period.Start <= asOf))
        {
            foreach (var (month, days) in span.Period.Months())
            {
                var billed = !span.Funding.IsAgreementPeriod
                    || span.Funding.Billing != PartialMonthRule.CompleteMonthsOnly
                    || days == month.DaysInMonth;
                if (billed && month.FirstDay <= asOf)
                {
                    months.Add(month);
                }
            }
        }

        return [.. months];
    }

    /// <summary>The months an agreement pays for this worker, with the days of each month covered.</summary>
    public IReadOnlyList<BilledMonth> MonthsBilled(string agreementId) =>
        [.. Effective.Where(s => s.Funding.AgreementId == agreementId)
            .SelectMany(s => s.Period.Months())
            .Select(m => new BilledMonth(m.Month, m.DaysCovered))];

    /// <summary>The latest effective period, if any.</summary>
    public CoverageSpan? Latest => Effective.Count == 0 ? null : Effective[^1];

    private Result<CoverageTimeline> AddUnchecked(CoverageSpan span)
    {
        var clash = Spans.FirstOrDefault(s => s.Period.Overlaps(span.Period));
        if (clash is not null)
        {
            return new DomainError("coverage.overlap",
                span.Period.ToString(), clash.Period.ToString(), clash.Funding.LabelPhrase.AsArgument());
        }

        return new CoverageTimeline([.. Spans.Append(span).OrderBy(s => s.Period.Start)], Exit);
    }
}

/// <summary>
/// Masa iur on a date under both readings: months added up across gaps, and months since the last lapse (counted
/// from <see cref="SinceLapseFrom"/>; <see cref="LastLapse"/> is the day the last lapse began, if any).
/// </summary>
public sealed record MasaIur(int CumulativeMonths, int SinceLapseMonths, DateOnly? SinceLapseFrom, DateOnly? LastLapse);

/// <summary>One month an agreement pays for, with the number of its days that were covered.</summary>
public sealed record BilledMonth(YearMonth Month, int DaysCovered)
{
    public bool IsPartial => DaysCovered < Month.DaysInMonth;
}

/// <summary>The answer to "was this worker covered on that day?", with the reason when not.</summary>
public abstract record CoverageStatus
{
    public abstract bool IsCovered { get; }

    /// <summary>The answer in words, in the current UI culture.</summary>
    public string Explain() => Explanation.ToString();

    /// <summary>The answer as a phrase, to be rendered where it is shown.</summary>
    public abstract Phrase Explanation { get; }

    public sealed record Covered(CoverageSpan Span) : CoverageStatus
    {
        public override bool IsCovered => true;

        /// <summary>The day falls in months paid afterwards as arrears: BPJS decides whether it is covered (§3.2).</summary>
        public bool NeedsBpjsConfirmation => Span.Funding.PaidAfterwards;

        public override Phrase Explanation => new(NeedsBpjsConfirmation ? "coverage.explain.covered_if_arrears" : "coverage.explain.covered",
            Span.Period.ToString(), Span.Funding.LabelPhrase.AsArgument());
    }

    public sealed record NeverCovered : CoverageStatus
    {
        public override bool IsCovered => false;

        public override Phrase Explanation => new("coverage.explain.never_covered");
    }

    public sealed record BeforeFirstCoverage(DateOnly FirstCoverageStart) : CoverageStatus
    {
        public override bool IsCovered => false;

        public override Phrase Explanation => new("coverage.explain.before_first", IndonesianFormat.Date(FirstCoverageStart));
    }

    public sealed record InGap(CoveragePeriod Gap) : CoverageStatus
    {
        public override bool IsCovered => false;

        public override Phrase Explanation =>
            new("coverage.explain.gap", IndonesianFormat.Date(Gap.Start), IndonesianFormat.Date(Gap.End), $"{Gap.Days}");
    }

    public sealed record Exited(Exit Exit) : CoverageStatus
    {
        public override bool IsCovered => false;

        public override Phrase Explanation => new("coverage.explain.exited", Exit.LabelPhrase.AsArgument(), IndonesianFormat.Date(Exit.Date));
    }

    public sealed record AfterLastCoverage(DateOnly LastCoverageEnd, Funding LastFunding) : CoverageStatus
    {
        public override bool IsCovered => false;

        public override Phrase Explanation =>
            new("coverage.explain.after_last", LastFunding.LabelPhrase.AsArgument(), IndonesianFormat.Date(LastCoverageEnd));
    }
}
