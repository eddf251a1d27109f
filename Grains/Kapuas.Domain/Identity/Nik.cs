using System.Security.Cryptography;
using System.Text;
using Kapuas.Domain.Common;
using Kapuas.Domain.Workers;

namespace Kapuas.Domain.Identity;

/// <summary>
/// Nomor Induk Kependudukan: 16 digits <c>PP KK CC DD MM YY SSSS</c> (bpjs-rules.md §5.1): province, regency,
/// kecamatan of first registration, day of birth (+40 for women), month, two-digit year, serial from 0001.
/// A value of this type is always structurally valid. <see cref="ToString"/> is masked: the full number is only
/// in <see cref="Value"/>, so that it cannot slip into a log line or a URL by accident.
/// </summary>
public sealed record Nik
{
    public const string KapuasPrefix = "6203";

    private Nik(string value) => Value = value;

    /// <summary>The full 16 digits. Personal data: never log it, never put it in a key or URL.</summary>
    public string Value { get; }

    public string ProvinceCode => Value[..2];

    public string RegencyCode => Value[..4];

    /// <summary>Kecamatan of first registration as six digits (e.g. <c>620301</c>); not where the person lives now.</summary>
    public string KecamatanCode => Value[..6];

    public bool IsKapuas => Value.StartsWith(KapuasPrefix, StringComparison.Ordinal);

    public Sex Sex => EncodedDay > 40 ? Sex.Female : Sex.Male;

    public int BirthDay => EncodedDay > 40 ? EncodedDay - 40 : EncodedDay;

    public int BirthMonth => int.Parse(Value.AsSpan(8, 2), provider: null);

    public int BirthYearTwoDigits => int.Parse(Value.AsSpan(10, 2), provider: null);

    public int Serial => int.Parse(Value.AsSpan(12, 4), provider: null);

    private int EncodedDay => int.Parse(Value.AsSpan(6, 2), provider: null);

    /// <summary>Masked for display: the regency prefix and the last two digits, e.g. <c>6203**********01</c>.</summary>
    public string Masked => Mask(Value);

    public static string Mask(string nik) =>
        nik.Length == 16 ? string.Concat(nik.AsSpan(0, 4), new string('*', 10), nik.AsSpan(14, 2)) : new string('*', nik.Length);

    /// <summary>
    /// The birth date the NIK encodes, resolving the two-digit year to the latest century in which the person is
    /// born on or before <paramref name="asOf"/>.
    /// </summary>
    public DateOnly BirthDate(DateOnly asOf)
    {
        // The latest of the last three centuries that gives a real date on or before asOf; else the plain 19yy/20yy reading.
        var century = asOf.Year / 100 * 100;
        for (var year = century + BirthYearTwoDigits; year >= century - 200; year -= 100)
        {
            if (year >= 1 && IsValidDate(year, BirthMonth, BirthDay) && new DateOnly(year, BirthMonth, BirthDay) <= asOf)
            {
                return new DateOnly(year, BirthMonth, BirthDay);
            }
        }

        var fallback = IsValidDate(2000 + BirthYearTwoDigits, BirthMonth, BirthDay) ? 2000 + BirthYearTwoDigits : 1900 + BirthYearTwoDigits;
        return new DateOnly(fallback, BirthMonth, BirthDay);
    }

    /// <summary>Parses a NIK, trimming spaces around it; anything else malformed is refused with the exact reason.</summary>
    public static Result<Nik> Parse(string? input)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new DomainError("nik.required");
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return new DomainError("nik.not_digits", Printable(text[i]), $"{i + 1}");
            }
        }

        if (text.Length != 16)
        {
            return new DomainError("nik.length", $"{text.Length}");
        }

        var province = int.Parse(text.AsSpan(0, 2), provider: null);
        if (province < 11)
        {
            return new DomainError("nik.province", text[..2]);
        }

        if (text.AsSpan(2, 2).SequenceEqual("00") || text.AsSpan(4, 2).SequenceEqual("00"))
        {
            return new DomainError("nik.region", text[2..6]);
        }

        var encodedDay = int.Parse(text.AsSpan(6, 2), provider: null);
        if (encodedDay is < 1 or > 71 || encodedDay is > 31 and < 41)
        {
            return new DomainError("nik.day", text[6..8]);
        }

        var month = int.Parse(text.AsSpan(8, 2), provider: null);
        if (month is < 1 or > 12)
        {
            return new DomainError("nik.month", text[8..10]);
        }

        var day = encodedDay > 40 ? encodedDay - 40 : encodedDay;
        var yy = int.Parse(text.AsSpan(10, 2), provider: null);
        if (!IsValidDate(1900 + yy, month, day) && !IsValidDate(2000 + yy, month, day))
        {
            return new DomainError("nik.date", $"{day:D2}/{month:D2}/{yy:D2}");
        }

        if (text.AsSpan(12, 4).SequenceEqual("0000"))
        {
            return new DomainError("nik.serial");
        }

        return new Nik(text);
    }

    /// <summary>
    /// Parses a NIK and compares it with what the person declared. Mismatches and a NIK from outside Kapuas are
    /// warnings, not errors: people keep their NIK when they move, and registries contain typos.
    /// </summary>
    public static NikCheck Check(string? input, Sex? declaredSex, DateOnly? declaredBirthDate, DateOnly asOf)
    {
        var parsed = Parse(input);
        if (!parsed.IsSuccess)
        {
            return new NikCheck(null, parsed.Error, []);
        }

        var nik = parsed.Value;
        var warnings = new List<DomainError>();
        if (!nik.IsKapuas)
        {
            warnings.Add(new DomainError("nik.outside_kapuas", nik.RegencyCode[..2], nik.RegencyCode[2..]));
        }

        if (declaredSex is { } sex && sex != nik.Sex)
        {
            warnings.Add(new DomainError("nik.sex_mismatch", SexTerm(sex), SexTerm(nik.Sex)));
        }

        if (declaredBirthDate is { } born)
        {
            var fromNik = nik.BirthDate(asOf);
            if (born.Day != fromNik.Day || born.Month != fromNik.Month || born.Year % 100 != nik.BirthYearTwoDigits)
            {
                warnings.Add(new DomainError("nik.birthdate_mismatch",
                    IndonesianFormat.Date(born), $"{fromNik.Day:D2}/{fromNik.Month:D2}/..{nik.BirthYearTwoDigits:D2}"));
            }
        }

        return new NikCheck(nik, null, warnings);
    }

    /// <summary>
    /// A keyed fingerprint (HMAC-SHA256) for exact search and uniqueness without storing the NIK in the clear.
    /// The key is a secret of the installation.
    /// </summary>
    public byte[] Fingerprint(ReadOnlySpan<byte> key) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(Value));

    public bool Equals(Nik? other) => other is not null && Value == other.Value;

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Masked;

    private static bool IsValidDate(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : c.ToString();

    /// <summary>The sex as a word in the reader's language ("perempuan", "female").</summary>
    public static string SexLabel(Sex sex) => new Phrase(SexKey(sex)).ToString();

    private static string SexTerm(Sex sex) => Phrase.Term(SexKey(sex));

    private static string SexKey(Sex sex) => sex == Sex.Female ? "sex.Female" : "sex.Male";
}

/// <summary>The outcome of checking a NIK against declared data: the NIK or the error, and any warnings.</summary>
public sealed record NikCheck(Nik? Nik, DomainError? Error, IReadOnlyList<DomainError> Warnings)
{
    public bool IsValid => Nik is not null;
}
