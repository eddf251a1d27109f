using System.Globalization;
using Hangfire;
using Kapuas.Admin.Identity;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Coverage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.DoubleCover;

/// <summary>
/// Double cover (issue 18): every worker whom two payers bill for the same months, as the nightly check (or "check now")
/// found them, with the months and each payer's money at stake; an administrator chooses which payer keeps the worker
/// (the other gives the days up, and its quota place when nothing is left), and downloads the list as CSV or XLSX.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class IndexModel(DoubleCoverStore store, IClusterClient cluster, IBackgroundJobClient jobs, TimeProvider clock,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public FundingKind? Payer { get; set; }

    public IReadOnlyList<DoubleCoverFinding> Findings { get; private set; } = [];

    public DoubleCoverCheckRun? LastCheck { get; private set; }

    /// <summary>Per agreement: the workers it shares with another payer and its money at stake.</summary>
    public IReadOnlyList<(string Label, int Workers, Money AtStake)> PerPayer { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    /// <summary>What the last choice did, one line each (the cuts, the months still billed twice).</summary>
    [TempData]
    public string? Outcome { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public IActionResult OnPostRun()
    {
        jobs.Enqueue<IDoubleCoverJob>(j => j.RunAsync(CancellationToken.None));
        Message = "DoubleCoverQueued";
        return RedirectToPage(new { Payer });
    }

    /// <summary>The administrator keeps the worker with <paramref name="keeper"/>; the form's operation id makes a double submit harmless.</summary>
    public async Task<IActionResult> OnPostResolveAsync(Guid workerId, string? keeper, Guid operationId)
    {
        if (string.IsNullOrWhiteSpace(keeper))
        {
            ModelState.AddModelError(string.Empty, text["DoubleCoverChooseKeeper"]);
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await cluster.GetGrain<IWorkerGrain>(workerId).ResolveDoubleCoverAsync(keeper, this.Context(clock, operationId == Guid.Empty ? null : operationId));
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await store.CheckWorkerAsync(workerId, clock.GetUtcNow());
        Message = "DoubleCoverResolved";
        Outcome = string.Join('\n', result.Warnings.Select(w => w.Message));
        return RedirectToPage(new { Payer });
    }

    /// <summary>Every overlap with its months and each payer's money at stake, in Bahasa Indonesia (a document for the office).</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format)
    {
        using var indonesian = Formatting.InIndonesian();
        var findings = await store.FindingsAsync(Payer);
        static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
        return Exports.Spreadsheet(format, "Tanggungan ganda",
            ["Nama", "NIK", "Kecamatan", "Desa", "Pembayar 1", "PKS 1", "Pembayar 2", "PKS 2", "Bulan", "Jumlah bulan", "Dipertaruhkan pembayar 1 (Rp)",
                "Dipertaruhkan pembayar 2 (Rp)", "Ditahan"],
            findings.Select(f => (IReadOnlyList<string?>)[f.Name, f.NikMasked, f.KecamatanCode, f.Desa, f.FirstPayerLabel, f.FirstAgreement,
                f.SecondPayerLabel, f.SecondAgreement,
                string.Join(", ", f.Months), Number(f.Months.Length), Number(f.FirstAtStake), Number(f.SecondAtStake), f.Held ? "ya" : "tidak"]),
            "tanggungan-ganda");
    }

    private async Task LoadAsync()
    {
        Findings = await store.FindingsAsync(Payer);
        LastCheck = await store.LastCheckAsync();
        var sides = Findings.SelectMany(f => new[]
        {
            (Agreement: f.FirstAgreement, Label: f.FirstLabel, f.WorkerId, AtStake: f.FirstAtStake),
            (Agreement: f.SecondAgreement, Label: f.SecondLabel, f.WorkerId, AtStake: f.SecondAtStake),
        });
        PerPayer = [.. sides.GroupBy(s => s.Agreement, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.First().Label, g.Select(s => s.WorkerId).Distinct().Count(), new Money(g.Sum(s => s.AtStake))))];
    }
}
