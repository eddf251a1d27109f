using Kapuas.Domain.Common;

namespace Kapuas.Domain.Coverage;

/// <summary>
/// How long arrears may still be paid after protection ends, from a date on (bpjs-rules.md §3.1: "iuran tertunggak
/// maksimal 3 bulan sejak tanggal berakhir perlindungan"; more than 3 consecutive unpaid months end membership).
/// </summary>
public sealed record GraceRule(DateOnly EffectiveFrom, int Months, string Source)
{
    public static IReadOnlyList<GraceRule> Table { get; } =
    [
        new(new DateOnly(2022, 7, 1), 3, "Perdir 22/PERDIR.02/072022 (PROBIS hlm. 59); bpjs-rules.md §3.1"),
    ];

    /// <summary>The rule for protection that ended on <paramref name="protectionEnded"/> (the first entry before the table).</summary>
    public static GraceRule On(DateOnly protectionEnded) => Table.LastOrDefault(r => r.EffectiveFrom <= protectionEnded) ?? Table[0];

    /// <summary>
    /// The last day arrears can be paid: protection ended on 30/09/2025, so October, November and December are the
    /// three months that may be paid late, and the grace ends on 31/12/2025.
    /// </summary>
    public DateOnly LastDayOfGrace(DateOnly protectionEnded) => protectionEnded.AddDays(1).AddMonths(Months).AddDays(-1);
}

/// <summary>Where a worker's membership stands on a day.</summary>
public enum MembershipStatus
{
    /// <summary>No protection yet (none recorded, or the first starts later).</summary>
    NotYetMember = 0,

    /// <summary>Protected: a period covers the day.</summary>
    Active = 1,

    /// <summary>Protection ended; the arrears can still be paid until the grace ends.</summary>
    InGrace = 2,

    /// <summary>More than the grace months unpaid: membership ended; re-registering starts from zero.</summary>
    Lapsed = 3,

    /// <summary>Left the programme (death, moved away, …).</summary>
    Exited = 4,
}

/// <summary>
/// A run of days with one status. <see cref="End"/> is inclusive and null when open. For grace and lapse,
/// <see cref="ProtectionEnded"/> is the last covered day before them and <see cref="GraceUntil"/> the last day the
/// arrears could be paid.
/// </summary>
public sealed record MembershipSegment(MembershipStatus Status, DateOnly Start, DateOnly? End, DateOnly? ProtectionEnded = null, DateOnly? GraceUntil = null)
{
    public bool Contains(DateOnly date) => date >= Start && (End is null || date <= End);
}

/// <summary>A worker's membership on one day, with its segment and the reason in words.</summary>
public sealed record MembershipOnDate(DateOnly Date, MembershipStatus Status, MembershipSegment? Segment, DateOnly? NextCoverStart, Exit? Exit)
{
    /// <summary>The status in words, in the current UI culture.</summary>
    public static string Label(MembershipStatus status) => new Phrase(LabelKey(status)).ToString();

    public static string LabelKey(MembershipStatus status) => status switch
    {
        MembershipStatus.Active => "membership.status.Active",
        MembershipStatus.InGrace => "membership.status.InGrace",
        MembershipStatus.Lapsed => "membership.status.Lapsed",
        MembershipStatus.Exited => "membership.status.Exited",
        _ => "membership.status.NotYetMember",
    };

    /// <summary>The reason in words, in the current UI culture.</summary>
    public string Explain() => Explanation.ToString();

    public Phrase Explanation => Status switch
    {
        MembershipStatus.Active => Segment!.End is { } end
            ? new("membership.explain.active_until", IndonesianFormat.Date(Segment.Start), IndonesianFormat.Date(end))
            : new("membership.explain.active_since", IndonesianFormat.Date(Segment.Start)),
        MembershipStatus.InGrace => NextCoverStart is { } next
            ? new("membership.explain.grace_next", IndonesianFormat.Date(Segment!.ProtectionEnded!.Value), IndonesianFormat.Date(Segment.GraceUntil!.Value),
                IndonesianFormat.Date(next))
            : new("membership.explain.grace", IndonesianFormat.Date(Segment!.ProtectionEnded!.Value), IndonesianFormat.Date(Segment.GraceUntil!.Value)),
        MembershipStatus.Lapsed => NextCoverStart is { } again
            ? new("membership.explain.lapsed_again", IndonesianFormat.Date(Segment!.Start), $"{GraceRule.On(Segment.ProtectionEnded!.Value).Months}",
                IndonesianFormat.Date(Segment.ProtectionEnded.Value), IndonesianFormat.Date(again))
            : new("membership.explain.lapsed", IndonesianFormat.Date(Segment!.Start), $"{GraceRule.On(Segment.ProtectionEnded!.Value).Months}",
                IndonesianFormat.Date(Segment.ProtectionEnded.Value)),
        MembershipStatus.Exited => new("membership.explain.exited", Exit!.LabelPhrase.AsArgument(), IndonesianFormat.Date(Exit.Date)),
        _ => NextCoverStart is { } first
            ? new("membership.explain.before_first", IndonesianFormat.Date(first))
            : new("membership.explain.never"),
    };
}

/// <summary>
/// A worker's membership over time, derived from the coverage timeline: active while covered; after protection
/// ends, in grace until the arrears can no longer be paid, then lapsed until covered again; exited after an exit.
/// Pure: the same timeline always gives the same segments.
/// </summary>
public sealed record MembershipTimeline(IReadOnlyList<MembershipSegment> Segments, Exit? Exit)
{
    public static MembershipTimeline Of(CoverageTimeline timeline)
    {
        var runs = Runs(timeline.Effective);
        var segments = new List<MembershipSegment>();
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            segments.Add(new(MembershipStatus.Active, run.Start, run.End));
            DateOnly? nextStart = i + 1 < runs.Count ? runs[i + 1].Start : null;
            var graceUntil = GraceRule.On(run.End).LastDayOfGrace(run.End);
            var graceEnd = nextStart is { } n && n.AddDays(-1) < graceUntil ? n.AddDays(-1) : graceUntil;
            segments.Add(new(MembershipStatus.InGrace, run.End.AddDays(1), graceEnd, run.End, graceUntil));
            if (nextStart is null || nextStart.Value > graceUntil.AddDays(1))
            {
                segments.Add(new(MembershipStatus.Lapsed, graceUntil.AddDays(1), nextStart?.AddDays(-1), run.End, graceUntil));
            }
        }

        if (timeline.Exit is { } exit)
        {
            segments = [.. segments.Where(s => s.Start <= exit.Date).Select(s => s.End is null || s.End > exit.Date ? s with { End = exit.Date } : s)];
            segments.Add(new(MembershipStatus.Exited, exit.Date.AddDays(1), null));
        }

        return new MembershipTimeline(segments, timeline.Exit);
    }

    /// <summary>The status on <paramref name="date"/>, with the next cover that starts after it, if recorded.</summary>
    public MembershipOnDate On(DateOnly date)
    {
        var segment = Segments.FirstOrDefault(s => s.Contains(date));
        var next = Segments.FirstOrDefault(s => s.Status == MembershipStatus.Active && s.Start > date)?.Start;
        return new MembershipOnDate(date, segment?.Status ?? MembershipStatus.NotYetMember, segment, next, Exit);
    }

    /// <summary>The days lapses began, in order.</summary>
    public IReadOnlyList<DateOnly> Lapses => [.. Segments.Where(s => s.Status == MembershipStatus.Lapsed).Select(s => s.Start)];

    /// <summary>Touching or overlapping periods joined into runs of unbroken protection, whoever paid.</summary>
    private static List<CoveragePeriod> Runs(IReadOnlyList<CoverageSpan> spans)
    {
        var runs = new List<CoveragePeriod>();
        foreach (var period in spans.Select(s => s.Period).OrderBy(p => p.Start))
        {
            if (runs.Count > 0 && period.Start <= runs[^1].End.AddDays(1))
            {
                var last = runs[^1];
                runs[^1] = CoveragePeriod.Of(last.Start, period.End > last.End ? period.End : last.End);
            }
            else
            {
                runs.Add(period);
            }
        }

        return runs;
    }
}
