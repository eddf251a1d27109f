using System.Text.RegularExpressions;
using Kapuas.Domain.Common;
using Kapuas.Domain.Identity;
using Kapuas.Domain.Regions;

namespace Kapuas.Domain.Workers;

public enum Sex
{
    Male = 1,
    Female = 2,
}

public enum OccupationKind
{
    Petani = 1,
    Nelayan = 2,
    PedagangPasar = 3,
    BuruhHarianLepas = 4,
    Lainnya = 9,
}

/// <summary>Where a worker's record came from.</summary>
public enum DataSource
{
    Unknown = 0,
    Dtks = 1,
    Dtsen = 2,
    UsulanDesa = 3,
}

/// <summary>The worker's occupation: one of the four the programme names, or "lainnya" with a description.</summary>
public sealed record Occupation
{
    private Occupation(OccupationKind kind, string? other)
    {
        Kind = kind;
        Other = other;
    }

    public OccupationKind Kind { get; }

    public string? Other { get; }

    public static Occupation Of(OccupationKind kind) =>
        kind == OccupationKind.Lainnya
            ? throw new ArgumentException("'Lainnya' needs a description: use Occupation.Parse or Occupation.OtherThan.", nameof(kind))
            : new Occupation(kind, null);

    public static Result<Occupation> OtherThan(string? description)
    {
        var text = description?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new DomainError("occupation.other_required");
        }

        return text.Length > 100
            ? new DomainError("occupation.other_too_long")
            : new Occupation(OccupationKind.Lainnya, text);
    }

    /// <summary>Reads what a form or spreadsheet says, in Bahasa Indonesia or English; unknown text is "lainnya".</summary>
    public static Result<Occupation> Parse(string? input)
    {
        var text = Regex.Replace(input?.Trim() ?? "", @"\s+", " ");
        if (text.Length == 0)
        {
            return new DomainError("occupation.required");
        }

        var key = text.ToLowerInvariant();
        OccupationKind? kind = key switch
        {
            "petani" or "tani" or "pekebun" or "farmer" => OccupationKind.Petani,
            "nelayan" or "fisher" or "fisherman" => OccupationKind.Nelayan,
            "pedagang pasar" or "pedagang" or "market trader" or "trader" => OccupationKind.PedagangPasar,
            "buruh harian lepas" or "bhl" or "buruh" or "day labourer" or "day laborer" => OccupationKind.BuruhHarianLepas,
            _ => null,
        };
        if (kind is { } known)
        {
            return Of(known);
        }

        if (key.StartsWith("lainnya", StringComparison.Ordinal))
        {
            var other = text[7..].TrimStart(' ', ':', '-', '(').TrimEnd(')');
            return other.Length > 0 && !other.StartsWith("lainnya", StringComparison.OrdinalIgnoreCase) && Parse(other) is { IsSuccess: true } inner && inner.Value.Kind != OccupationKind.Lainnya
                ? inner
                : OtherThan(other);
        }

        return OtherThan(text);
    }

    /// <summary>The occupation in words, in the current UI culture ("Lainnya: …" with the description as entered).</summary>
    public string Label => Kind switch
    {
        OccupationKind.Petani => new Phrase("occupation.Petani").ToString(),
        OccupationKind.Nelayan => new Phrase("occupation.Nelayan").ToString(),
        OccupationKind.PedagangPasar => new Phrase("occupation.PedagangPasar").ToString(),
        OccupationKind.BuruhHarianLepas => new Phrase("occupation.BuruhHarianLepas").ToString(),
        _ => new Phrase("occupation.Lainnya", Other ?? "").ToString(),
    };

    public override string ToString() => Label;
}

/// <summary>
/// Who a worker is, validated as a whole. Built by <see cref="Create"/>, which collects every problem at once so a
/// form or an import row can show them all.
/// </summary>
public sealed record WorkerProfile(
    Nik Nik,
    string Name,
    Sex Sex,
    DateOnly BirthDate,
    Kecamatan Kecamatan,
    string Desa,
    Occupation Occupation,
    string? Phone,
    Kpj? Kpj,
    DataSource Source)
{
    /// <summary>The form names are searched by: lower case, single spaces.</summary>
    public static string NameKey(string name) =>
        string.Join(' ', name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public const int MaxNameLength = 150;
    public const int MaxDesaLength = 100;

    /// <summary>
    /// Validates raw input. Errors stop creation; warnings (NIK from outside Kapuas, NIK not matching sex or birth
    /// date) are returned beside the profile.
    /// </summary>
    public static ProfileCheck Create(ProfileInput input, DateOnly asOf)
    {
        var errors = new List<FieldError>();
        var warnings = new List<FieldError>();

        var name = Normalise(input.Name);
        if (name.Length == 0)
        {
            errors.Add(new("Nama", new DomainError("name.required")));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(new("Nama", new DomainError("name.too_long", $"{MaxNameLength}")));
        }
        else if (name.Any(char.IsControl))
        {
            errors.Add(new("Nama", new DomainError("name.control")));
        }
        else if (PlainText.HasMarkup(name))
        {
            errors.Add(new("Nama", PlainText.MarkupError("field.name")));
        }
        else if (PlainText.StartsLikeFormula(name))
        {
            errors.Add(new("Nama", PlainText.FormulaError("field.name")));
        }

        if (input.Sex is null)
        {
            errors.Add(new("JenisKelamin", new DomainError("sex.required")));
        }

        if (input.BirthDate is not { } born)
        {
            errors.Add(new("TanggalLahir", new DomainError("birthdate.required")));
        }
        else if (born > asOf)
        {
            errors.Add(new("TanggalLahir", new DomainError("birthdate.future", IndonesianFormat.Date(born))));
        }
        else if (born < asOf.AddYears(-120))
        {
            errors.Add(new("TanggalLahir", new DomainError("birthdate.too_old", IndonesianFormat.Date(born))));
        }

        var nikCheck = Nik.Check(input.Nik, input.Sex, input.BirthDate, asOf);
        if (nikCheck.Error is { } nikError)
        {
            errors.Add(new("NIK", nikError));
        }

        warnings.AddRange(nikCheck.Warnings.Select(w => new FieldError("NIK", w)));

        var kecamatan = Kecamatan.Find(input.Kecamatan);
        if (!kecamatan.IsSuccess)
        {
            errors.Add(new("Kecamatan", kecamatan.Error!));
        }

        var desa = Normalise(input.Desa);
        if (desa.Length == 0)
        {
            errors.Add(new("Desa", new DomainError("desa.required")));
        }
        else if (desa.Length > MaxDesaLength)
        {
            errors.Add(new("Desa", new DomainError("desa.too_long", $"{MaxDesaLength}")));
        }
        else if (PlainText.HasMarkup(desa))
        {
            errors.Add(new("Desa", PlainText.MarkupError("field.desa")));
        }
        else if (PlainText.StartsLikeFormula(desa))
        {
            errors.Add(new("Desa", PlainText.FormulaError("field.desa")));
        }

        var occupation = Occupation.Parse(input.Occupation);
        if (!occupation.IsSuccess)
        {
            errors.Add(new("Pekerjaan", occupation.Error!));
        }

        var phone = NormalisePhone(input.Phone, out var phoneError);
        if (phoneError is not null)
        {
            errors.Add(new("NoHP", phoneError));
        }

        var kpj = Kpj.ParseOptional(input.Kpj);
        if (!kpj.IsSuccess)
        {
            errors.Add(new("KPJ", kpj.Error!));
        }
        else if (kpj.Value?.FormatWarning() is { } kpjWarning)
        {
            warnings.Add(new("KPJ", kpjWarning));
        }

        if (errors.Count > 0)
        {
            return new ProfileCheck(null, errors, warnings);
        }

        var profile = new WorkerProfile(nikCheck.Nik!, name, input.Sex!.Value, input.BirthDate!.Value, kecamatan.Value, desa,
            occupation.Value, phone, kpj.Value, input.Source);
        return new ProfileCheck(profile, [], warnings);
    }

    /// <summary>Trims and folds runs of white space; keeps the text as given otherwise (it is encoded on output).</summary>
    private static string Normalise(string? text) => Regex.Replace(text?.Trim() ?? "", @"\s+", " ");

    private static string? NormalisePhone(string? input, out DomainError? error)
    {
        error = null;
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            return null;
        }

        var digits = new string(text.Where(c => c is not (' ' or '-' or '.' or '(' or ')')).ToArray());
        if (digits.StartsWith('+'))
        {
            digits = digits[1..];
        }

        if (!digits.All(char.IsAsciiDigit) || digits.Length is < 8 or > 15)
        {
            error = new DomainError("phone.invalid", text);
            return null;
        }

        if (digits.StartsWith("62", StringComparison.Ordinal))
        {
            // +62 812…, and also the common +62 (0)812…: the trunk zero after the country code is dropped.
            digits = "0" + digits[2..].TrimStart('0');
        }

        return digits;
    }
}

/// <summary>Raw profile input as a form or import row gives it.</summary>
public sealed record ProfileInput(
    string? Nik,
    string? Name,
    Sex? Sex,
    DateOnly? BirthDate,
    string? Kecamatan,
    string? Desa,
    string? Occupation,
    string? Phone,
    string? Kpj,
    DataSource Source = DataSource.Unknown);

/// <summary>A problem tied to one field (column) of the input.</summary>
public sealed record FieldError(string Field, DomainError Error);

public sealed record ProfileCheck(WorkerProfile? Profile, IReadOnlyList<FieldError> Errors, IReadOnlyList<FieldError> Warnings)
{
    public bool IsValid => Profile is not null;
}
