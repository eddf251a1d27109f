using System.Globalization;
using System.Text;

namespace Kapuas.Domain.Common;

/// <summary>
/// A text for a user as a key of <see cref="DomainText"/> and its arguments, rendered only when shown:
/// <see cref="ToString"/> in the current UI culture (so Razor's <c>@phrase</c> speaks the user's language),
/// <see cref="Render"/> in a given one. Arguments are strings already formatted as the rules write them
/// (<c>29/11/2026</c>, <c>Rp 16.800</c>). A closed-set word inside a text (a claim state, a document, a relationship)
/// is passed as <see cref="Term"/> and is rendered in the text's language; another phrase as an argument is passed
/// with <see cref="AsArgument"/>.
/// </summary>
public sealed class Phrase : IEquatable<Phrase>
{
    // An argument that is itself a phrase: Start, the key, each argument after Separator, End. The marks are control
    // characters that no form or import lets into a name or value; anything else is shown as it is.
    private const char Start = '\u0001';
    private const char End = '\u0002';
    private const char Separator = '\u001F';

    private readonly string[] args;

    public Phrase(string key, params string[] args)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Key = key;
        this.args = args is null ? [] : [.. args.Select(a => a ?? "")];
    }

    public string Key { get; }

    public IReadOnlyList<string> Args => args;

    /// <summary>A closed-set word or fixed text, as an argument of another phrase or error: rendered in its language.</summary>
    public static string Term(string key) => new Phrase(key).AsArgument();

    /// <summary>
    /// Several arguments as one, separated the way each language separates a list (<c>a, b, c</c>); empty for none.
    /// </summary>
    public static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count switch
        {
            0 => "",
            1 => all[0],
            _ => new Phrase("list.pair", all[0], List(all.Skip(1))).AsArgument(),
        };
    }

    /// <summary>This phrase as an argument of another one, rendered in the same language as the text it is put in.</summary>
    public string AsArgument()
    {
        var text = new StringBuilder().Append(Start).Append(Key);
        foreach (var arg in args)
        {
            text.Append(Separator).Append(arg);
        }

        return text.Append(End).ToString();
    }

    public string Render(CultureInfo culture) => DomainText.Render(Key, args, culture);

    /// <summary>The text in the current UI culture (the Admin sets it per request from the language cookie).</summary>
    public override string ToString() => Render(CultureInfo.CurrentUICulture);

    public bool Equals(Phrase? other) => other is not null && Key == other.Key && args.AsSpan().SequenceEqual(other.args);

    public override bool Equals(object? obj) => Equals(obj as Phrase);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Key, StringComparer.Ordinal);
        foreach (var arg in args)
        {
            hash.Add(arg, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Reads an argument made by <see cref="AsArgument"/>; false for plain text (user data is never read as a key).</summary>
    internal static bool TryDecode(string arg, out Phrase phrase)
    {
        phrase = null!;
        if (arg.Length < 3 || arg[0] != Start || arg[^1] != End)
        {
            return false;
        }

        var parts = new List<string>();
        var depth = 0;
        var from = 1;
        for (var i = 1; i < arg.Length - 1; i++)
        {
            switch (arg[i])
            {
                case Start:
                    depth++;
                    break;
                case End:
                    depth--;
                    if (depth < 0)
                    {
                        return false;
                    }

                    break;
                case Separator when depth == 0:
                    parts.Add(arg[from..i]);
                    from = i + 1;
                    break;
            }
        }

        if (depth != 0)
        {
            return false;
        }

        parts.Add(arg[from..^1]);
        var key = parts[0];
        if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '#'))
        {
            return false;
        }

        phrase = new Phrase(key, [.. parts.Skip(1)]);
        return true;
    }
}
