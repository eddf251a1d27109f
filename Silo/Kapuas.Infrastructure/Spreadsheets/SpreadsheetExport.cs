using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Kapuas.Domain.Common;

namespace Kapuas.Infrastructure.Spreadsheets;

/// <summary>
/// Writes tables as CSV (UTF-8 with BOM, semicolon-separated so Indonesian Excel opens it in columns) and as XLSX.
/// Every text cell is neutralised against formula injection; XLSX cells are written as text, never as formulas.
/// </summary>
public static class SpreadsheetExport
{
    public static byte[] Csv(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        AppendLine(text, header);
        foreach (var row in rows)
        {
            AppendLine(text, row);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(header));
            foreach (var row in rows)
            {
                data.Append(Row(row));
            }

            worksheet.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = sheetName.Length > 31 ? sheetName[..31] : sheetName });
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A workbook of several sheets, each a list of rows. A cell that is a number (<see cref="long"/>, <see cref="int"/>,
    /// <see cref="decimal"/>) is written as a number a spreadsheet can add up; anything else as neutralised text; null as
    /// an empty cell.
    /// </summary>
    public static byte[] Workbook(IEnumerable<(string Name, IEnumerable<IReadOnlyList<object?>> Rows)> sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var list = workbook.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var (name, rows) in sheets)
            {
                var worksheet = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                foreach (var row in rows)
                {
                    var cells = new Row();
                    foreach (var value in row)
                    {
                        cells.Append(Cell(value));
                    }

                    data.Append(cells);
                }

                worksheet.Worksheet = new Worksheet(data);
                list.Append(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = id++, Name = name.Length > 31 ? name[..31] : name });
            }

            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Cell Cell(object? value) => value switch
    {
        null => new Cell(),
        long or int or decimal => new Cell
        {
            DataType = CellValues.Number,
            CellValue = new CellValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!),
        },
        _ => new Cell
        {
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(SpreadsheetText.Neutralise(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)))
            {
                Space = SpaceProcessingModeValues.Preserve,
            }),
        },
    };

    private static Row Row(IReadOnlyList<string?> cells)
    {
        var row = new Row();
        foreach (var value in cells)
        {
            row.Append(new Cell
            {
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(SpreadsheetText.Neutralise(value)) { Space = SpaceProcessingModeValues.Preserve }),
            });
        }

        return row;
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(';');
            }

            var value = SpreadsheetText.Neutralise(cells[i]);
            if (value.IndexOfAny([';', '"', '\r', '\n', ',']) >= 0)
            {
                text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(value);
            }
        }

        text.Append("\r\n");
    }
}
