using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;

namespace Kapuas.Domain.Continuity;

/// <summary>
/// The installation's decision on how masa iur is counted for the JKM scholarship (bpjs-rules.md §3.4): the reading
/// BPJS KC Kapuas confirmed in writing, with the letter that says so.
/// </summary>
public sealed record MasaIurDecision(MasaIurReading Reading, string LetterNumber, DateOnly LetterDate, string? Note)
{
    /// <summary>The name the decision is stored under.</summary>
    public const string Key = "masa_iur_reading";

    public const int MaxLetterNumber = 100;
    public const int MaxNote = 500;

    public static Result<MasaIurDecision> Create(MasaIurReading? reading, string? letterNumber, DateOnly? letterDate, string? note, DateOnly today)
    {
        if (reading is not (MasaIurReading.SinceLastLapse or MasaIurReading.Cumulative))
        {
            return new DomainError("decision.reading");
        }

        var number = letterNumber?.Trim() ?? "";
        if (number.Length == 0 || number.Length > MaxLetterNumber || PlainText.HasMarkup(number))
        {
            return new DomainError("decision.letter_number", $"{MaxLetterNumber}");
        }

        if (letterDate is not { } date || date > today || date.Year < 2015)
        {
            return new DomainError("decision.letter_date");
        }

        var trimmed = note?.Trim();
        if (trimmed is { Length: > MaxNote } || PlainText.HasMarkup(trimmed))
        {
            return new DomainError("decision.note", $"{MaxNote}");
        }

        return new MasaIurDecision(reading.Value, number, date, string.IsNullOrEmpty(trimmed) ? null : trimmed);
    }
}

/// <summary>The decisions an administrator recorded for the installation, as the rules need them.</summary>
public sealed record InstallationDecisions(MasaIurReading Reading, string? LetterNumber, DateOnly? LetterDate, string? RecordedBy, DateTimeOffset? RecordedAt)
{
    public static InstallationDecisions None { get; } = new(MasaIurReading.Undecided, null, null, null, null);
}
