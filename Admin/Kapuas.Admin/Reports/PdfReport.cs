using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Kapuas.Admin.Reports;

/// <summary>
/// A plain A4 document of headings, lines of text and simple table rows, with page breaks and page numbers, written by
/// PDFsharp in DejaVu Sans (Debian's fonts-dejavu-core), embedded: Indonesian names with accents, the rupiah sign and
/// typographic characters come out as written, where the standard PDF fonts dropped them.
/// </summary>
public sealed class PdfReport
{
    private const double Left = 40;
    private const double Right = 555;
    private const double Top = 42;
    private const double Bottom = 790;
    private const double CharWidth = 4.9; // DejaVu Sans 9 pt, an average character: enough to wrap without measuring

    private enum Kind
    {
        Line,
        Bold,
        Heading,
        Row,
        HeaderRow,
        PageBreak,
    }

    private readonly List<(Kind Kind, string[] Cells, double[] Widths)> blocks = [];

    static PdfReport() => DejaVuFonts.Install();

    public PdfReport Heading(string text)
    {
        blocks.Add((Kind.Line, [""], []));
        blocks.Add((Kind.Heading, [text], []));
        return this;
    }

    public PdfReport Line(string text) => Add(Kind.Line, text);

    public PdfReport Bold(string text) => Add(Kind.Bold, text);

    public PdfReport Blank() => Add(Kind.Line, "");

    /// <summary>The rest goes on a new page.</summary>
    public PdfReport PageBreak()
    {
        blocks.Add((Kind.PageBreak, [], []));
        return this;
    }

    /// <summary>A table row: each cell wrapped within its share of the line (<paramref name="widths"/>, in points, add up to at most 515).</summary>
    public PdfReport Row(double[] widths, params string[] cells) => AddRow(Kind.Row, widths, cells);

    public PdfReport HeaderRow(double[] widths, params string[] cells) => AddRow(Kind.HeaderRow, widths, cells);

    private PdfReport AddRow(Kind kind, double[] widths, string[] cells)
    {
        if (widths.Length != cells.Length || widths.Sum() > Right - Left + 0.01)
        {
            throw new ArgumentException("One width per cell, within the page.", nameof(widths));
        }

        blocks.Add((kind, cells, widths));
        return this;
    }

    private PdfReport Add(Kind kind, string text)
    {
        blocks.Add((kind, [text], []));
        return this;
    }

    /// <summary>The PDF; <paramref name="title"/> heads every page when given (a letter starts with its own letterhead instead).</summary>
    public byte[] Build(string title, string footer, bool titleOnEveryPage = true)
    {
        using var document = new PdfDocument();
        document.Info.Title = title;
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var titleFont = new XFont(DejaVuFonts.Family, 13, XFontStyleEx.Bold, options);
        var headingFont = new XFont(DejaVuFonts.Family, 11, XFontStyleEx.Bold, options);
        var regular = new XFont(DejaVuFonts.Family, 9, XFontStyleEx.Regular, options);
        var bold = new XFont(DejaVuFonts.Family, 9, XFontStyleEx.Bold, options);
        var small = new XFont(DejaVuFonts.Family, 7, XFontStyleEx.Regular, options);
        var pages = new List<PdfPage>();
        XGraphics? graphics = null;
        var y = 0.0;
        void NewPage()
        {
            graphics?.Dispose();
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            pages.Add(page);
            graphics = XGraphics.FromPdfPage(page);
            y = Top;
            if (titleOnEveryPage)
            {
                graphics.DrawString(title, titleFont, XBrushes.Black, new XPoint(Left, Top));
                y = Top + 24;
            }
        }

        NewPage();
        foreach (var (kind, cells, widths) in blocks)
        {
            if (kind == Kind.PageBreak)
            {
                NewPage();
                continue;
            }

            var font = kind switch { Kind.Heading => headingFont, Kind.Bold or Kind.HeaderRow => bold, _ => regular };
            var step = kind == Kind.Heading ? 16 : 12;
            var columns = widths.Length == 0 ? [Right - Left] : widths;
            var wrapped = cells.Select((c, i) => Wrap(c, (int)(columns[i] / CharWidth) - 1).ToList()).ToList();
            var height = wrapped.Max(w => w.Count) * step;
            if (y + height > Bottom + (kind == Kind.Heading ? -30 : 0))
            {
                NewPage();
            }

            var x = Left;
            for (var i = 0; i < wrapped.Count; i++)
            {
                for (var j = 0; j < wrapped[i].Count; j++)
                {
                    if (wrapped[i][j].Length > 0)
                    {
                        graphics!.DrawString(wrapped[i][j], font, XBrushes.Black, new XPoint(x, y + j * step));
                    }
                }

                x += columns[i];
            }

            if (kind == Kind.HeaderRow)
            {
                graphics!.DrawLine(XPens.Gray, Left, y + height - step + 3, Right, y + height - step + 3);
            }

            y += height + (kind is Kind.Row or Kind.HeaderRow ? 2 : 0);
        }

        graphics?.Dispose();
        for (var i = 0; i < pages.Count; i++)
        {
            using var footerGraphics = XGraphics.FromPdfPage(pages[i], XGraphicsPdfPageOptions.Append);
            footerGraphics.DrawString(
                $"{footer} · halaman {(i + 1).ToString(CultureInfo.InvariantCulture)} dari {pages.Count.ToString(CultureInfo.InvariantCulture)}",
                small, XBrushes.Black, new XPoint(Left, 818));
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static IEnumerable<string> Wrap(string text, int maxChars)
    {
        maxChars = Math.Max(maxChars, 8);
        var rest = text.ReplaceLineEndings(" ");
        while (rest.Length > maxChars)
        {
            var cut = rest.LastIndexOf(' ', maxChars);
            cut = cut <= 0 ? maxChars : cut;
            yield return rest[..cut];
            rest = rest[cut..].TrimStart();
        }

        yield return rest;
    }
}

/// <summary>
/// PDFsharp's fonts on Linux: DejaVu Sans regular and bold from Debian's fonts-dejavu-core (installed by run.sh and
/// test.sh), embedded into each PDF. Any family asked for is answered with DejaVu Sans.
/// </summary>
public sealed class DejaVuFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    public const string Folder = "/usr/share/fonts/truetype/dejavu";

    private static readonly Lock Gate = new();
    private static bool installed;

    public static void Install()
    {
        lock (Gate)
        {
            if (!installed)
            {
                GlobalFontSettings.FontResolver ??= new DejaVuFonts();
                installed = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        var path = Path.Combine(Folder, faceName + ".ttf");
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new InvalidOperationException($"Huruf {path} tidak ada: pasang paket Debian fonts-dejavu-core. ({path} missing: install fonts-dejavu-core.)");
    }
}
