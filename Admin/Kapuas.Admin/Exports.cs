using Kapuas.Infrastructure.Spreadsheets;
using Microsoft.AspNetCore.Mvc;

namespace Kapuas.Admin;

/// <summary>Downloads of tables as CSV or XLSX (cells neutralised against spreadsheet formulas).</summary>
public static class Exports
{
    public static FileContentResult Spreadsheet(
        string? format, string sheet, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, string baseName) =>
        format == "xlsx"
            ? new FileContentResult(SpreadsheetExport.Xlsx(sheet, header, rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            {
                FileDownloadName = baseName + ".xlsx",
            }
            : new FileContentResult(SpreadsheetExport.Csv(header, rows), "text/csv; charset=utf-8") { FileDownloadName = baseName + ".csv" };
}
