using Hangfire;
using Kapuas.Admin.Identity;
using Kapuas.Grains.Continuity;
using Kapuas.Infrastructure.Continuity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kapuas.Admin.Pages.Continuity;

/// <summary>
/// The continuity guard: for each PKS, when it ends, whether a signed successor starts in time, who would enter grace
/// and lapse when, the rights at stake and the cost to bridge; the alerts of the daily job, acknowledged by an
/// administrator. Every role reads it; only administrators act on it.
/// </summary>
[Authorize(Policy = Policies.Reader)]
public sealed class IndexModel(ContinuityStore store, IBackgroundJobClient jobs, TimeProvider clock) : PageModel
{
    public const int ShownWorkers = 200;

    [BindProperty(SupportsGet = true)]
    public string? Agreement { get; set; }

    public IReadOnlyList<AssessmentRow> Assessments { get; private set; } = [];

    public IReadOnlyList<AlertRow> Alerts { get; private set; } = [];

    public IReadOnlyList<CohortRow> Cohort { get; private set; } = [];

    public bool CanAct => User.IsInRole(Roles.Administrator);

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        Assessments = await store.AssessmentsAsync();
        Alerts = await store.AlertsAsync();
        var chosen = Assessments.FirstOrDefault(a => a.AgreementId == Agreement) ?? Assessments.FirstOrDefault(a => a.Cohort > 0);
        Agreement = chosen?.AgreementId;
        Cohort = chosen is null ? [] : await store.CohortRowsAsync(chosen.AgreementId, ShownWorkers);
    }

    public IActionResult OnPostRun()
    {
        if (!CanAct)
        {
            return Forbid();
        }

        jobs.Enqueue<IContinuityJob>(j => j.RunAsync(CancellationToken.None));
        Message = "ContinuityQueued";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(long id)
    {
        if (!CanAct)
        {
            return Forbid();
        }

        if (!await store.AlertExistsAsync(id))
        {
            return NotFound();
        }

        Message = await store.AcknowledgeAsync(id, User.Identity?.Name ?? "unknown", clock.GetUtcNow()) ? "AlertAcknowledged" : "AlertAlreadyAcknowledged";
        return RedirectToPage(new { Agreement });
    }

    public static string Kind(string kind) => $"AlertKind{kind}";
}
