using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kapuas.Admin.Tests;

/// <summary>
/// English throughout, checked on the sources: every text of the site has both languages with the same placeholders,
/// every key a page asks for exists, and no page writes a user-facing word in its markup or its messages instead of
/// taking it from the resources.
/// </summary>
public sealed partial class ResourceCoverageTests
{
    /// <summary>Words that read the same in both languages: programme names, abbreviations, product names.</summary>
    private static readonly HashSet<string> SameInBothLanguages = new(StringComparer.Ordinal)
    {
        "NIK", "KPJ", "BPJS", "Ketenagakerjaan", "JKK", "JKM", "PKS", "APBD", "APBDes", "WIB", "Rp", "CSV", "XLSX", "PDF", "API",
        "ID", "Kapuas", "Actors", "Hangfire", "Orleans", "OK", "nbsp", "middot", "mdash", "ndash", "rarr", "larr", "times",
    };

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kapuas.Actors.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Kapuas.Actors.sln not found above the test's folder.");
    }

    private static string Site => Path.Combine(Root(), "Admin", "Kapuas.Admin");

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(Path.Combine(Site, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static IEnumerable<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal);

    [Fact]
    public void Every_text_of_the_site_has_both_languages_with_the_same_placeholders()
    {
        var indonesian = Texts("SharedResource.resx");
        var english = Texts("SharedResource.en.resx");
        var problems = new List<string>();
        problems.AddRange(indonesian.Keys.Except(english.Keys).Select(k => $"{k}: no English text"));
        problems.AddRange(english.Keys.Except(indonesian.Keys).Select(k => $"{k}: English only (no Bahasa Indonesia text)"));
        foreach (var (key, text) in indonesian)
        {
            if (text.Trim().Length == 0 || (english.TryGetValue(key, out var en) && en.Trim().Length == 0))
            {
                problems.Add($"{key}: empty text");
            }
            else if (english.TryGetValue(key, out var other) && !Placeholders(text).SequenceEqual(Placeholders(other)))
            {
                problems.Add($"{key}: placeholders differ ({string.Join(",", Placeholders(text))} vs {string.Join(",", Placeholders(other))})");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_key_a_page_asks_for_exists()
    {
        var keys = Texts("SharedResource.resx").Keys.ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Site, "*.cs*", SearchOption.AllDirectories).Where(IsSource))
        {
            foreach (Match m in KeyUse().Matches(File.ReadAllText(file)))
            {
                if (!keys.Contains(m.Groups[1].Value))
                {
                    missing.Add($"{Path.GetRelativePath(Site, file)}: {m.Groups[1].Value}");
                }
            }

            foreach (Match m in DynamicKeyUse().Matches(File.ReadAllText(file)))
            {
                if (!keys.Any(k => k.StartsWith(m.Groups[1].Value, StringComparison.Ordinal) && k.Length > m.Groups[1].Value.Length))
                {
                    missing.Add($"{Path.GetRelativePath(Site, file)}: {m.Groups[1].Value}…");
                }
            }
        }

        Assert.True(missing.Count == 0, "Keys without a text:\n" + string.Join("\n", missing.Distinct()));
    }

    [Fact]
    public void No_page_writes_a_user_facing_word_in_its_markup()
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Site, "Pages"), "*.cshtml", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            var codeDepth = 0; // inside a multi-line @{ ... } or @functions { ... } block: C#, not markup
            for (var i = 0; i < lines.Length; i++)
            {
                var trimmed = lines[i].Trim();
                if (codeDepth > 0 || trimmed is "@{" or "@functions {" or "@functions")
                {
                    codeDepth += trimmed.Count(c => c == '{') - trimmed.Count(c => c == '}');
                    continue;
                }

                foreach (var word in LiteralWords(lines[i]))
                {
                    found.Add($"{Path.GetRelativePath(Site, file)}:{i + 1}: \"{word}\" in: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(found.Count == 0, "Words written in the markup instead of the resources:\n" + string.Join("\n", found));
    }

    [Fact]
    public void No_page_model_sets_a_literal_message()
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Site, "Pages"), "*.cshtml.cs", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (LiteralMessage().IsMatch(lines[i]))
                {
                    found.Add($"{Path.GetRelativePath(Site, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(found.Count == 0, "Messages written in the code instead of the resources:\n" + string.Join("\n", found));
    }

    /// <summary>The scanner itself: it finds a word in markup and in an attribute, and lets Razor code and keys through.</summary>
    [Theory]
    [InlineData("<p>Belum ada klaim.</p>", "Belum")]
    [InlineData("<th>@T[\"Name\"]</th><th>Hubungan</th>", "Hubungan")]
    [InlineData("<input placeholder=\"cari nama\" />", "cari")]
    [InlineData("<button type=\"submit\">Simpan</button>", "Simpan")]
    [InlineData("<option value=\"\">pilih</option>", "pilih")]
    [InlineData("@foreach (var x in Model.Rows) { <td>@x.Name</td> } <td>ya</td>", "ya")]
    public void The_scanner_finds_literal_words(string line, string word) => Assert.Contains(word, LiteralWords(line));

    [Theory]
    [InlineData("<p>@T[\"ClaimFileDraft\"]</p>")]
    [InlineData("<td>@Formatting.Rupiah(row.Amount)</td><td>@(x ? T[\"Yes\"] : T[\"No\"])</td>")]
    [InlineData("<a asp-page=\"/Claims/File\" asp-route-worker=\"@c.WorkerId\" class=\"inline\">@T[\"ClaimFileLink\"]</a>")]
    [InlineData("@foreach (var section in d.Sections)")]
    [InlineData("<p>NIK @Model.Worker.NikMasked · Rp 16.800 · JKK + JKM</p>")]
    [InlineData("<p><code>nama,nik,desa</code></p>")]
    [InlineData("    }")]
    [InlineData("    var missing = c.Documents.Where(d => d.Blocking).ToList();")]
    public void The_scanner_lets_code_and_keys_through(string line) => Assert.Empty(LiteralWords(line));

    private static bool IsSource(string path) =>
        (path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".cshtml", StringComparison.Ordinal))
        && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    /// <summary>The words of a markup line that are neither Razor code, a resource key, nor the same in both languages.</summary>
    private static IReadOnlyList<string> LiteralWords(string line)
    {
        var text = line.Trim();
        if (text.StartsWith("@*", StringComparison.Ordinal) || CodeLine().IsMatch(text))
        {
            return [];
        }

        text = CodeBlock().Replace(text, " ");
        text = RemoveRazorExpressions(text);
        var words = new List<string>();
        foreach (Match tag in Tag().Matches(text))
        {
            foreach (Match attribute in UserFacingAttribute().Matches(tag.Value))
            {
                words.AddRange(Words(attribute.Groups[2].Value));
            }
        }

        text = Code().Replace(text, " ");
        text = Tag().Replace(text, " ");
        words.AddRange(Words(text));
        return words;
    }

    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value).Where(w => !SameInBothLanguages.Contains(w));

    /// <summary>Takes out <c>@(...)</c>, <c>@T[...]</c> and <c>@a.b(c)[d]</c> chains with their balanced brackets.</summary>
    private static string RemoveRazorExpressions(string text)
    {
        var output = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '@' || i + 1 >= text.Length)
            {
                output.Append(text[i]);
                continue;
            }

            var j = i + 1;
            if (text[j] == '(')
            {
                j = SkipBalanced(text, j);
            }
            else if (char.IsLetter(text[j]) || text[j] == '_')
            {
                var keyword = ControlKeyword().Match(text, j);
                if (keyword.Success)
                {
                    // @if (...), @foreach (...), @await Expression(...): the condition or the awaited call goes with it.
                    j = keyword.Index + keyword.Length;
                    if (keyword.Groups[1].Value != "await")
                    {
                        j = SkipBalanced(text, j);
                        }
                }

                while (j < text.Length)
                {
                    if (char.IsLetterOrDigit(text[j]) || text[j] == '_' || (text[j] == '.' && j + 1 < text.Length && char.IsLetter(text[j + 1])))
                    {
                        j++;
                    }
                    else if (text[j] is '(' or '[')
                    {
                        j = SkipBalanced(text, j);
                    }
                    else
                    {
                        break;
                    }
                }
            }

            output.Append(' ');
            i = j - 1;
        }

        return output.ToString();
    }

    private static int SkipBalanced(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' && (i == 0 || text[i - 1] != '\\'))
            {
                inString = !inString;
            }
            else if (!inString && c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (!inString && c is ')' or ']' or '}' && --depth == 0)
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    /// <summary>A line that is C# rather than markup: directives, control flow, braces, statements.</summary>
    [GeneratedRegex(@"^(@(page|model|using|inject|namespace|addTagHelper|\{|foreach|for|if|switch|while|section)\b.*(?<!>)$|[{}]+$|\} ?else\b.*|else\b.*|(var|case|return|break|default)\b.*|.*;$|//.*|@\{$)")]
    private static partial Regex CodeLine();

    /// <summary>Inline code blocks inside markup: <c>@{ ... }</c> and the braces of <c>@if (...) { ... }</c>.</summary>
    [GeneratedRegex(@"@(if|foreach|for|else|switch)\s*(\([^{]*\))?\s*\{|\}\s*else\s*(if\s*\([^{]*\))?\s*\{|^\}|\}$|\{\s*(?=<)|(?<=>)\s*\}")]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"<code>.*?</code>|<script.*?</script>|&[a-z]+;|&#\d+;")]
    private static partial Regex Code();

    [GeneratedRegex(@"\G(if|foreach|for|while|switch|using|await)\s*(?=[(A-Za-z])")]
    private static partial Regex ControlKeyword();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\b(placeholder|title|aria-label|alt)=""([^""]*)""")]
    private static partial Regex UserFacingAttribute();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\b(?:T|text|localizer|Text)\[""([A-Za-z0-9_.]+)""\s*[\],]")]
    private static partial Regex KeyUse();

    /// <summary>A key built from a prefix and a value (<c>T["Membership" + status]</c>): some key must start with the prefix.</summary>
    [GeneratedRegex(@"\b(?:T|text|localizer|Text)\[""([A-Za-z0-9_.]+)""\s*\+")]
    private static partial Regex DynamicKeyUse();

    /// <summary>A model error, a flash message or a status set from a string literal rather than a resource.</summary>
    [GeneratedRegex(@"(AddModelError\([^;]*,\s*\$?""[^""]*\p{L}+\s+\p{L}+|TempData\[""\w+""\]\s*=\s*\$?""[^""]*\p{L}+\s+\p{L}+|(Message|Warning|Status)\s*=\s*\$?""[^""]*\p{L}+\s+\p{L}+)")]
    private static partial Regex LiteralMessage();
}
