using System.Globalization;
using Kapuas.Domain.Common;

namespace Kapuas.Domain.Claims;

/// <summary>
/// The Dinas Sosial's letterhead, numbering and signatory for the cover letters (surat pengantar) of claim files, as
/// an administrator sets them. <see cref="NumberPattern"/> holds <c>{n}</c> (the year's running number, three digits),
/// and may hold <c>{bulan}</c> (the month in Roman numerals, as Indonesian letters number them) and <c>{tahun}</c>.
/// </summary>
public sealed record CoverLetterSettings(
    string Office,
    string Address,
    string City,
    string Addressee,
    string NumberPattern,
    string SignatoryName,
    string SignatoryTitle,
    string SignatoryNip)
{
    public const int MaxText = 200;

    /// <summary>What a new installation starts with: everything but the office's address and the signatory, which only the office can give.</summary>
    public static CoverLetterSettings Defaults { get; } = new(
        "Dinas Sosial Kabupaten Kapuas",
        "",
        "Kuala Kapuas",
        "Kepala Kantor Cabang BPJS Ketenagakerjaan Kuala Kapuas",
        "{n}/JS-DINSOS/{bulan}/{tahun}",
        "",
        "Kepala Dinas Sosial Kabupaten Kapuas",
        "");

    /// <summary>True when a letter can be issued: valid settings with the address and a signatory.</summary>
    public bool CanIssue => SignatoryName.Length > 0 && Address.Length > 0 && Problems().Count == 0;

    /// <summary>The problems with these settings, each as (field, code); empty when they can be saved.</summary>
    public IReadOnlyList<(string Field, string Code)> Problems()
    {
        var problems = new List<(string, string)>();
        void Text(string field, string value, bool required)
        {
            if (required && value.Length == 0)
            {
                problems.Add((field, "letter.required"));
            }
            else if (value.Length > MaxText)
            {
                problems.Add((field, "letter.too_long"));
            }
            else if (PlainText.HasMarkup(value))
            {
                problems.Add((field, "letter.markup"));
            }
            else if (PlainText.StartsLikeFormula(value))
            {
                problems.Add((field, "letter.formula"));
            }
        }

        Text(nameof(Office), Office, true);
        Text(nameof(Address), Address, true);
        Text(nameof(City), City, true);
        Text(nameof(Addressee), Addressee, true);
        Text(nameof(NumberPattern), NumberPattern, true);
        Text(nameof(SignatoryName), SignatoryName, false);
        Text(nameof(SignatoryTitle), SignatoryTitle, true);
        if (NumberPattern.Length > 0 && !NumberPattern.Contains("{n}", StringComparison.Ordinal))
        {
            problems.Add((nameof(NumberPattern), "letter.pattern_without_number"));
        }
        else if (NumberPattern.Replace("{n}", "", StringComparison.Ordinal).Replace("{bulan}", "", StringComparison.Ordinal)
                     .Replace("{tahun}", "", StringComparison.Ordinal).AsSpan().IndexOfAny('{', '}') >= 0)
        {
            problems.Add((nameof(NumberPattern), "letter.pattern_unknown_part"));
        }

        // NIP (Nomor Induk Pegawai of a civil servant): 18 digits, written in groups 8-6-1-3; optional.
        var nipDigits = SignatoryNip.Replace(" ", "", StringComparison.Ordinal);
        if (nipDigits.Length > 0 && (nipDigits.Length != 18 || !nipDigits.All(char.IsAsciiDigit)))
        {
            problems.Add((nameof(SignatoryNip), "letter.nip"));
        }

        return problems;
    }

    /// <summary>The same settings with surrounding spaces removed and the NIP written in its usual groups.</summary>
    public CoverLetterSettings Normalised()
    {
        var nip = SignatoryNip.Replace(" ", "", StringComparison.Ordinal);
        return new CoverLetterSettings(Office.Trim(), Address.Trim(), City.Trim(), Addressee.Trim(), NumberPattern.Trim(),
            SignatoryName.Trim(), SignatoryTitle.Trim(),
            nip.Length == 18 ? $"{nip[..8]} {nip[8..14]} {nip[14..15]} {nip[15..]}" : nip);
    }

    /// <summary>The letter number for the year's <paramref name="sequence"/>-th letter, dated <paramref name="date"/>.</summary>
    public string Number(int sequence, DateOnly date)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return NumberPattern
            .Replace("{n}", sequence.ToString("000", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{bulan}", RomanMonth(date.Month), StringComparison.Ordinal)
            .Replace("{tahun}", date.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>I … XII, as Indonesian official letters write the month in their numbers.</summary>
    public static string RomanMonth(int month) => month switch
    {
        1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI",
        7 => "VII", 8 => "VIII", 9 => "IX", 10 => "X", 11 => "XI", 12 => "XII",
        _ => throw new ArgumentOutOfRangeException(nameof(month)),
    };
}
