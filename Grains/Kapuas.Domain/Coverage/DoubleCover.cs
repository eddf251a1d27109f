using System.Numerics;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;

namespace Kapuas.Domain.Coverage;

/// <summary>
/// One worker's period under one payer's agreement, as recorded by that payer (the regency's PKS, a village's APBDes
/// agreement, the province, a donor: bpjs-rules.md §0, §3.3, §6.2). The agreement brings the payer's kind, its rates
/// and its partial-month rule; the period is the one the payer enrolled the worker for.
/// </summary>
public sealed record PayerCover(Agreement Agreement, CoveragePeriod Period)
{
    public string AgreementId => Agreement.Id;

    public FundingKind Payer => Agreement.Payer;
}

/// <summary>One payer in an overlap: its agreement, its kind, and what it pays for the months billed twice.</summary>
public sealed record DoubleCoverSide(string AgreementId, FundingKind Payer, Money AtStake)
{
    /// <summary>The payer in words: the kind of fund and the agreement.</summary>
    public Phrase Label => DoubleCover.PayerLabel(AgreementId, Payer);
}

/// <summary>A month both payers bill, with each one's charge for it at its own rates.</summary>
public sealed record DoubleBilledMonth(YearMonth Month, Money First, Money Second);

/// <summary>
/// Two payers that bill the same worker for the same months: the months and, per payer, the money at stake (its own
/// charge for those months, which it saves if the other payer keeps the worker).
/// </summary>
public sealed record DoubleCoverOverlap(DoubleCoverSide First, DoubleCoverSide Second, IReadOnlyList<DoubleBilledMonth> Months)
{
    /// <summary>"A and B both bill the months 2026-03, 2026-04 (2 in all): Rp … paid by A, Rp … paid by B."</summary>
    public Phrase Explanation => new("double_cover.overlap",
        First.Label.AsArgument(), Second.Label.AsArgument(), $"{Months.Count}", Phrase.List(Months.Select(m => m.Month.ToString())),
        First.AtStake.ToString(), Second.AtStake.ToString());
}

/// <summary>
/// What to cut from one period of a payer that does not keep the worker: the days taken out, what is left, and what the
/// payer no longer pays. With nothing left the period goes and the payer's quota place is given back.
/// <see cref="Period"/> is the period as it counts (cut at the worker's exit and at the agreement's own period).
/// </summary>
public sealed record PeriodCut(
    string AgreementId,
    FundingKind Payer,
    CoveragePeriod Period,
    IReadOnlyList<CoveragePeriod> Removed,
    IReadOnlyList<CoveragePeriod> Remaining,
    Money Saved)
{
    /// <summary>The whole period goes: the agreement no longer covers the worker and its quota place is free again.</summary>
    public bool RemovesPeriod => Remaining.Count == 0;

    public Phrase Explanation => RemovesPeriod
        ? new("double_cover.cut_all", DoubleCover.PayerLabel(AgreementId, Payer).AsArgument(), Period.ToString(), Saved.ToString())
        : new("double_cover.cut", DoubleCover.PayerLabel(AgreementId, Payer).AsArgument(), Phrase.List(Removed.Select(p => p.ToString())),
            Period.ToString(), Phrase.List(Remaining.Select(p => p.ToString())), Saved.ToString());
}

/// <summary>
/// The administrator's choice of the payer that keeps the worker, worked out: the other payers' cuts and the months that
/// stay billed twice after them (a whole month billed by a payer for days the keeper does not cover: align the dates).
/// </summary>
public sealed record DoubleCoverResolution(string KeeperAgreementId, IReadOnlyList<PeriodCut> Cuts, IReadOnlyList<DoubleCoverOverlap> StillBilledTwice)
{
    public Money Saved => Money.Sum(Cuts.Select(c => c.Saved));

    /// <summary>The agreements whose quota place is given back (their period for this worker goes entirely).</summary>
    public IEnumerable<string> QuotaPlacesFreed => Cuts.Where(c => c.RemovesPeriod).Select(c => c.AgreementId).Distinct(StringComparer.Ordinal);
}

/// <summary>
/// Double cover: one worker covered by two payers for the same months, so that public money pays BPJS twice while
/// someone else stays unprotected (bpjs-rules.md §6.2 "de-duplicate across payers (province, regency, village) by NIK";
/// §6.3 quota). Pure: the caller gives every payer's period for the worker.
/// <para>
/// <b>The rule, at month level as BPJS bills it (§1.3: contributions are monthly).</b> A payer is an agreement (its id):
/// two agreements are two bills, even of the same kind of fund (two villages). Each payer's periods are cut at the
/// worker's exit (the exit date is the last covered day, a death or exit ends cover early) and at the agreement's own
/// period. In each month a payer then <i>pays for</i> some days, by its partial-month rule
/// (<see cref="PartialMonthRule"/>): <c>FullMonth</c> pays the whole month when any day is covered, <c>ProRataByDays</c>
/// pays exactly the covered days, <c>CompleteMonthsOnly</c> pays the whole month only when every day is covered and
/// nothing otherwise. A month is <b>billed twice</b> when the days two payers pay for meet: two whole-month bills
/// (one period ends 15 March, the other starts 16 March, both <c>FullMonth</c>: March is paid twice), or two pro-rata
/// bills for the same days. Periods that only touch at a month's end (31 March / 1 April) never meet, nor do two
/// pro-rata bills for different days of one month (together they pay one month).
/// </para>
/// <para>
/// <b>Money at stake</b> for a payer is its own charge for the months billed twice, at its own rates and declared income
/// (the rate in force on each month's first day, <see cref="Agreement.MonthlyCost"/>): pro rata, its share rounded to the
/// rupiah (<see cref="Money.Fraction"/>).
/// </para>
/// </summary>
public static class DoubleCover
{
    /// <summary>Every pair of payers that bill the worker for the same months, ordered by the payers' agreement ids.</summary>
    public static IReadOnlyList<DoubleCoverOverlap> Find(IEnumerable<PayerCover> covers, Exit? exit = null)
    {
        var bills = Bills(Effective(covers, exit));
        var overlaps = new List<DoubleCoverOverlap>();
        for (var i = 0; i < bills.Count; i++)
        {
            for (var j = i + 1; j < bills.Count; j++)
            {
                if (Between(bills[i], bills[j]) is { } overlap)
                {
                    overlaps.Add(overlap);
                }
            }
        }

        return overlaps;
    }

    /// <summary>
    /// The payer <paramref name="keeperAgreementId"/> keeps the worker; every other payer that bills a month twice with it
    /// gives up the days the keeper covers (cut by days, so that no day the worker was protected on is left uncovered).
    /// Each cut says the days removed, the days left (none: the period goes and the quota place is given back) and the
    /// money saved. Months still billed twice after the cuts are listed: there the other payer bills a whole month for
    /// days the keeper does not cover, which only moving a start or end date can settle. Resolving again after the cuts
    /// finds nothing to cut (idempotent). Refused when the keeper is not one of the payers.
    /// </summary>
    public static Result<DoubleCoverResolution> Resolve(IEnumerable<PayerCover> covers, string keeperAgreementId, Exit? exit = null)
    {
        var effective = Effective(covers, exit);
        var keeper = effective.Where(c => c.AgreementId == keeperAgreementId).ToList();
        if (keeper.Count == 0)
        {
            return new DomainError("double_cover.keeper_unknown", keeperAgreementId ?? "");
        }

        var overlapping = Find(effective)
            .Where(o => o.First.AgreementId == keeperAgreementId || o.Second.AgreementId == keeperAgreementId)
            .Select(o => o.First.AgreementId == keeperAgreementId ? o.Second.AgreementId : o.First.AgreementId)
            .ToHashSet(StringComparer.Ordinal);

        var cuts = new List<PeriodCut>();
        var after = new List<PayerCover>(keeper);
        foreach (var group in effective.Where(c => c.AgreementId != keeperAgreementId).GroupBy(c => c.AgreementId, StringComparer.Ordinal))
        {
            var periods = group.ToList();
            if (!overlapping.Contains(group.Key))
            {
                after.AddRange(periods);
                continue;
            }

            var kept = new List<PayerCover>();
            foreach (var cover in periods)
            {
                var removed = keeper.Select(k => k.Period.Intersect(cover.Period)).OfType<CoveragePeriod>().OrderBy(p => p.Start).ToList();
                var remaining = Subtract(cover.Period, removed).Select(p => cover with { Period = p }).ToList();
                kept.AddRange(remaining);
                if (removed.Count > 0)
                {
                    var saved = Charge([cover]) - Charge(remaining);
                    cuts.Add(new PeriodCut(cover.AgreementId, cover.Payer, cover.Period, removed, [.. remaining.Select(r => r.Period)], saved));
                }
            }

            after.AddRange(kept);
        }

        var still = Find(after).Where(o => o.First.AgreementId == keeperAgreementId || o.Second.AgreementId == keeperAgreementId).ToList();
        return new DoubleCoverResolution(keeperAgreementId, cuts, still);
    }

    /// <summary>A payer in words: the regency's fund names its agreement already; the other funds are followed by it.</summary>
    public static Phrase PayerLabel(string agreementId, FundingKind payer) => new Funding(payer, agreementId, null).LabelPhrase;

    /// <summary>The periods that count: cut at the exit (its date is the last covered day) and at each agreement's period.</summary>
    private static List<PayerCover> Effective(IEnumerable<PayerCover> covers, Exit? exit)
    {
        var effective = new List<PayerCover>();
        foreach (var cover in covers)
        {
            var period = exit is null ? cover.Period : cover.Period.EndingNoLaterThan(exit.Date);
            if (period is { } p && cover.Agreement.Period.Intersect(p) is { } billed)
            {
                effective.Add(cover with { Period = billed });
            }
        }

        return effective;
    }

    /// <summary>One payer's bill for the worker: per month, the days it pays for (bit d-1 for day d) and its charge.</summary>
    private sealed record Bill(Agreement Agreement, SortedDictionary<YearMonth, (uint Paid, Money Charge)> Months);

    private static List<Bill> Bills(IEnumerable<PayerCover> covers) =>
        [.. covers.GroupBy(c => c.AgreementId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => BillOf(g.ToList()))];

    private static Bill BillOf(IReadOnlyList<PayerCover> covers)
    {
        var agreement = covers[0].Agreement;
        var covered = new SortedDictionary<YearMonth, uint>();
        foreach (var cover in covers)
        {
            foreach (var (month, _) in cover.Period.Months())
            {
                var first = month.FirstDay > cover.Period.Start ? month.FirstDay.Day : cover.Period.Start.Day;
                var last = month.LastDay < cover.Period.End ? month.LastDay.Day : cover.Period.End.Day;
                covered[month] = covered.GetValueOrDefault(month) | DayBits(first, last);
            }
        }

        var months = new SortedDictionary<YearMonth, (uint Paid, Money Charge)>();
        foreach (var (month, days) in covered)
        {
            var whole = DayBits(1, month.DaysInMonth);
            var full = agreement.MonthlyCost(month).Total;
            var (paid, charge) = agreement.PartialMonthRule switch
            {
                PartialMonthRule.FullMonth => (whole, full),
                PartialMonthRule.ProRataByDays => (days, full.Fraction(BitOperations.PopCount(days), month.DaysInMonth)),
                _ => days == whole ? (whole, full) : (0u, Money.Zero),
            };
            if (paid != 0 && charge.Rupiah > 0)
            {
                months[month] = (paid, charge);
            }
        }

        return new Bill(agreement, months);
    }

    private static Money Charge(IReadOnlyList<PayerCover> covers) =>
        covers.Count == 0 ? Money.Zero : Money.Sum(BillOf(covers).Months.Values.Select(m => m.Charge));

    private static DoubleCoverOverlap? Between(Bill first, Bill second)
    {
        var months = first.Months
            .Where(m => second.Months.TryGetValue(m.Key, out var other) && (other.Paid & m.Value.Paid) != 0)
            .Select(m => new DoubleBilledMonth(m.Key, m.Value.Charge, second.Months[m.Key].Charge))
            .ToList();
        return months.Count == 0
            ? null
            : new DoubleCoverOverlap(
                new DoubleCoverSide(first.Agreement.Id, first.Agreement.Payer, Money.Sum(months.Select(m => m.First))),
                new DoubleCoverSide(second.Agreement.Id, second.Agreement.Payer, Money.Sum(months.Select(m => m.Second))),
                months);
    }

    private static uint DayBits(int firstDay, int lastDay) => (uint)((1UL << lastDay) - (1UL << (firstDay - 1)));

    /// <summary>What is left of <paramref name="period"/> once the ordered <paramref name="removed"/> parts are taken out.</summary>
    internal static List<CoveragePeriod> Subtract(CoveragePeriod period, List<CoveragePeriod> removed)
    {
        var left = new List<CoveragePeriod>();
        var from = period.Start;
        foreach (var cut in removed)
        {
            if (cut.Start > from)
            {
                left.Add(CoveragePeriod.Of(from, cut.Start.AddDays(-1)));
            }

            if (cut.End >= from)
            {
                if (cut.End >= period.End)
                {
                    return left;
                }

                from = cut.End.AddDays(1);
            }
        }

        left.Add(CoveragePeriod.Of(from, period.End));
        return left;
    }
}
