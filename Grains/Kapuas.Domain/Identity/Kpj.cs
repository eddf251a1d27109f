using Kapuas.Domain.Common;

namespace Kapuas.Domain.Identity;

/// <summary>
/// BPJS Ketenagakerjaan participant number (Kartu Peserta Jamsostek), kept as text so leading zeros survive. The
/// rules know it as 11 digits but not its structure (bpjs-rules.md §5.3: "a soft ^\d{11}$ check"), so a number in
/// another shape is kept with a warning, not refused. Optional until BPJS assigns it.
/// </summary>
public sealed record Kpj
{
    public const int MaxLength = 30;

    private Kpj(string value) => Value = value;

    public string Value { get; }

    /// <summary>Whether the number has the 11 digits the rules expect.</summary>
    public bool IsWellFormed => Value.Length == 11 && Value.All(char.IsAsciiDigit);

    public static Result<Kpj> Parse(string? input)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new DomainError("kpj.required");
        }

        if (text.Length > MaxLength || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or ' '))
        {
            return new DomainError("kpj.invalid", $"{MaxLength}");
        }

        return new Kpj(text);
    }

    /// <summary>The soft check: a warning for a number that is not 11 digits, null otherwise.</summary>
    public DomainError? FormatWarning() => IsWellFormed
        ? null
        : new DomainError("kpj.format", Value, $"{Value.Length}");

    /// <summary>Empty input is "not assigned yet" (null); anything else must be a plausible KPJ.</summary>
    public static Result<Kpj?> ParseOptional(string? input) =>
        string.IsNullOrWhiteSpace(input) ? Result<Kpj?>.Ok(null) : Parse(input).Map<Kpj?>(k => k);

    public override string ToString() => Value;
}
