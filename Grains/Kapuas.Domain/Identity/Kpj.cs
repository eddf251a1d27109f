using Kapuas.Domain.Common;

namespace Kapuas.Domain.Identity;

/// <summary>
/// BPJS Ketenagakerjaan participant number (Kartu Peserta Jamsostek): 11 digits, kept as text so leading zeros
/// survive (bpjs-rules.md §5.3). Optional until BPJS assigns it.
/// </summary>
public sealed record Kpj
{
    private Kpj(string value) => Value = value;

    public string Value { get; }

    public static Result<Kpj> Parse(string? input)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new DomainError("kpj.required", "Nomor KPJ wajib diisi.");
        }

        if (!text.All(char.IsAsciiDigit))
        {
            return new DomainError("kpj.not_digits", "Nomor KPJ hanya boleh berisi angka.");
        }

        if (text.Length != 11)
        {
            return new DomainError("kpj.length", $"Nomor KPJ harus 11 digit; yang diisi {text.Length} digit.");
        }

        return new Kpj(text);
    }

    /// <summary>Empty input is "not assigned yet" (null); anything else must be a valid KPJ.</summary>
    public static Result<Kpj?> ParseOptional(string? input) =>
        string.IsNullOrWhiteSpace(input) ? Result<Kpj?>.Ok(null) : Parse(input).Map<Kpj?>(k => k);

    public override string ToString() => Value;
}
