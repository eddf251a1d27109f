using System.Globalization;
using System.Text.RegularExpressions;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Family;
using Kapuas.Domain.Import;
using Kapuas.Domain.Workers;

namespace Kapuas.Domain.Tests;

/// <summary>
/// The rules' texts in both languages: every key has a text in Bahasa Indonesia and in English with the same
/// placeholders, every key the code uses exists, no refusal or phrase is built from a sentence written in the code, and
/// texts render in the language asked for (the current UI culture by default).
/// </summary>
public sealed partial class DomainTextTests
{
    private static readonly CultureInfo Indonesian = DomainText.Indonesian;
    private static readonly CultureInfo English = DomainText.English;

    // ---- (a) both languages ---------------------------------------------------------------------------------------

    [Fact]
    public void Every_text_has_both_languages_with_the_same_placeholders()
    {
        Assert.Empty(Differences(DomainText.All(Indonesian), DomainText.All(English)));
    }

    [Fact]
    public void The_language_check_sees_a_missing_text_and_a_placeholder_that_differs()
    {
        var id = new Dictionary<string, string> { ["a.b"] = "Satu {0}.", ["a.c"] = "Dua {0} {1}.", ["a.d"] = "Tiga.", ["a.f"] = "Enam." };
        var en = new Dictionary<string, string> { ["a.b"] = "One {0}.", ["a.c"] = "Two {0}.", ["a.d"] = " ", ["a.e"] = "Five." };

        Assert.Equal(["a.c: placeholders differ", "a.d: English text is empty", "a.e: not in Indonesian", "a.f: not in English"],
            Differences(id, en).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void There_are_texts_in_both_resource_files()
    {
        Assert.True(DomainText.All(Indonesian).Count > 300);
        Assert.True(DomainText.All(English).Count > 300);
        Assert.Equal("NIK wajib diisi.", DomainText.All(Indonesian)["nik.required"]);
        Assert.Equal("The NIK is required.", DomainText.All(English)["nik.required"]);
    }

    private static List<string> Differences(IReadOnlyDictionary<string, string> id, IReadOnlyDictionary<string, string> en)
    {
        var found = new List<string>();
        foreach (var (key, text) in id)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                found.Add($"{key}: Indonesian text is empty");
            }

            if (!en.TryGetValue(key, out var english))
            {
                found.Add($"{key}: not in English");
            }
            else if (string.IsNullOrWhiteSpace(english))
            {
                found.Add($"{key}: English text is empty");
            }
            else if (!Placeholders(text).SetEquals(Placeholders(english)))
            {
                found.Add($"{key}: placeholders differ");
            }
        }

        found.AddRange(en.Keys.Where(k => !id.ContainsKey(k)).Select(k => $"{k}: not in Indonesian"));
        return found;
    }

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    // ---- (b) every key the code uses ------------------------------------------------------------------------------

    [Fact]
    public void Every_key_the_code_uses_has_a_text_in_both_languages()
    {
        var uses = KeysUsed().ToList();
        Assert.True(uses.Count > 300, $"Only {uses.Count} uses of text keys found: the scan misses them.");
        var missing = uses
            .Where(u => !DomainText.All(Indonesian).ContainsKey(u.Key) || !DomainText.All(English).ContainsKey(u.Key))
            .Select(u => $"{u.File}:{u.Line}: {u.Key}")
            .ToList();
        Assert.True(missing.Count == 0, "Keys without a text:" + Environment.NewLine + string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Every_closed_set_word_has_a_text_in_both_languages()
    {
        IEnumerable<string> Keys<T>(string prefix) where T : struct, Enum => Enum.GetValues<T>().Select(v => $"{prefix}.{v}");
        var keys = Keys<ClaimState>("claim.state").Concat(Keys<ClaimType>("claim.type")).Concat(Keys<ReporterKind>("reporter"))
            .Concat(Keys<Relationship>("relationship")).Concat(Keys<ScholarshipEndReason>("scholarship.end"))
            .Concat(Keys<MasaIurReading>("masa_iur.reading")).Concat(Keys<RosterColumn>("roster.column")).Concat(Keys<Sex>("sex"))
            .Concat(Keys<MembershipStatus>("membership.status")).Concat(Keys<ExitReason>("exit.reason")).Concat(Keys<FundingKind>("funding"))
            .Concat(Keys<DocumentKind>("document.kind")).Concat(Keys<AgreementStatus>("agreement.status")).Concat(Keys<OccupationKind>("occupation"));
        var missing = keys.Where(k => !DomainText.All(Indonesian).ContainsKey(k) || !DomainText.All(English).ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Fact]
    public void The_labels_speak_the_language_asked_for()
    {
        InCulture(English, () =>
        {
            Assert.Equal("submitted to BPJS", ClaimStateMachine.Label(ClaimState.SubmittedToBpjs));
            Assert.Equal("JKM death", Claim.TypeLabel(ClaimType.JkmDeath));
            Assert.Equal("child", FamilyMember.Label(Relationship.Child));
            Assert.Equal("Fisher", Occupation.Of(OccupationKind.Nelayan).Label);
            Assert.Equal("Date of Birth", RosterHeader.Label(RosterColumn.TanggalLahir));
            Assert.Equal("Family card (KK)", DocumentChecklist.Label(DocumentKind.FamilyCard));
        });
        InCulture(Indonesian, () =>
        {
            Assert.Equal("diajukan ke BPJS", ClaimStateMachine.Label(ClaimState.SubmittedToBpjs));
            Assert.Equal("Kartu Keluarga (KK)", DocumentChecklist.Label(DocumentKind.FamilyCard));
        });
    }

    private static IEnumerable<(string File, int Line, string Key)> KeysUsed()
    {
        foreach (var (file, text) in SourceFiles())
        {
            foreach (Match m in KeyUse().Matches(text))
            {
                yield return (file, LineOf(text, m.Index), m.Groups["key"].Value);
            }
        }
    }

    /// <summary>
    /// A text key in the code: the first argument of a refusal or phrase (<c>new DomainError("key"</c>,
    /// <c>new Phrase("key"</c>, <c>Phrase.Term("key")</c>, a target-typed <c>new("key"</c>, <c>Refuse("key"</c>,
    /// <c>Fail("key"</c>), a key given to a helper that builds one (<c>MarkupError</c>, <c>FormulaError</c>,
    /// <c>WithoutMinimum</c>, <c>Verdict</c>, <c>Text</c>, <c>DomainError.Of</c>, <c>RowProblem.Of</c>), or a constant
    /// holding one. A key is lower case, dotted, with an optional variant after '#'.
    /// </summary>
    [GeneratedRegex("""
        (?:new\s+(?:Common\.)?DomainError|new\s+(?:Common\.)?Phrase|Phrase\.Term|\bnew|\bRefuse|\bFail|MarkupError|FormulaError|WithoutMinimum
          |\bText|DomainError\.Of\([^,()]+,|RowProblem\.Of\([^,()]+,|Verdict\([^,()]+,|const\s+string\s+\w+\s*=)
        \s*\(?\s*"(?<key>[a-z][a-z_]*(?:\.[A-Za-z0-9_]+)+(?:\#[a-z_]+)?)"
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex KeyUse();

    // ---- (c) no message written in the code -----------------------------------------------------------------------

    [Fact]
    public void No_refusal_or_phrase_is_built_from_a_sentence_in_the_code()
    {
        var found = Constructions()
            .Where(c => BuiltFromText(c.Arguments))
            .Select(c => $"{c.File}:{c.Line}: {c.Call}")
            .ToList();
        Assert.True(found.Count == 0, "Messages written in the code:" + Environment.NewLine + string.Join(Environment.NewLine, found));
    }

    [Fact]
    public void The_sentence_check_recognises_what_it_forbids()
    {
        Assert.True(BuiltFromText(Arguments("""("nik.length", $"NIK harus 16 digit; yang diisi {text.Length} digit.")""")));
        Assert.True(BuiltFromText(Arguments("""("kpj.required", "Nomor KPJ wajib diisi.")""")));
        Assert.True(BuiltFromText(Arguments("""($"claim.{state}", "x")""")));
        Assert.True(BuiltFromText(Arguments("""("claim.closed", "Klaim " + number)""")));
        Assert.True(BuiltFromText(Arguments("""("kecamatan." + code)""")));
        Assert.False(BuiltFromText(Arguments("""("nik.length", $"{text.Length}")""")));
        Assert.False(BuiltFromText(Arguments("""("coverage.overlap", span.Period.ToString(), clash.Funding.LabelPhrase.AsArgument())""")));
        Assert.False(BuiltFromText(Arguments("""("incident.required", Phrase.Term("field.incident_place"))""")));
        Assert.False(BuiltFromText(Arguments("""("nik.date", $"{day:D2}/{month:D2}/{yy:D2}")""")));
        Assert.False(BuiltFromText(Arguments("""(SexKey(sex))""")));
        Assert.False(BuiltFromText(Arguments("""("heir.entitled", $"{rank}", Phrase.List(all.Select(m => new Phrase("heir.member", m.Name).AsArgument())))""")));
    }

    /// <summary>
    /// A message in the code: a literal or interpolated argument with words in it (a key is allowed only as the first
    /// argument, or inside <c>Phrase.Term</c>), or a first argument that is put together rather than written whole.
    /// </summary>
    private static bool BuiltFromText(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0)
        {
            return false;
        }

        var first = arguments[0].Trim();
        if (first.StartsWith("$\"", StringComparison.Ordinal) || (first.Contains('"', StringComparison.Ordinal) && first.Contains('+', StringComparison.Ordinal)))
        {
            return true;
        }

        // Every literal after the first argument must be free of words, unless it is a text key (a term, a nested phrase).
        foreach (var argument in arguments.Skip(1))
        {
            foreach (Match literal in Literal().Matches(argument))
            {
                if (KeyLiteral().IsMatch(literal.Value.Trim()))
                {
                    continue;
                }

                var words = Interpolation().Replace(literal.Groups["text"].Value, "");
                if (Words().IsMatch(words))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<(string File, int Line, string Call, IReadOnlyList<string> Arguments)> Constructions()
    {
        foreach (var (file, text) in SourceFiles())
        {
            foreach (Match m in Construction().Matches(text))
            {
                var open = m.Index + m.Length - 1;
                var close = Closing(text, open);
                if (close < 0)
                {
                    continue;
                }

                var call = text[m.Index..(close + 1)];
                var arguments = Arguments(text[open..(close + 1)]);
                // A target-typed new is a refusal or phrase only when its first argument is a text key; Refuse and Fail take a
                // message only in their old form, with a code as the first argument (else it is an error and a field name).
                var keyFirst = arguments.Count > 0 && LooksLikeKey(arguments[0]);
                if ((m.Value.StartsWith("new(", StringComparison.Ordinal) || m.Value.StartsWith("Refuse", StringComparison.Ordinal)
                     || m.Value.StartsWith("Fail", StringComparison.Ordinal)) && !keyFirst)
                {
                    continue;
                }

                yield return (file, LineOf(text, m.Index), Regex.Replace(call, @"\s+", " "), arguments);
            }
        }
    }

    private static bool LooksLikeKey(string argument) => KeyLiteral().IsMatch(argument.Trim()) || argument.TrimStart().StartsWith("$\"", StringComparison.Ordinal);

    [GeneratedRegex(@"new\s+(?:Common\.)?DomainError\s*\(|new\s+(?:Common\.)?Phrase\s*\(|(?<![\w.])new\(|\bRefuse\(|\bFail\(|DomainError\.Of\(")]
    private static partial Regex Construction();

    [GeneratedRegex("""^"[a-z][a-z_]*(\.[A-Za-z0-9_]+)+(#[a-z_]+)?"$""")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex("""(?<interpolated>\$)?@?"(?<text>(?:[^"\\]|\\.)*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Literal();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Words();

    /// <summary>The arguments of a call, from its opening to its closing parenthesis, split at top-level commas.</summary>
    private static List<string> Arguments(string call)
    {
        var arguments = new List<string>();
        var depth = 0;
        var start = 1;
        for (var i = 0; i < call.Length; i++)
        {
            var c = call[i];
            if (c == '"')
            {
                i = EndOfString(call, i);
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
                if (depth == 0)
                {
                    var last = call[start..i];
                    if (last.Trim().Length > 0)
                    {
                        arguments.Add(last);
                    }

                    break;
                }
            }
            else if (c == ',' && depth == 1)
            {
                arguments.Add(call[start..i]);
                start = i + 1;
            }
        }

        return arguments;
    }

    private static int Closing(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                i = EndOfString(text, i);
                continue;
            }

            if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the quote that closes the string opened at <paramref name="quote"/> (braces of an interpolation may hold strings).</summary>
    private static int EndOfString(string text, int quote)
    {
        var interpolated = quote > 0 && text[quote - 1] == '$';
        var braces = 0;
        for (var i = quote + 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '{' when interpolated:
                    braces++;
                    break;
                case '}' when interpolated:
                    braces--;
                    break;
                case '"' when braces > 0:
                    i = EndOfString(text, i);
                    break;
                case '"':
                    return i;
            }
        }

        return text.Length - 1;
    }

    // ---- (d) renderings -------------------------------------------------------------------------------------------

    [Fact]
    public void An_error_renders_in_either_language_with_its_arguments()
    {
        var error = new DomainError("nik.length", "15");

        Assert.Equal("nik.length", error.Code);
        Assert.Equal("NIK harus 16 digit; yang diisi 15 digit.", error.Text(Indonesian));
        Assert.Equal("The NIK must have 16 digits; 15 digits were entered.", error.Text(English));
        Assert.Equal("The NIK must have 16 digits; 15 digits were entered.", error.Text(CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal("NIK harus 16 digit; yang diisi 15 digit.", error.Text(CultureInfo.InvariantCulture));
        Assert.Equal("NIK harus 16 digit; yang diisi 15 digit.", error.Text(CultureInfo.GetCultureInfo("fr-FR")));
    }

    [Fact]
    public void A_term_inside_a_text_is_rendered_in_the_same_language()
    {
        var error = new DomainError("claim.illegal_transition", ClaimStateMachine.Term(ClaimState.Draft), ClaimStateMachine.Term(ClaimState.Paid),
            Phrase.List([ClaimStateMachine.Term(ClaimState.DocumentsIncomplete), ClaimStateMachine.Term(ClaimState.ReadyToSubmit), ClaimStateMachine.Term(ClaimState.Closed)]));

        Assert.Equal("Klaim berstatus draf tidak dapat diubah menjadi dibayar. Yang mungkin: dokumen belum lengkap, siap diajukan, ditutup.",
            error.Text(Indonesian));
        Assert.Equal("A claim with the status “draft” cannot be changed to “paid”. Possible: documents incomplete, ready to submit, closed.", error.Text(English));
    }

    [Fact]
    public void A_phrase_inside_a_phrase_keeps_its_own_arguments()
    {
        var funding = Funding.Agreement("PKS-2026").LabelPhrase;
        var overlap = new DomainError("coverage.overlap", "01/01/2026–31/12/2026", "01/03/2026–30/06/2026", funding.AsArgument());

        Assert.Equal("Periode 01/01/2026–31/12/2026 tumpang tindih dengan periode 01/03/2026–30/06/2026 (APBD Kabupaten Kapuas (PKS PKS-2026)).",
            overlap.Text(Indonesian));
        Assert.Equal("The period 01/01/2026–31/12/2026 overlaps the period 01/03/2026–30/06/2026 (Kapuas Regency APBD (PKS PKS-2026)).",
            overlap.Text(English));
    }

    [Fact]
    public void A_message_follows_the_current_ui_culture()
    {
        var error = new DomainError("kecamatan.required");

        InCulture(English, () => Assert.Equal("The kecamatan is required.", error.Message));
        InCulture(CultureInfo.GetCultureInfo("id-ID"), () => Assert.Equal("Kecamatan wajib diisi.", error.Message));
        InCulture(CultureInfo.InvariantCulture, () => Assert.Equal("Kecamatan wajib diisi.", error.Message));
        InCulture(English, () => Assert.Equal("kecamatan.required: The kecamatan is required.", error.ToString()));
    }

    [Fact]
    public void A_phrase_shows_in_the_current_ui_culture()
    {
        var phrase = new Phrase("coverage.explain.before_first", "15/06/2026");

        InCulture(English, () => Assert.Equal("Not covered yet; protection starts on 15/06/2026.", $"{phrase}"));
        InCulture(Indonesian, () => Assert.Equal("Belum terlindungi; perlindungan mulai 15/06/2026.", $"{phrase}"));
        Assert.Equal(new Phrase("coverage.explain.before_first", "15/06/2026"), phrase);
        Assert.NotEqual(new Phrase("coverage.explain.before_first", "16/06/2026"), phrase);
    }

    [Fact]
    public void A_variant_key_keeps_the_code()
    {
        var error = new DomainError("claim.reason_required#close");

        Assert.Equal("claim.reason_required", error.Code);
        Assert.Equal("Alasan penutupan klaim sebelum dibayar wajib diisi.", error.Text(Indonesian));
        Assert.Equal("A reason is required to close a claim before it is paid.", error.Text(English));
    }

    [Fact]
    public void User_data_is_never_read_as_a_key()
    {
        Assert.Equal("Kecamatan 'nik.length' tidak dikenal di Kabupaten Kapuas.", new DomainError("kecamatan.unknown", "nik.length").Text(Indonesian));
        var forged = "\u0001no.such_key\u0002";
        Assert.Equal($"Kecamatan '{forged}' tidak dikenal di Kabupaten Kapuas.", new DomainError("kecamatan.unknown", forged).Text(Indonesian));
        Assert.Equal("Kecamatan '\u0001nik.length' tidak dikenal di Kabupaten Kapuas.", new DomainError("kecamatan.unknown", "\u0001nik.length").Text(Indonesian));
    }

    [Fact]
    public void An_unknown_key_or_a_missing_argument_shows_what_there_is_and_does_not_throw()
    {
        Assert.Equal("no.such_key (a, b)", DomainText.Render("no.such_key", ["a", "b"], English));
        Assert.Equal("no.such_key", new DomainError("no.such_key").Message);
        Assert.Equal("NIK harus 16 digit; yang diisi {0} digit.", DomainText.Render("nik.length", [], Indonesian));
        Assert.Equal("Jeda {0} lebih dari {1} bulan sejak perlindungan berakhir {2}: tunggakan hanya dapat dibayar sampai {3}; kepesertaan berakhir ({4}). (x)",
            DomainText.Render("bridging.too_long", ["x"], Indonesian));
        Assert.False(DomainText.Has("no.such_key", English));
        Assert.True(DomainText.Has("nik.length", English));
    }

    [Fact]
    public void An_error_within_an_item_keeps_its_code_and_names_the_item_in_the_same_language()
    {
        var error = new DomainError("document.note_too_long", "500").Within(DocumentChecklist.Term(DocumentKind.KpjCard));

        Assert.Equal("document.note_too_long", error.Code);
        Assert.Equal("Kartu peserta BPJS Ketenagakerjaan (KPJ): Catatan paling panjang 500 karakter.", error.Text(Indonesian));
        Assert.Equal("BPJS Ketenagakerjaan participant card (KPJ): The note may have at most 500 characters.", error.Text(English));
    }

    [Fact]
    public void Errors_with_the_same_key_and_arguments_are_equal()
    {
        Assert.Equal(new DomainError("nik.length", "15"), new DomainError("nik.length", "15"));
        Assert.True(new DomainError("nik.length", "15") == new DomainError("nik.length", "15"));
        Assert.NotEqual(new DomainError("nik.length", "15"), new DomainError("nik.length", "14"));
        Assert.NotEqual(new DomainError("claim.reason_required"), new DomainError("claim.reason_required#close"));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static void InCulture(CultureInfo culture, Action check)
    {
        using var scope = DomainText.Use(culture);
        check();
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static IEnumerable<(string File, string Text)> SourceFiles()
    {
        var root = Root();
        foreach (var folder in new[] { "Grains", "Silo" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                var separator = Path.DirectorySeparatorChar;
                if (file.Contains($"{separator}obj{separator}", StringComparison.Ordinal) || file.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
                {
                    continue;
                }

                yield return (Path.GetRelativePath(root, file), StripComments(File.ReadAllText(file)));
            }
        }
    }

    /// <summary>The source without line comments (a comment may quote a message); strings are left as they are.</summary>
    private static string StripComments(string source) => LineComment().Replace(source, "");

    [GeneratedRegex("""^\s*//.*$""", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kapuas.Actors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Kapuas.Actors.sln not found.");
    }
}
