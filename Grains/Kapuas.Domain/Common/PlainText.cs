namespace Kapuas.Domain.Common;

/// <summary>
/// Names of people and places are plain text: angle brackets (markup) are refused where they are entered, so that no
/// page, export or letter ever has to carry them. Free text (chronologies, notes) may contain them and is encoded.
/// </summary>
public static class PlainText
{
    public static bool HasMarkup(string? text) => text is not null && text.AsSpan().IndexOfAny('<', '>') >= 0;

    /// <summary>Refuses markup in the field named by the text key <paramref name="fieldKey"/> (e.g. <c>field.name</c>).</summary>
    public static DomainError MarkupError(string fieldKey) => new("text.markup", Phrase.Term(fieldKey));

    /// <summary>
    /// True when the text begins as a spreadsheet formula does (=, +, - or @): such a cell in a roster is a formula that
    /// leaked from the sheet, not a person's name or a village, and it would run when the data is exported again.
    /// </summary>
    public static bool StartsLikeFormula(string? text) => text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@';

    /// <summary>Refuses a formula-like start in the field named by the text key <paramref name="fieldKey"/>.</summary>
    public static DomainError FormulaError(string fieldKey) => new("text.formula", Phrase.Term(fieldKey));
}
