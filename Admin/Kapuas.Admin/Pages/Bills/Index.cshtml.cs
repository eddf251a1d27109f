using Kapuas.Admin.Identity;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Grains.Agreements;
using Kapuas.Infrastructure.Billing;
using Kapuas.Infrastructure.Spreadsheets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.Bills;

/// <summary>
/// The monthly contribution bill of an agreement (covered workers and amount, by the agreement's partial-month rule),
/// its export, and its reconciliation with the invoice BPJS sends.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[RequestSizeLimit(TabularFile.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = TabularFile.MaxBytes + 1024 * 1024)]
public sealed class IndexModel(IClusterClient cluster, MonthlyBill bills, AgreementDirectory directory, IStringLocalizer<SharedResource> texts) : PageModel
{
    public const int ShownLines = 500;

    [BindProperty(SupportsGet = true)]
    public string? Agreement { get; set; }

    /// <summary>The month as an HTML month input sends it: 2026-03.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty]
    public IFormFile? Invoice { get; set; }

    public IReadOnlyList<(string Code, string Number, string Payer)> Agreements { get; private set; } = [];

    /// <summary>Only the agreements of one payer kind in the choice (<c>?payer=Apbdes</c>): each payer has its own bill.</summary>
    [BindProperty(SupportsGet = true, Name = "payer")]
    public Kapuas.Domain.Coverage.FundingKind? PayerFilter { get; set; }

    public Bill? Bill { get; private set; }

    public Reconciliation? Reconciliation { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var shown = await ShowAsync();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest; // the page, with what was wrong in the address
        }

        return shown ?? Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string? format)
    {
        if (await ShowAsync() is { } refused)
        {
            return refused;
        }

        if (Bill is null)
        {
            return Page();
        }

        return Exports.Spreadsheet(format, "Tagihan", ["Nama", "NIK", "KPJ", "Kecamatan", "Hari terlindungi", "Iuran (Rp)", "Tunggakan bulan"],
            Bill.Lines.Select(l => (IReadOnlyList<string?>)[l.Name, l.NikMasked, l.Kpj, l.KecamatanCode,
                l.DaysCovered.ToString(System.Globalization.CultureInfo.InvariantCulture), l.Amount.Rupiah.ToString(System.Globalization.CultureInfo.InvariantCulture),
                l.ArrearsFor?.ToString()]),
            $"tagihan-{Bill.AgreementId}-{Bill.Month}");
    }

    /// <summary>BPJS's invoice (CSV or XLSX with the columns NIK and Bulan) against our roster, per NIK.</summary>
    public async Task<IActionResult> OnPostReconcileAsync()
    {
        if (await ShowAsync() is { } refused)
        {
            return refused;
        }

        if (Bill is null)
        {
            return Page();
        }

        if (Invoice is null || Invoice.Length == 0)
        {
            ModelState.AddModelError(nameof(Invoice), texts["BillsChooseInvoice"]);
            return Page();
        }

        await using var stream = Invoice.OpenReadStream();
        var table = TabularFile.Read(stream, Invoice.FileName, Invoice.Length);
        if (!table.IsSuccess)
        {
            ModelState.AddModelError(nameof(Invoice), table.Error!.Message);
            return Page();
        }

        var read = InvoiceReconciliation.Read(table.Value.Header, table.Value.Rows.Select(r => (r.Number, r.Cells)));
        if (!read.IsSuccess)
        {
            ModelState.AddModelError(nameof(Invoice), read.Error!.Message);
            return Page();
        }

        var agreement = (await cluster.GetGrain<IAgreementGrain>(Agreement!).GetAsync())!;
        Reconciliation = await bills.ReconcileAsync(agreement.Terms.ToAgreement(Agreement!), read.Value.Lines, read.Value.Errors);
        return Page();
    }

    /// <summary>Loads the agreements and, when one and a month are chosen, the bill; a result means the choice was refused.</summary>
    private async Task<IActionResult?> ShowAsync()
    {
        Agreements = [.. (await directory.ListAsync(PayerFilter)).Select(a => (a.Code, a.Number, a.PayerLabel))];

        if (string.IsNullOrWhiteSpace(Agreement) || string.IsNullOrWhiteSpace(Month))
        {
            return null;
        }

        if (Agreement.Length > 64 || await cluster.GetGrain<IAgreementGrain>(Agreement).GetAsync() is not { } view)
        {
            ModelState.AddModelError(nameof(Agreement), texts["BillsAgreementNotFound"]);
            return null;
        }

        var month = InvoiceReconciliation.ParseMonth(Month);
        if (!month.IsSuccess)
        {
            ModelState.AddModelError(nameof(Month), month.Error!.Message);
            return null;
        }

        var agreement = view.Terms.ToAgreement(Agreement);
        if (!agreement.Period.Contains(month.Value.FirstDay) && !agreement.Period.Contains(month.Value.LastDay))
        {
            ModelState.AddModelError(nameof(Month), texts["BillsMonthOutsidePeriod", month.Value, agreement.Period]);
            return null;
        }

        Bill = await bills.ForMonthAsync(agreement, month.Value);
        return null;
    }
}
