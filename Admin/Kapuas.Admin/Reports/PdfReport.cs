using System.Globalization;
using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Kapuas.Admin.Reports;

/// <summary>
/// A plain A4 report of headings and lines of text, with page breaks and page numbers. The standard PDF fonts cover
/// Latin text only: other characters are written without their accents or as '?'.
/// </summary>
public sealed class PdfReport
{
    private const double Left = 40;
    private const double Top = 800;
    private const double Bottom = 50;
    private const int MaxChars = 110;

    private readonly List<(string Text, bool Heading)> lines = [];

    public PdfReport Heading(string text)
    {
        lines.Add(("", false));
        lines.Add((text, true));
        return this;
    }

    public PdfReport Line(string text)
    {
        foreach (var part in Wrap(text))
        {
            lines.Add((part, false));
        }

        return this;
    }

    public byte[] Build(string title, string footer)
    {
        using var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var pages = new List<PdfPageBuilder>();
        PdfPageBuilder page = null!;
        var y = 0.0;
        void NewPage()
        {
            page = builder.AddPage(PageSize.A4);
            pages.Add(page);
            page.AddText(Safe(title), 13, new PdfPoint(Left, Top), bold);
            y = Top - 24;
        }

        NewPage();
        foreach (var (text, heading) in lines)
        {
            if (y < Bottom + (heading ? 30 : 0))
            {
                NewPage();
            }

            if (text.Length > 0)
            {
                page.AddText(Safe(text), heading ? 11 : 9, new PdfPoint(Left, y), heading ? bold : regular);
            }

            y -= heading ? 16 : 12;
        }

        for (var i = 0; i < pages.Count; i++)
        {
            pages[i].AddText(Safe($"{footer} · halaman {(i + 1).ToString(CultureInfo.InvariantCulture)} dari {pages.Count.ToString(CultureInfo.InvariantCulture)}"),
                7, new PdfPoint(Left, 25), regular);
        }

        return builder.Build();
    }

    private static IEnumerable<string> Wrap(string text)
    {
        var rest = text.ReplaceLineEndings(" ");
        while (rest.Length > MaxChars)
        {
            var cut = rest.LastIndexOf(' ', MaxChars);
            cut = cut <= 0 ? MaxChars : cut;
            yield return rest[..cut];
            rest = rest[cut..].TrimStart();
        }

        yield return rest;
    }

    /// <summary>Text the standard fonts can draw: accents dropped, typographic signs replaced, the rest as '?'.</summary>
    public static string Safe(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace('×', 'x').Replace('–', '-').Replace('—', '-').Replace('·', '|').Replace('≥', '>').Replace('≤', '<')
                     .Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return builder.ToString();
    }
}
