using Kapuas.Admin.Identity;
using Kapuas.Admin.Reports;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Roster;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.Workers;

/// <summary>
/// A worker's whole history (the liaison's main screen): profile, coverage drawn as bars with its gaps, masa iur,
/// claims, exit, family and the audit trail; exports as CSV and PDF. Every look-up is recorded.
/// </summary>
[Authorize(Policy = Policies.Reader)]
public sealed class DetailModel(IClusterClient cluster, TimeProvider clock, IAuthorizationService authorization, AccessLog access,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public WorkerView Worker { get; private set; } = null!;

    public bool CanHandleCases { get; private set; }

    public bool IsAdministrator { get; private set; }

    /// <summary>The full NIK, only for administrators and caseworkers; others see the masked form.</summary>
    public string? FullNik { get; private set; }

    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];

    public IReadOnlyList<AccessEntry> Lookups { get; private set; } = [];

    public DateOnly Today { get; private set; }

    [BindProperty]
    public string? ReversalReason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) =>
        id == Guid.Empty ? RedirectToPage("/Workers/Index") // opened with no participant: the search chooses one
        : await LoadAsync(id, "lihat") ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(Guid id)
    {
        using var indonesian = Formatting.InIndonesian(); // an export: the worker's texts in Bahasa Indonesia
        if (!await LoadAsync(id, "ekspor-csv"))
        {
            return NotFound();
        }

        return Exports.Spreadsheet("csv", "Riwayat", WorkerHistory.Header, WorkerHistory.Rows(Worker, Audit), $"riwayat-{id:N}");
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id)
    {
        using var indonesian = Formatting.InIndonesian();
        if (!await LoadAsync(id, "ekspor-pdf"))
        {
            return NotFound();
        }

        return File(WorkerHistory.Pdf(Worker, Audit, User.Identity?.Name ?? "", clock.GetUtcNow()), "application/pdf", $"riwayat-{id:N}.pdf");
    }

    /// <summary>An administrator undoes a wrongly recorded death (audited in the worker's trail).</summary>
    public async Task<IActionResult> OnPostReverseDeathAsync(Guid id)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Administrator)).Succeeded)
        {
            return Forbid();
        }

        var result = await cluster.GetGrain<IWorkerGrain>(id).ReverseDeathAsync(ReversalReason ?? "", this.Context(clock));
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, nameof(ReversalReason) + ".");
            return await LoadAsync(id, null) ? Page() : NotFound();
        }

        TempData["Message"] = text["WorkerDeathReversed"] + string.Concat(result.Warnings.Select(w => " " + w.Message));
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, string? lookup)
    {
        Today = Formatting.WibDate(clock.GetUtcNow());
        var grain = cluster.GetGrain<IWorkerGrain>(id);
        var worker = await grain.GetAsync(Today);
        if (worker is null)
        {
            return false;
        }

        Worker = worker;
        CanHandleCases = (await authorization.AuthorizeAsync(User, Policies.CaseHandling)).Succeeded;
        IsAdministrator = (await authorization.AuthorizeAsync(User, Policies.Administrator)).Succeeded;
        FullNik = CanHandleCases ? await grain.GetNikAsync() : null;
        if (lookup is not null)
        {
            await access.RecordAsync(User.Identity?.Name ?? "unknown", Roles.All.Where(User.IsInRole), id, lookup);
        }

        Audit = await access.AuditTrailAsync(id);
        Lookups = IsAdministrator ? await access.RecentAsync(null, id, 50) : [];
        return true;
    }
}
