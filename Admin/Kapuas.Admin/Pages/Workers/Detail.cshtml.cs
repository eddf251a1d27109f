using Kapuas.Admin.Identity;
using Kapuas.Grains.Workers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kapuas.Admin.Pages.Workers;

/// <summary>One worker: profile, coverage, claims and family. Caseworkers start a claim from here.</summary>
[Authorize(Policy = Policies.Reader)]
public sealed class DetailModel(IClusterClient cluster, TimeProvider clock, IAuthorizationService authorization) : PageModel
{
    public WorkerView Worker { get; private set; } = null!;

    public bool CanHandleCases { get; private set; }

    public bool IsAdministrator { get; private set; }

    [BindProperty]
    public string? ReversalReason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

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
            return await LoadAsync(id) ? Page() : NotFound();
        }

        TempData["Message"] = "Catatan kematian dibatalkan." + string.Concat(result.Warnings.Select(w => " " + w.Message));
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var worker = await cluster.GetGrain<IWorkerGrain>(id).GetAsync(Formatting.WibDate(clock.GetUtcNow()));
        if (worker is null)
        {
            return false;
        }

        Worker = worker;
        CanHandleCases = (await authorization.AuthorizeAsync(User, Policies.CaseHandling)).Succeeded;
        IsAdministrator = (await authorization.AuthorizeAsync(User, Policies.Administrator)).Succeeded;
        return true;
    }
}
