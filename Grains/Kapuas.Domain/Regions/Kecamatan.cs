using System.Text.RegularExpressions;
using Kapuas.Domain.Common;

namespace Kapuas.Domain.Regions;

/// <summary>
/// The 17 kecamatan of Kabupaten Kapuas with their Kemendagri codes 62.03.01–62.03.17 (bpjs-rules.md §5.2).
/// Not BPS codes, which are another scheme.
/// </summary>
public sealed partial record Kecamatan(string Code, string Name)
{
    public static IReadOnlyList<Kecamatan> All { get; } =
    [
        new("62.03.01", "Selat"),
        new("62.03.02", "Kapuas Hilir"),
        new("62.03.03", "Kapuas Timur"),
        new("62.03.04", "Kapuas Kuala"),
        new("62.03.05", "Kapuas Barat"),
        new("62.03.06", "Pulau Petak"),
        new("62.03.07", "Kapuas Murung"),
        new("62.03.08", "Basarang"),
        new("62.03.09", "Mantangai"),
        new("62.03.10", "Timpah"),
        new("62.03.11", "Kapuas Tengah"),
        new("62.03.12", "Kapuas Hulu"),
        new("62.03.13", "Tamban Catur"),
        new("62.03.14", "Pasak Talawang"),
        new("62.03.15", "Mandau Talawang"),
        new("62.03.16", "Dadahup"),
        new("62.03.17", "Bataguh"),
    ];

    /// <summary>
    /// Finds a kecamatan by its code (<c>62.03.01</c> or <c>620301</c>) or by its name, case-insensitively and
    /// ignoring extra spaces and a leading "Kecamatan"/"Kec.".
    /// </summary>
    public static Result<Kecamatan> Find(string? codeOrName)
    {
        var text = Spaces().Replace(codeOrName?.Trim() ?? "", " ");
        if (text.Length == 0)
        {
            return new DomainError("kecamatan.required");
        }

        var digits = text.Replace(".", "", StringComparison.Ordinal);
        if (digits.Length == 6 && digits.All(char.IsAsciiDigit))
        {
            var byCode = All.FirstOrDefault(k => k.Code.Replace(".", "", StringComparison.Ordinal) == digits);
            return byCode is not null
                ? byCode
                : new DomainError("kecamatan.unknown_code", text);
        }

        var name = Prefix().Replace(text, "");
        if (name.Length == 0)
        {
            return new DomainError("kecamatan.required");
        }

        var byName = All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
        return byName is not null
            ? byName
            : new DomainError("kecamatan.unknown", text);
    }

    public override string ToString() => $"{Name} ({Code})";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(kecamatan|kec\.?)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Prefix();
}
