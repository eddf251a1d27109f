using System.Globalization;
using System.Text.Json;
using Kapuas.Domain.Common;

namespace Kapuas.Infrastructure.Database;

/// <summary>
/// A text of the rules kept in a table: the Indonesian text in its own column and, beside it, the text key and
/// arguments as JSON (<c>{"key": "…", "args": […]}</c>), from which a reader's language is rendered. A row kept before
/// the key existed, or with a key this version does not know, shows the Indonesian text.
/// </summary>
public static class StoredText
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private sealed record Kept(string Key, string[] Args);

    /// <summary>The text in Bahasa Indonesia, for the text column.</summary>
    public static string? Indonesian(Phrase? phrase) => phrase?.Render(DomainText.Indonesian);

    /// <summary>The key and arguments, for the <c>jsonb</c> column beside it.</summary>
    public static string? KeyAndArgs(Phrase? phrase) => phrase is null ? null : JsonSerializer.Serialize(new Kept(phrase.Key, [.. phrase.Args]), Json);

    /// <summary>The text to show in <paramref name="culture"/>: rendered from the key when there is one this version knows, else as kept.</summary>
    public static string? Show(string? kept, string? keyAndArgs, CultureInfo culture)
    {
        if (keyAndArgs is null)
        {
            return kept;
        }

        try
        {
            return JsonSerializer.Deserialize<Kept>(keyAndArgs, Json) is { Key.Length: > 0 } phrase && DomainText.Has(phrase.Key, culture)
                ? DomainText.Render(phrase.Key, phrase.Args ?? [], culture)
                : kept;
        }
        catch (JsonException)
        {
            return kept;
        }
    }

    /// <summary>The text in the current UI culture (the Admin sets it per request).</summary>
    public static string? Show(string? kept, string? keyAndArgs) => Show(kept, keyAndArgs, CultureInfo.CurrentUICulture);

    /// <summary>
    /// A closed-set word kept as its Indonesian text alone (a deadline's name): shown in <paramref name="culture"/> when it is
    /// the text of a key starting with <paramref name="keyPrefix"/>, else as kept.
    /// </summary>
    public static string? ShowTerm(string? kept, string keyPrefix, CultureInfo culture)
    {
        if (kept is null)
        {
            return null;
        }

        var key = DomainText.All(DomainText.Indonesian)
            .FirstOrDefault(t => t.Key.StartsWith(keyPrefix, StringComparison.Ordinal) && t.Value == kept).Key;
        return key is null ? kept : DomainText.Render(key, [], culture);
    }
}
