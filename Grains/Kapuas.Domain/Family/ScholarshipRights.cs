using Kapuas.Domain.Claims;

namespace Kapuas.Domain.Family;

/// <summary>
/// The children of a worker who could hold a scholarship right should the worker die (bpjs-rules.md §2.3, the rule
/// <see cref="BenefitEstimator"/> applies to a claim): a child under 23, unmarried and not working, at most two per worker.
/// Kept in the read model as each such child's last day under 23, for the youngest ones only (no more than can hold a
/// right), so that the number on any later day is the count of those days not yet past: the budget plan counts them on
/// its own day without asking the worker grains.
/// </summary>
public static class ScholarshipRights
{
    /// <summary>How many children of one worker can hold a right (PP 82/2019: two).</summary>
    public static int PerWorker => BenefitRules.Table[^1].ScholarshipChildren;

    /// <summary>The last day under 23 of each child who could hold a right, the latest first, at most <see cref="PerWorker"/>.</summary>
    public static IReadOnlyList<DateOnly> LastDays(IEnumerable<FamilyMember> family) =>
        [.. family
            .Where(m => m.Relationship == Relationship.Child && m.BirthDate is not null && !m.Married && !m.Working)
            .Select(m => m.BirthDate!.Value.AddYears(BenefitEstimator.ScholarshipMaxAge).AddDays(-1))
            .OrderDescending()
            .Take(PerWorker)];

    /// <summary>How many children hold a right on <paramref name="date"/>, from their <see cref="LastDays"/>.</summary>
    public static int On(IEnumerable<DateOnly> lastDays, DateOnly date) => Math.Min(PerWorker, lastDays.Count(d => d >= date));
}
