namespace Kapuas.Domain.Common;

/// <summary>
/// Names of people and places are plain text: angle brackets (markup) are refused where they are entered, so that no
/// page, export or letter ever has to carry them. Free text (chronologies, notes) may contain them and is encoded.
/// </summary>
public static class PlainText
{
    public static bool HasMarkup(string? text) => text is not null && text.AsSpan().IndexOfAny('<', '>') >= 0;

    public static DomainError MarkupError(string label) =>
        new("text.markup", $"{label} tidak boleh berisi tanda < atau >.");
}
