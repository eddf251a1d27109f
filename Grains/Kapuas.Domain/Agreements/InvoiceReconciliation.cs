using System.Globalization;
using Kapuas.Domain.Common;
using Kapuas.Domain.Identity;

namespace Kapuas.Domain.Agreements;

/// <summary>One line of BPJS's invoice as read from its file: a NIK billed for a month.</summary>
public sealed record InvoiceLine(int Row, Nik Nik, YearMonth Month, string? Name);

public sealed record InvoiceRowError(int Row, string Column, string Value, string Reason);

public enum DifferenceKind
{
    /// <summary>BPJS bills a NIK our roster does not have for those months.</summary>
    BilledNotOnRoster,

    /// <summary>Our roster has the worker covered but BPJS does not bill them.</summary>
    OnRosterNotBilled,

    /// <summary>Both have the worker, for different months.</summary>
    DifferentMonths,
}

/// <summary>One NIK whose months differ between our bill and BPJS's invoice.</summary>
public sealed record InvoiceDifference(string Key, DifferenceKind Kind, IReadOnlyList<YearMonth> Ours, IReadOnlyList<YearMonth> Theirs)
{
    /// <summary>The difference in words, in the current UI culture.</summary>
    public string Explain() => Explanation.ToString();

    public Phrase Explanation => Kind switch
    {
        DifferenceKind.BilledNotOnRoster => new("invoice.billed_not_on_roster", Months(Theirs)),
        DifferenceKind.OnRosterNotBilled => new("invoice.on_roster_not_billed", Months(Ours)),
        _ => new("invoice.different_months", Months(Ours), Months(Theirs)),
    };

    private static string Months(IEnumerable<YearMonth> months) => string.Join(", ", months.Select(m => m.ToString()));
}

/// <summary>
/// Compares the months we bill per worker with the months on BPJS's invoice (tagihan iuran), over the months the
/// invoice covers. Keys are whatever identifies a worker on both sides (the NIK fingerprint). Pure.
/// </summary>
public static class InvoiceReconciliation
{
    // The names of the required columns as the invoice file has them (the file's format, the same in every language).
    private const string NikHeader = "NIK";
    private const string MonthHeader = "Bulan";

    public static IReadOnlyList<InvoiceDifference> Compare(
        IReadOnlyDictionary<string, IReadOnlySet<YearMonth>> ours, IReadOnlyDictionary<string, IReadOnlySet<YearMonth>> theirs)
    {
        var scope = theirs.Values.SelectMany(m => m).ToHashSet();
        var differences = new List<InvoiceDifference>();
        foreach (var key in ours.Keys.Union(theirs.Keys).Order(StringComparer.Ordinal))
        {
            var our = ours.TryGetValue(key, out var o) ? o.Where(scope.Contains).Order().ToList() : [];
            var their = theirs.TryGetValue(key, out var t) ? t.Order().ToList() : [];
            if (our.SequenceEqual(their))
            {
                continue;
            }

            var kind = our.Count == 0 ? DifferenceKind.BilledNotOnRoster : their.Count == 0 ? DifferenceKind.OnRosterNotBilled : DifferenceKind.DifferentMonths;
            differences.Add(new InvoiceDifference(key, kind, our, their));
        }

        return differences;
    }

    /// <summary>Reads a month as written on invoices: 2026-03, 03/2026, 3-2026, 2026/03.</summary>
    public static Result<YearMonth> ParseMonth(string? text)
    {
        var value = text?.Trim() ?? "";
        string[] formats = ["yyyy-MM", "yyyy/MM", "MM/yyyy", "M/yyyy", "MM-yyyy", "M-yyyy", "yyyy-M"];
        if (DateTime.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && parsed.Year is >= 2015 and <= 2100)
        {
            return new YearMonth(parsed.Year, parsed.Month);
        }

        return new DomainError("invoice.month", value);
    }

    /// <summary>The invoice's lines from a table: columns NIK and Bulan are required, Nama is optional.</summary>
    public static Result<(IReadOnlyList<InvoiceLine> Lines, IReadOnlyList<InvoiceRowError> Errors)> Read(
        IReadOnlyList<string> header, IEnumerable<(int Row, IReadOnlyList<string> Cells)> rows)
    {
        int Column(params string[] names) =>
            header.Select((h, i) => (h: h.Trim().ToLowerInvariant(), i)).FirstOrDefault(x => names.Contains(x.h), (h: "", i: -1)).i;

        var nikColumn = Column("nik", "no nik", "nomor nik");
        var monthColumn = Column("bulan", "periode", "month", "bulan iuran");
        var nameColumn = Column("nama", "name", "nama peserta");
        if (nikColumn < 0 || monthColumn < 0)
        {
            return new DomainError("invoice.columns",
                (nikColumn < 0 ? NikHeader + " " : "") + (monthColumn < 0 ? MonthHeader : ""), string.Join(", ", header));
        }

        var lines = new List<InvoiceLine>();
        var errors = new List<InvoiceRowError>();
        foreach (var (row, cells) in rows)
        {
            string Cell(int i) => i >= 0 && i < cells.Count ? cells[i].Trim() : "";
            var nik = Nik.Parse(Cell(nikColumn));
            var month = ParseMonth(Cell(monthColumn));
            if (!nik.IsSuccess)
            {
                errors.Add(new InvoiceRowError(row, header[nikColumn], Nik.Mask(Cell(nikColumn)), nik.Error!.Message));
            }
            else if (!month.IsSuccess)
            {
                errors.Add(new InvoiceRowError(row, header[monthColumn], Cell(monthColumn), month.Error!.Message));
            }
            else
            {
                lines.Add(new InvoiceLine(row, nik.Value, month.Value, nameColumn >= 0 ? Cell(nameColumn) : null));
            }
        }

        return (lines, errors);
    }
}
