using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;

namespace Kapuas.Domain.Claims;

public enum SchoolLevel
{
    NotYetInSchool = 0,
    Tk = 1,
    Sd = 2,
    Smp = 3,
    Sma = 4,
    HigherEducation = 5,
}

/// <summary>A child of the worker, as the scholarship rule needs them.</summary>
public sealed record Child(string Name, DateOnly BirthDate, SchoolLevel Level, bool Married = false, bool Working = false);

/// <summary>
/// One line of the estimate, with the rule it comes from, so that the caseworker can explain it; its texts are rendered
/// in the current UI culture when the estimate is made (an estimate is made for each view, never stored). A line paid
/// <see cref="PerMonth"/> (STMB) is an amount for each month, not part of the one-off total.
/// </summary>
public sealed record BenefitComponent(string Label, Money Amount, string Working, string Source, bool PerMonth = false);

public sealed record ScholarshipEligibility(Child Child, bool Eligible, string Reason, Money YearlyAmount);

public sealed record BenefitEstimate(
    ClaimType Type,
    bool Covered,
    IReadOnlyList<BenefitComponent> Components,
    IReadOnlyList<ScholarshipEligibility> Scholarships,
    IReadOnlyList<string> Notes,
    ScholarshipVerdict Verdict)
{
    /// <summary>The one-off amounts; monthly amounts (STMB) are not added in.</summary>
    public Money Total => Money.Sum(Components.Where(c => !c.PerMonth).Select(c => c.Amount));

    /// <summary>The lines paid per month, shown beside the total.</summary>
    public IReadOnlyList<BenefitComponent> Monthly => [.. Components.Where(c => c.PerMonth)];
}

/// <summary>The benefit amounts in force from a date (bpjs-rules.md §2; PP 82/2019, in force 2 Dec 2019).</summary>
public sealed record BenefitRules(
    DateOnly EffectiveFrom,
    Money JkmLumpSum,
    Money JkmPeriodic,
    Money Funeral,
    int JkkDeathMultiplier,
    int DisabilityMultiplier,
    Money JkkPeriodic,
    IReadOnlyDictionary<SchoolLevel, Money> ScholarshipPerYear,
    IReadOnlyDictionary<SchoolLevel, int> ScholarshipMaxYears,
    Money ScholarshipCap,
    int ScholarshipChildren,
    int JkmScholarshipMinimumMonths,
    string Source)
{
    public static IReadOnlyList<BenefitRules> Table { get; } =
    [
        new(new DateOnly(2019, 12, 2), new Money(20_000_000), new Money(12_000_000), new Money(10_000_000), 48, 56, new Money(12_000_000),
            new Dictionary<SchoolLevel, Money>
            {
                [SchoolLevel.Tk] = new(1_500_000), [SchoolLevel.Sd] = new(1_500_000), [SchoolLevel.Smp] = new(2_000_000),
                [SchoolLevel.Sma] = new(3_000_000), [SchoolLevel.HigherEducation] = new(12_000_000),
            },
            new Dictionary<SchoolLevel, int>
            {
                [SchoolLevel.Tk] = 2, [SchoolLevel.Sd] = 6, [SchoolLevel.Smp] = 3, [SchoolLevel.Sma] = 3, [SchoolLevel.HigherEducation] = 5,
            },
            new Money(174_000_000), 2, 36, "PP 82/2019 Lampiran III; bpjs-rules.md §2.1–§2.3"),
    ];

    /// <summary>The most one child can receive: each level's yearly amount for its number of years (Rp 87 jt, §2.3).</summary>
    public Money ScholarshipPerChild => Money.Sum(ScholarshipPerYear.Select(l => l.Value * ScholarshipMaxYears.GetValueOrDefault(l.Key)));

    /// <summary>The rules for an incident on <paramref name="date"/>; null before the first entry (not loaded).</summary>
    public static BenefitRules? On(DateOnly date) => Table.LastOrDefault(r => r.EffectiveFrom <= date);
}

/// <summary>
/// Estimates what BPJS should pay for a claim, from the dated rules, showing its working. Pure: the caller supplies
/// whether the worker was covered on the incident date, the masa iur, the declared income and the children.
/// </summary>
public static class BenefitEstimator
{
    public const int ScholarshipMaxAge = 23;

    public static Result<BenefitEstimate> Estimate(
        ClaimType type, DateOnly incident, bool coveredOnIncident, MasaIur masaIur, MasaIurReading reading, Money declaredIncome,
        IReadOnlyList<Child> children, DateOnly asOf)
    {
        if (BenefitRules.On(incident) is not { } rules)
        {
            return new DomainError("benefit.rules_missing", IndonesianFormat.Date(incident));
        }

        var notes = new List<string>();
        if (!coveredOnIncident)
        {
            notes.Add(Text("benefit.note.not_covered", IndonesianFormat.Date(incident)));
            return new BenefitEstimate(type, false, [], [], notes, ScholarshipVerdict.NotTriggered);
        }

        var components = new List<BenefitComponent>();
        var verdict = ScholarshipVerdict.NotTriggered;
        switch (type)
        {
            case ClaimType.JkmDeath:
                components.Add(new(Text("benefit.jkm_lump_sum"), rules.JkmLumpSum, Text("benefit.fixed"), rules.Source));
                components.Add(new(Text("benefit.jkm_periodic"), rules.JkmPeriodic, Text("benefit.fixed"), rules.Source));
                components.Add(new(Text("benefit.funeral"), rules.Funeral, Text("benefit.fixed"), rules.Source));
                verdict = ScholarshipVerdict.ForJkm(masaIur, reading, rules.JkmScholarshipMinimumMonths);
                notes.Add(verdict.Explanation);
                break;
            case ClaimType.JkkDeath:
                var multiple = declaredIncome * rules.JkkDeathMultiplier;
                var death = multiple < rules.JkmLumpSum ? rules.JkmLumpSum : multiple;
                components.Add(new(Text("benefit.jkk_death"), death,
                    Text("benefit.jkk_death.working", $"{rules.JkkDeathMultiplier}", declaredIncome.ToString(), multiple.ToString(), rules.JkmLumpSum.ToString()),
                    rules.Source));
                components.Add(new(Text("benefit.jkk_periodic"), rules.JkkPeriodic, Text("benefit.fixed"), rules.Source));
                components.Add(new(Text("benefit.funeral"), rules.Funeral, Text("benefit.fixed"), rules.Source));
                verdict = ScholarshipVerdict.WithoutMinimum("verdict.work_death");
                notes.Add(verdict.Explanation);
                break;
            case ClaimType.JkkPermanentTotalDisability:
                var disability = declaredIncome * rules.DisabilityMultiplier;
                components.Add(new(Text("benefit.disability"), disability, $"{rules.DisabilityMultiplier} × {declaredIncome}", rules.Source));
                components.Add(new(Text("benefit.jkk_periodic"), rules.JkkPeriodic, Text("benefit.fixed"), rules.Source));
                verdict = ScholarshipVerdict.WithoutMinimum("verdict.work_disability");
                notes.Add(verdict.Explanation);
                break;
            default:
                components.Add(new(Text("benefit.stmb_first"), declaredIncome, $"100 % × {declaredIncome}", rules.Source, PerMonth: true));
                components.Add(new(Text("benefit.stmb_after"), declaredIncome.Fraction(1, 2), $"50 % × {declaredIncome}", rules.Source, PerMonth: true));
                notes.Add(Text("benefit.note.medical"));
                notes.Add(Text("benefit.note.stmb"));
                break;
        }

        var scholarships = verdict.Right is ScholarshipRight.Entitled or ScholarshipRight.NeedsBpjsConfirmation
            ? Scholarships(rules, children, asOf, verdict.Right == ScholarshipRight.NeedsBpjsConfirmation)
            : [];
        return new BenefitEstimate(type, true, components, scholarships, notes, verdict);
    }

    private static List<ScholarshipEligibility> Scholarships(BenefitRules rules, IReadOnlyList<Child> children, DateOnly asOf, bool unconfirmed)
    {
        var result = new List<ScholarshipEligibility>();
        var granted = 0;
        foreach (var child in children.OrderBy(c => c.BirthDate))
        {
            var age = asOf.Year - child.BirthDate.Year - (asOf < child.BirthDate.AddYears(asOf.Year - child.BirthDate.Year) ? 1 : 0);
            var refusal = age >= ScholarshipMaxAge ? new Phrase("scholarship.refused.age", $"{age}", $"{ScholarshipMaxAge}")
                : child.Married ? new Phrase("scholarship.refused.married")
                : child.Working ? new Phrase("scholarship.refused.working")
                : granted >= rules.ScholarshipChildren ? new Phrase("scholarship.refused.children", $"{rules.ScholarshipChildren}")
                : null;
            if (refusal is not null)
            {
                result.Add(new(child, false, Text("scholarship.refused", refusal.AsArgument()), Money.Zero));
                continue;
            }

            granted++;
            var yearly = rules.ScholarshipPerYear.GetValueOrDefault(child.Level, Money.Zero);
            var entitled = child.Level == SchoolLevel.NotYetInSchool
                ? new Phrase("scholarship.entitled.not_in_school")
                : new Phrase("scholarship.entitled", yearly.ToString(), rules.ScholarshipPerChild.ToString(), rules.ScholarshipCap.ToString());
            result.Add(new(child, !unconfirmed, unconfirmed ? Text("scholarship.entitled.unconfirmed", entitled.AsArgument()) : entitled.ToString(), yearly));
        }

        return result;
    }

    private static string Text(string key, params string[] args) => new Phrase(key, args).ToString();
}
