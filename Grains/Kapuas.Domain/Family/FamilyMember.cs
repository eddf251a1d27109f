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

    public static string Label(Relationship relationship) => relationship switch
    {
        Relationship.Spouse => "suami/istri (janda/duda)",
        Relationship.Child => "anak",
        Relationship.Parent => "orang tua",
        Relationship.Grandchild => "cucu",
        Relationship.Grandparent => "kakek/nenek",
        Relationship.Sibling => "saudara kandung",
        Relationship.ParentInLaw => "mertua",
        _ => "pihak yang ditunjuk dalam wasiat",
    };

    /// <summary>Checks a member as entered; the NIK is optional (small children often have none on hand).</summary>
    public static Result<FamilyMember> Create(
        Guid id, string? name, string? nik, Relationship? relationship, DateOnly? birthDate, SchoolLevel level, bool married, bool working, DateOnly today)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return new DomainError("family.name_required", "Nama anggota keluarga wajib diisi.");
        }

        if (trimmed.Length > MaxNameLength)
        {
            return new DomainError("family.name_too_long", $"Nama paling panjang {MaxNameLength} karakter.");
        }

        if (PlainText.HasMarkup(trimmed))
        {
            return PlainText.MarkupError("Nama");
        }

        if (relationship is not { } kind || !Enum.IsDefined(kind))
        {
            return new DomainError("family.relationship_required", "Hubungan keluarga wajib dipilih.");
        }

        if (!Enum.IsDefined(level))
        {
            return new DomainError("family.level_unknown", "Jenjang sekolah tidak dikenal.");
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
            return new DomainError("family.birth_date", $"Tanggal lahir {IndonesianFormat.Date(born)} tidak mungkin.");
        }

        if (kind == Relationship.Child && birthDate is null)
        {
            return new DomainError("family.child_birth_date", "Tanggal lahir anak wajib diisi (dipakai untuk hak beasiswa sampai usia 23 tahun).");
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

    public static string Explain(IEnumerable<FamilyMember> family)
    {
        var entitled = Entitled(family);
        return entitled.Count == 0
            ? "Belum ada anggota keluarga tercatat; ahli waris belum dapat ditentukan."
            : $"Ahli waris urutan ke-{Rank(entitled[0].Relationship)}: " +
              string.Join(", ", entitled.Select(m => $"{m.Name} ({FamilyMember.Label(m.Relationship)})")) + ".";
    }
}
