using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Identity;

namespace Kapuas.Domain.Family;

public enum Relationship
{
    Spouse = 1,
    Child = 2,
    Parent = 3,
    Grandchild = 4,
    Grandparent = 5,
    Sibling = 6,
    ParentInLaw = 7,
    NamedInWill = 8,
}

/// <summary>A member of the worker's family as the claim file needs them: an heir, a child for the scholarship.</summary>
public sealed record FamilyMember(
    Guid Id, string Name, Nik? Nik, Relationship Relationship, DateOnly? BirthDate, SchoolLevel Level, bool Married, bool Working)
{
    public const int MaxNameLength = 120;

    /// <summary>The relationship in words, in the current UI culture.</summary>
    public static string Label(Relationship relationship) => new Phrase(Key(relationship)).ToString();

    /// <summary>The relationship as an argument of another text.</summary>
    public static string Term(Relationship relationship) => Phrase.Term(Key(relationship));

    private static string Key(Relationship relationship) => relationship switch
    {
        Relationship.Spouse => "relationship.Spouse",
        Relationship.Child => "relationship.Child",
        Relationship.Parent => "relationship.Parent",
        Relationship.Grandchild => "relationship.Grandchild",
        Relationship.Grandparent => "relationship.Grandparent",
        Relationship.Sibling => "relationship.Sibling",
        Relationship.ParentInLaw => "relationship.ParentInLaw",
        _ => "relationship.NamedInWill",
    };

    /// <summary>Checks a member as entered; the NIK is optional (small children often have none on hand).</summary>
    public static Result<FamilyMember> Create(
        Guid id, string? name, string? nik, Relationship? relationship, DateOnly? birthDate, SchoolLevel level, bool married, bool working, DateOnly today)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return new DomainError("family.name_required");
        }

        if (trimmed.Length > MaxNameLength)
        {
            return new DomainError("family.name_too_long", $"{MaxNameLength}");
        }

        if (PlainText.HasMarkup(trimmed))
        {
            return PlainText.MarkupError("field.name");
        }

        if (relationship is not { } kind || !Enum.IsDefined(kind))
        {
            return new DomainError("family.relationship_required");
        }

        if (!Enum.IsDefined(level))
        {
            return new DomainError("family.level_unknown");
        }

        Nik? parsed = null;
        if (!string.IsNullOrWhiteSpace(nik))
        {
            var result = Identity.Nik.Parse(nik);
            if (!result.IsSuccess)
            {
                return result.Error!;
            }

            parsed = result.Value;
        }

        if (birthDate is { } born && (born > today || born.Year < 1900))
        {
            return new DomainError("family.birth_date", IndonesianFormat.Date(born));
        }

        if (kind == Relationship.Child && birthDate is null)
        {
            return new DomainError("family.child_birth_date");
        }

        return new FamilyMember(id, trimmed, parsed, kind, birthDate, kind == Relationship.Child ? level : SchoolLevel.NotYetInSchool, married, working);
    }

    public Child? AsChild() =>
        Relationship == Relationship.Child && BirthDate is { } born ? new Child(Name, born, Level, Married, Working) : null;
}

/// <summary>
/// The statutory order of heirs (bpjs-rules.md §4.3): widow/widower or children; else parents, then grandchildren,
/// then grandparents; then siblings; then parents-in-law; then whoever the will names. Only the first group present
/// is entitled.
/// </summary>
public static class HeirOrder
{
    public static int Rank(Relationship relationship) => relationship switch
    {
        Relationship.Spouse or Relationship.Child => 1,
        Relationship.Parent => 2,
        Relationship.Grandchild => 3,
        Relationship.Grandparent => 4,
        Relationship.Sibling => 5,
        Relationship.ParentInLaw => 6,
        _ => 7,
    };

    /// <summary>The members entitled as heirs: those of the best-ranked group present; empty when the family is empty.</summary>
    public static IReadOnlyList<FamilyMember> Entitled(IEnumerable<FamilyMember> family)
    {
        var members = family.ToList();
        if (members.Count == 0)
        {
            return [];
        }

        var best = members.Min(m => Rank(m.Relationship));
        return [.. members.Where(m => Rank(m.Relationship) == best).OrderBy(m => m.Relationship).ThenBy(m => m.BirthDate)];
    }

    /// <summary>Who the heirs are, in words, in the current UI culture.</summary>
    public static string Explain(IEnumerable<FamilyMember> family) => Explanation(family).ToString();

    public static Phrase Explanation(IEnumerable<FamilyMember> family)
    {
        var entitled = Entitled(family);
        return entitled.Count == 0
            ? new("heir.none")
            : new("heir.entitled", $"{Rank(entitled[0].Relationship)}",
                Phrase.List(entitled.Select(m => new Phrase("heir.member", m.Name, FamilyMember.Term(m.Relationship)).AsArgument())));
    }
}
