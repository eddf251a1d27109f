using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Kapuas.Admin.Reports;

/// <summary>
/// A plain A4 report of headings and lines of text, with page breaks and page numbers, written by PDFsharp in DejaVu
/// Sans (Debian's fonts-dejavu-core), embedded: Indonesian names with accents, the rupiah sign and typographic
/// characters come out as written, where the standard PDF fonts dropped them.
/// </summary>
public sealed class PdfReport
{
    private const double Left = 40;
    private const double Top = 42;
    private const double Bottom = 790;
    private const int MaxChars = 105;

    private readonly List<(string Text, bool Heading)> lines = [];

    static PdfReport() => DejaVuFonts.Install();

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
        using var document = new PdfDocument();
        document.Info.Title = title;
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var titleFont = new XFont(DejaVuFonts.Family, 13, XFontStyleEx.Bold, options);
        var headingFont = new XFont(DejaVuFonts.Family, 11, XFontStyleEx.Bold, options);
        var regular = new XFont(DejaVuFonts.Family, 9, XFontStyleEx.Regular, options);
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
            graphics.DrawString(title, titleFont, XBrushes.Black, new XPoint(Left, Top));
            y = Top + 24;
        }

        NewPage();
        foreach (var (text, heading) in lines)
        {
            if (y > Bottom - (heading ? 30 : 0))
            {
                NewPage();
            }

            if (text.Length > 0)
            {
                graphics!.DrawString(text, heading ? headingFont : regular, XBrushes.Black, new XPoint(Left, y));
            }

            y += heading ? 16 : 12;
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
