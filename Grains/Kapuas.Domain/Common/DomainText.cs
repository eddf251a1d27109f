using System.Collections;
using System.Globalization;
using System.Resources;

namespace Kapuas.Domain.Common;

/// <summary>
/// The texts of the rules, in Bahasa Indonesia (<c>Resources/DomainText.resx</c>, the default) and English
/// (<c>DomainText.en.resx</c>), looked up by key. A text is a composite format (<c>{0}</c>, <c>{1}</c>…) filled with
/// arguments that are already formatted strings; an argument made by <see cref="Phrase.Term"/> or
/// <see cref="Phrase.AsArgument"/> is itself a text and is rendered in the same language. Nothing here throws on a
/// missing key or a bad argument list: a user sees the key and the arguments instead.
/// </summary>
public static class DomainText
{
    private static readonly ResourceManager Texts = new("Kapuas.Domain.Resources.DomainText", typeof(DomainText).Assembly);

    /// <summary>Bahasa Indonesia: the texts of the neutral resources, used for whatever is stored.</summary>
    public static CultureInfo Indonesian { get; } = CultureInfo.GetCultureInfo("id-ID");

    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");

    /// <summary>
    /// Until disposed, texts come in <paramref name="culture"/> (the UI culture is set, then put back). In an async
    /// method, call it in the method itself: the culture flows into what it awaits, not back out of a callee.
    /// </summary>
    public static IDisposable Use(CultureInfo culture) => new CultureScope(culture);

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo before = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo culture) => CultureInfo.CurrentUICulture = culture;

        public void Dispose() => CultureInfo.CurrentUICulture = before;
    }

    /// <summary>Whether <paramref name="key"/> has a text in <paramref name="culture"/>, its own or the Indonesian one it falls back to.</summary>
    public static bool Has(string key, CultureInfo culture) => Template(key, culture) is not null;

    /// <summary>The text for <paramref name="key"/> before its arguments are put in; null for an unknown key.</summary>
    public static string? Template(string key, CultureInfo culture) =>
        string.IsNullOrEmpty(key) ? null : Texts.GetString(key, culture);

    /// <summary>
    /// The text for <paramref name="key"/> in <paramref name="culture"/> (English where it has one, else Indonesian),
    /// with <paramref name="args"/> in its placeholders. An unknown key renders as the key followed by the arguments.
    /// </summary>
    public static string Render(string key, IReadOnlyList<string> args, CultureInfo culture)
    {
        var values = new object[args.Count];
        for (var i = 0; i < args.Count; i++)
        {
            values[i] = Argument(args[i], culture);
        }

        if (Template(key, culture) is not { } template)
        {
            return values.Length == 0 ? key : $"{key} ({string.Join(", ", values)})";
        }

        try
        {
            return values.Length == 0 ? template : string.Format(culture, template, values);
        }
        catch (FormatException)
        {
            // A text asking for more arguments than it was given: show it with what there is rather than fail a page.
            return values.Length == 0 ? template : $"{template} ({string.Join(", ", values)})";
        }
    }

    /// <summary>Every text of one language as its own resource file has it, without falling back (for tests and tools).</summary>
    public static IReadOnlyDictionary<string, string> All(CultureInfo culture)
    {
        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        // The neutral file is the invariant culture's; "id" and "id-ID" have no file of their own.
        var own = culture.TwoLetterISOLanguageName == "id" ? CultureInfo.InvariantCulture : culture;
        if (Texts.GetResourceSet(own, createIfNotExists: true, tryParents: false) is { } set)
        {
            foreach (DictionaryEntry entry in set)
            {
                if (entry.Key is string key && entry.Value is string value)
                {
                    texts[key] = value;
                }
            }
        }

        return texts;
    }

    /// <summary>An argument as shown: a phrase made by <see cref="Phrase.AsArgument"/> with a known key is rendered, anything else is shown as it is.</summary>
    private static string Argument(string arg, CultureInfo culture) =>
        Phrase.TryDecode(arg, out var phrase) && Has(phrase.Key, culture) ? phrase.Render(culture) : arg;
}
