using Kapuas.Domain.Common;

namespace Kapuas.Domain.Agreements;

/// <summary>
/// Monthly contribution rates for BPU (non-wage) participants from a date on.
/// JKK is a share of the declared income in basis points (100 = 1 %); JKM is a flat amount.
/// </summary>
public sealed record ContributionRate(DateOnly EffectiveFrom, int JkkBasisPoints, Money JkmMonthly, string Source)
{
    /// <summary>The lowest BPU income bracket (Rp 1.000.000, bpjs-rules.md §1.1); a lower declared income is refused.</summary>
    public Money LowestDeclaredIncome { get; init; } = new(1_000_000);

    public Money Jkk(Money declaredIncome) => declaredIncome.Fraction(JkkBasisPoints, 10_000);
}

/// <summary>
/// The dated rules table for contributions (bpjs-rules.md §0, §1.1). Rates change by regulation; a month is billed
/// at the rate in force on its first day.
/// </summary>
public sealed class ContributionRateTable
{
    public ContributionRateTable(IEnumerable<ContributionRate> rates)
    {
        Rates = [.. rates.OrderBy(r => r.EffectiveFrom)];
        if (Rates.Count == 0)
        {
            throw new ArgumentException("A rate table needs at least one rate.", nameof(rates));
        }
    }

    /// <summary>
    /// The statutory table: PP 44/2015 (JKK 1 % of declared income, JKM Rp 6.800; in force 1 Jul 2015), the
    /// PP 49/2020 COVID-19 relief for Aug 2020 – Jan 2021 (JKM Rp 68 = 1 % of Rp 6.800, High; JKK cut to 1 % of its
    /// rate, Low confidence: only the JKM figure is sourced), and the return to PP 44/2015 rates from Feb 2021.
    /// </summary>
    public static ContributionRateTable Statutory { get; } = new(
    [
        new(new DateOnly(2015, 7, 1), 100, new Money(6_800), "PP 44/2015; bpjs-rules.md §1.1"),
        new(new DateOnly(2020, 8, 1), 1, new Money(68), "PP 49/2020 (relief); bpjs-rules.md §0"),
        new(new DateOnly(2021, 2, 1), 100, new Money(6_800), "PP 44/2015 after PP 49/2020; bpjs-rules.md §1.1"),
    ]);

    public IReadOnlyList<ContributionRate> Rates { get; }

    /// <summary>The rate in force on <paramref name="date"/>; before the first entry, the first entry.</summary>
    public ContributionRate On(DateOnly date) => Rates.LastOrDefault(r => r.EffectiveFrom <= date) ?? Rates[0];
}
