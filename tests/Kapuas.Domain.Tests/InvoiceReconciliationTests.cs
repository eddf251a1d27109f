using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;

namespace Kapuas.Domain.Tests;

public sealed class InvoiceReconciliationTests
{
    private static readonly YearMonth Mar = new(2026, 3);
    private static readonly YearMonth Apr = new(2026, 4);
    private static readonly YearMonth May = new(2026, 5);

    private static Dictionary<string, IReadOnlySet<YearMonth>> Map(params (string Key, YearMonth[] Months)[] entries) =>
        entries.ToDictionary(e => e.Key, e => (IReadOnlySet<YearMonth>)e.Months.ToHashSet(), StringComparer.Ordinal);

    [Fact]
    public void Differences_are_per_worker_over_the_months_the_invoice_covers()
    {
        var ours = Map(("same", [Mar, Apr]), ("notbilled", [Mar]), ("fewer", [Mar, Apr]), ("outside", [May]));
        var theirs = Map(("same", [Mar, Apr]), ("stranger", [Apr]), ("fewer", [Mar]));

        var differences = InvoiceReconciliation.Compare(ours, theirs);

        Assert.Equal(["fewer", "notbilled", "stranger"], differences.Select(d => d.Key));
        Assert.Equal(DifferenceKind.DifferentMonths, differences[0].Kind);
        Assert.Equal(DifferenceKind.OnRosterNotBilled, differences[1].Kind);
        Assert.Equal(DifferenceKind.BilledNotOnRoster, differences[2].Kind);
        Assert.Equal("Bulan berbeda: roster kita 2026-03, 2026-04; tagihan BPJS 2026-03.", differences[0].Explain());
    }

    [Theory]
    [InlineData("2026-03", 2026, 3)]
    [InlineData("03/2026", 2026, 3)]
    [InlineData("3-2026", 2026, 3)]
    [InlineData(" 2026/11 ", 2026, 11)]
    public void Months_are_read_as_invoices_write_them(string text, int year, int month) =>
        Assert.Equal(new YearMonth(year, month), InvoiceReconciliation.ParseMonth(text).Value);

    [Theory]
    [InlineData("")]
    [InlineData("Maret")]
    [InlineData("2026-13")]
    [InlineData("1999-01")]
    public void Other_months_are_refused(string text) => Assert.Equal("invoice.month", InvoiceReconciliation.ParseMonth(text).Error!.Code);

    [Fact]
    public void An_invoice_without_nik_or_month_columns_is_refused_and_bad_rows_are_listed()
    {
        Assert.Equal("invoice.columns", InvoiceReconciliation.Read(["Nama", "Bulan"], []).Error!.Code);

        var read = InvoiceReconciliation.Read(["NIK", "Nama", "Bulan"],
            [(2, ["6203015204880003", "Siti", "2026-03"]), (3, ["6203015204880003", "Siti", "Mei"]), (4, ["12", "X", "2026-03"])]).Value;

        Assert.Single(read.Lines);
        Assert.Equal([3, 4], read.Errors.Select(e => e.Row));
        Assert.DoesNotContain(read.Errors, e => e.Value.Contains("6203015204880003", StringComparison.Ordinal));
    }
}
