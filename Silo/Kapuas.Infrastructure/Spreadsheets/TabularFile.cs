using System.Text;
using nietras.SeparatedValues;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Kapuas.Domain.Common;

namespace Kapuas.Infrastructure.Spreadsheets;

/// <summary>A table read from a file: the header cells and the data rows, each with its row number in the file.</summary>
public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<TableRow> Rows, string Kind)
{
    /// <summary>SHA-256 of the file's bytes, in hex: the same file uploaded twice has the same value.</summary>
    public string Sha256 { get; init; } = "";
}

public sealed record TableRow(int Number, IReadOnlyList<string> Cells);

/// <summary>
/// Reads CSV (comma or semicolon separated; UTF-8 with or without BOM, else Windows-1252) and XLSX (first worksheet, through the
/// Open XML SDK) into a <see cref="Table"/>. Anything it cannot read safely is refused with a message in Bahasa
/// Indonesia: it never throws for a bad file.
/// </summary>
public static class TabularFile
{
    public const long MaxBytes = 20 * 1024 * 1024;
    public const int MaxColumns = 100;
    public const int MaxRows = 200_000;

    /// <summary>The kinds of file read: CSV in UTF-8, CSV in Windows-1252, Excel workbook.</summary>
    public const string CsvKind = "csv";

    public const string CsvWindows1252Kind = "csv-windows-1252";

    public const string XlsxKind = "xlsx";

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 is not available.");

    public static Result<Table> Read(Stream content, string fileName, long length)
    {
        if (length > MaxBytes)
        {
            return new DomainError("file.too_large#size", $"{length / 1024.0 / 1024.0:0.0}", $"{MaxBytes / 1024 / 1024}");
        }

        if (length == 0)
        {
            return new DomainError("file.empty");
        }

        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        var bytes = buffer.ToArray();
        if (bytes.Length > MaxBytes)
        {
            return new DomainError("file.too_large", $"{MaxBytes / 1024 / 1024}");
        }

        var sha = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes));
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var isZip = bytes.Length >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04;
        Result<Table> table = extension switch
        {
            ".xlsx" when isZip => ReadXlsx(bytes),
            ".xlsx" => new DomainError("file.not_xlsx"),
            ".csv" or ".txt" when isZip => new DomainError("file.not_csv"),
            ".csv" or ".txt" => ReadCsv(bytes),
            _ => new DomainError("file.type", extension),
        };
        return table.Map(t => t with { Sha256 = sha });
    }

    private static Result<Table> ReadCsv(byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return new DomainError("file.binary");
        }

        // UTF-8 first (Excel's "CSV UTF-8", LibreOffice); a file that is not valid UTF-8 is read as Windows-1252, what
        // Excel's plain "CSV (dipisah koma)" writes on Windows. Which one was used is part of the file's kind.
        string text;
        var kind = CsvKind;
        try
        {
            var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            text = Windows1252.GetString(bytes);
            kind = CsvWindows1252Kind;
        }

        var firstLine = text.AsSpan(0, Math.Min(text.Length, text.IndexOfAny(['\r', '\n']) is var n and >= 0 ? n : text.Length));
        var separator = firstLine.Count(';') > firstLine.Count(',') ? ';' : ',';
        return ParseCsv(text, separator, kind);
    }

    /// <summary>
    /// The quoting rules (RFC 4180: separators, doubled quotes and line breaks inside quotes) are Sep's; the checks on
    /// top are the project's: a quote never closed, too many columns or rows, blank lines skipped, each row's line.
    /// </summary>
    private static Result<Table> ParseCsv(string text, char separator, string kind)
    {
        var records = new List<TableRow>();
        IReadOnlyList<string>? header = null;
        using var reader = Sep.New(separator)
            .Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true })
            .FromText(text);
        foreach (var row in reader)
        {
            // Sep 0.17.1 numbers the first row's line as 2; every later row's is right.
            var line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;

            // Sep keeps reading to the end of the file inside a quote that is never closed: the last row then holds an
            // odd number of quotes. Read before the cells, which are unescaped in place.
            if (UnclosedQuoteLine(row.Span, line) is { } opened)
            {
                return new DomainError("file.unclosed_quote", $"{opened}");
            }

            if (row.ColCount > MaxColumns)
            {
                return new DomainError("file.too_many_columns#count", $"{line}", $"{row.ColCount}", $"{MaxColumns}");
            }

            var cells = new string[row.ColCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = row[i].ToString();
            }

            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue; // a blank line
            }

            if (header is null)
            {
                header = cells;
            }
            else if (records.Count >= MaxRows)
            {
                return new DomainError("file.too_many_rows", $"{MaxRows:N0}");
            }
            else
            {
                records.Add(new TableRow(line, cells));
            }
        }

        return Complete(header, records, kind);
    }

    /// <summary>The line where a quote opens that the row never closes, or null when its quotes pair up.</summary>
    private static int? UnclosedQuoteLine(ReadOnlySpan<char> raw, int firstLine)
    {
        var open = -1;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '"')
            {
                open = open < 0 ? i : -1;
            }
        }

        if (open < 0)
        {
            return null;
        }

        var before = raw[..open];
        return firstLine + before.Count('\n') + before.Count('\r') - before.Count("\r\n");
    }

    private static Result<Table> ReadXlsx(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart;
            var sheet = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || sheet?.Id?.Value is not { } relationship)
            {
                return new DomainError("file.no_sheet");
            }

            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var worksheet = (WorksheetPart)workbook.GetPartById(relationship);
            IReadOnlyList<string>? header = null;
            var records = new List<TableRow>();
            foreach (var xmlRow in worksheet.Worksheet.Descendants<Row>())
            {
                var number = (int)(xmlRow.RowIndex?.Value ?? (uint)(records.Count + 2));
                var cells = new List<string>();
                foreach (var cell in xmlRow.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    if (column >= MaxColumns)
                    {
                        return new DomainError("file.too_many_columns", $"{number}", $"{MaxColumns}");
                    }

                    while (cells.Count < column)
                    {
                        cells.Add("");
                    }

                    cells.Add(CellText(cell, shared));
                }

                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (header is null)
                {
                    header = cells;
                }
                else if (records.Count >= MaxRows)
                {
                    return new DomainError("file.too_many_rows", $"{MaxRows:N0}");
                }
                else
                {
                    records.Add(new TableRow(number, cells));
                }
            }

            return Complete(header, records, XlsxKind);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FormatException or System.Xml.XmlException or InvalidOperationException)
        {
            return new DomainError("file.corrupt");
        }
    }

    private static Result<Table> Complete(IReadOnlyList<string>? header, List<TableRow> records, string kind)
    {
        if (header is null)
        {
            return new DomainError("file.empty");
        }

        if (records.Count == 0)
        {
            return new DomainError("file.header_only");
        }

        return new Table([.. header.Select(h => h.Trim())], records, kind);
    }

    private static string CellText(Cell cell, List<string> shared)
    {
        var raw = cell.CellValue?.Text ?? cell.InlineString?.InnerText ?? "";
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(raw, out var index) && index >= 0 && index < shared.Count)
        {
            return shared[index];
        }

        return raw;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetterUpper(c))
            {
                break;
            }

            index = (index * 26) + (c - 'A' + 1);
            if (index > 16384)
            {
                return int.MaxValue;
            }
        }

        return index - 1;
    }
}
