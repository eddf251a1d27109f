using Kapuas.Domain.Common;

namespace Kapuas.Domain.Claims;

public enum ScholarshipEndReason
{
    ReachedAge23 = 1,
    Married = 2,
    Working = 3,
    Graduated = 4,
    CapReached = 5,
}

/// <summary>One school year of a child's scholarship: the level, whether it was claimed, and what BPJS paid.</summary>
public sealed record ScholarshipYear(int Year, SchoolLevel Level, DateOnly? ClaimedOn, Money? Paid, DateOnly? PaidOn);

/// <summary>
/// The scholarship of one eligible child after a death or permanent total disability (bpjs-rules.md §2.3): claimed
/// each year per school level until it ends (age 23, married, working). Pure.
/// </summary>
public sealed record ScholarshipRecord(Guid ChildId, string ChildName, DateOnly BirthDate, IReadOnlyList<ScholarshipYear> Years, ScholarshipEndReason? EndReason, DateOnly? EndedOn)
{
    public Money TotalPaid => Money.Sum(Years.Select(y => y.Paid ?? Money.Zero));

    /// <summary>Why the scholarship ended, in words, in the current UI culture.</summary>
    public static string EndLabel(ScholarshipEndReason reason) => new Phrase(EndKey(reason)).ToString();

    private static string EndTerm(ScholarshipEndReason reason) => Phrase.Term(EndKey(reason));

    private static string EndKey(ScholarshipEndReason reason) => reason switch
    {
        ScholarshipEndReason.ReachedAge23 => "scholarship.end.ReachedAge23",
        ScholarshipEndReason.Married => "scholarship.end.Married",
        ScholarshipEndReason.Working => "scholarship.end.Working",
        ScholarshipEndReason.Graduated => "scholarship.end.Graduated",
        _ => "scholarship.end.CapReached",
    };

    /// <summary>
    /// Records (or corrects) one year (bpjs-rules.md §2.3): the child is under 23 in that year, the amount is within
    /// the level's yearly amount and the level's number of years, the child's total within the per-child limit, and
    /// the total paid for all the participant's children, on every claim, within the cap.
    /// </summary>
    public Result<ScholarshipRecord> RecordYear(ScholarshipYear year, Money paidForParticipantElsewhere, BenefitRules rules, DateOnly today)
    {
        if (EndReason is not null)
        {
            return new DomainError("scholarship.ended", ChildName, EndTerm(EndReason.Value));
        }

        if (year.Year < 2015 || year.Year > today.Year + 1)
        {
            return new DomainError("scholarship.year", $"{year.Year}");
        }

        if (!Enum.IsDefined(year.Level) || year.Level == SchoolLevel.NotYetInSchool)
        {
            return new DomainError("scholarship.level");
        }

        if (year.Paid is { } paid && (paid.Rupiah <= 0 || year.PaidOn is null))
        {
            return new DomainError("scholarship.paid");
        }

        if (year.Paid is not null && year.ClaimedOn is null)
        {
            return new DomainError("scholarship.not_claimed");
        }

        if ((year.ClaimedOn is { } c && c > today) || (year.PaidOn is { } p && p > today))
        {
            return new DomainError("scholarship.future");
        }

        var ageOn = year.ClaimedOn ?? new DateOnly(year.Year, 1, 1);
        var age = ageOn.Year - BirthDate.Year - (ageOn < BirthDate.AddYears(ageOn.Year - BirthDate.Year) ? 1 : 0);
        if (age >= BenefitEstimator.ScholarshipMaxAge)
        {
            return new DomainError("scholarship.age",
                ChildName, $"{age}", IndonesianFormat.Date(ageOn), $"{BenefitEstimator.ScholarshipMaxAge}");
        }

        var yearly = rules.ScholarshipPerYear.GetValueOrDefault(year.Level, Money.Zero);
        if (year.Paid is { } amount && amount > yearly)
        {
            return new DomainError("scholarship.over_level", amount.ToString(), yearly.ToString());
        }

        var years = Years.Where(y => y.Year != year.Year).Append(year).OrderBy(y => y.Year).ToList();
        var maxYears = rules.ScholarshipMaxYears.GetValueOrDefault(year.Level);
        if (years.Count(y => y.Level == year.Level && y.Paid is not null) > maxYears)
        {
            return new DomainError("scholarship.level_years", $"{maxYears}");
        }

        var child = Money.Sum(years.Select(y => y.Paid ?? Money.Zero));
        if (child > rules.ScholarshipPerChild)
        {
            return new DomainError("scholarship.child_cap", ChildName, child.ToString(), rules.ScholarshipPerChild.ToString());
        }

        var total = child + paidForParticipantElsewhere;
        if (total > rules.ScholarshipCap)
        {
            return new DomainError("scholarship.cap", total.ToString(), rules.ScholarshipCap.ToString());
        }

        return this with { Years = years };
    }

    public Result<ScholarshipRecord> End(ScholarshipEndReason reason, DateOnly on, DateOnly today)
    {
        if (EndReason is not null)
        {
            return new DomainError("scholarship.ended", ChildName, EndTerm(EndReason.Value));
        }

        if (!Enum.IsDefined(reason) || on > today || on < BirthDate)
        {
            return new DomainError("scholarship.end");
        }

        return this with { EndReason = reason, EndedOn = on };
    }
}
