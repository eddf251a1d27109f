using Kapuas.Admin.Identity;
using Kapuas.Admin.Renewal;
using Kapuas.Domain.Renewal;
using Kapuas.Infrastructure.Hosting;
using Kapuas.Infrastructure.Renewal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kapuas.Admin.Pages.Renewal;

/// <summary>One renewal: the preview, approval (scheduled at 00:05 WIB on the start date, or now), progress, report.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class PlanModel(RenewalStore store, RenewalService renewals, TimeProvider clock) : PageModel
{
    /// <summary>The page lists this many workers at most; the report has them all.</summary>
    public const int ShownItems = 500;

    public RenewalSummary Renewal { get; private set; } = null!;

    public IReadOnlyList<RenewalItem> Items { get; private set; } = [];

    public JobProgress? Progress { get; private set; }

    public DateTimeOffset? ScheduleTime { get; private set; }

    public RenewalStatus State => RenewalStatuses.Parse(Renewal.Status);

    public bool IsRunning => RenewalStatuses.IsUnderway(State);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        return Page();
    }

    /// <summary>Approves the plan and schedules the job at 00:05 WIB on the new agreement's first day (or runs it now).</summary>
    public async Task<IActionResult> OnPostApproveAsync(Guid id, bool startNow, bool bridge)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var (_, refusal) = await renewals.ApproveAsync(Renewal, UserName, bridge, startNow ? null : ScheduleTime);
        return Answer(id, refusal);
    }

    /// <summary>Starts an approved, scheduled renewal now, or resumes a failed one.</summary>
    public async Task<IActionResult> OnPostStartAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var (_, refusal) = await renewals.StartAsync(Renewal, UserName);
        return Answer(id, refusal);
    }

    /// <summary>Puts the workers whose step failed back in the queue and runs the job again.</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid id)
    {
        if (await store.GetAsync(id) is null)
        {
            return NotFound();
        }

        await renewals.RetryFailedAsync(id, UserName);
        return RedirectToPage(new { id });
    }

    private string UserName => User.Identity?.Name ?? "unknown";

    private IActionResult Answer(Guid id, RenewalRefusal? refusal)
    {
        if (refusal is null)
        {
            return RedirectToPage(new { id });
        }

        ModelState.AddModelError(string.Empty, refusal.Message);
        return Page();
    }

    public async Task<IActionResult> OnGetProgressAsync(Guid id)
    {
        if (await store.GetAsync(id) is null)
        {
            return NotFound();
        }

        var p = await store.ProgressAsync(id, clock.GetUtcNow());
        return new JsonResult(new
        {
            p.Status, p.ToDo, p.Done, p.Failed, p.Pending,
            ratePerSecond = Math.Round(p.RatePerSecond, 1),
            remainingSeconds = p.Remaining is { } r ? Math.Round(r.TotalSeconds) : (double?)null,
        });
    }

    /// <summary>Every worker and what the renewal did or will do, as CSV or XLSX.</summary>
    public async Task<IActionResult> OnGetReportAsync(Guid id, string format)
    {
        var renewal = await store.GetAsync(id);
        if (renewal is null)
        {
            return NotFound();
        }

        var items = await store.ItemsAsync(id);
        string[] header = ["Nama", "Kecamatan", "Hasil", "Alasan", "Mulai", "Sampai", "Jeda (hari)", "Masa iur tanpa putus (bulan)", "Status", "Kegagalan"];
        var rows = items.Select(i => (IReadOnlyList<string?>)[i.Name, i.KecamatanCode, i.Outcome, i.Reason,
            i.CoverageStart is { } s ? Formatting.Date(s) : "", i.CoverageEnd is { } e ? Formatting.Date(e) : "",
            i.GapDays.ToString(System.Globalization.CultureInfo.InvariantCulture), i.ContinuousMonths.ToString(System.Globalization.CultureInfo.InvariantCulture),
            i.Status, i.Failure]);
        return Exports.Spreadsheet(format, "Perpanjangan", header, rows, $"perpanjangan-{renewal.FromAgreement}-{renewal.ToAgreement}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var renewal = await store.GetAsync(id);
        if (renewal is null)
        {
            return false;
        }

        Renewal = renewal;
        Items = await store.ItemsAsync(id, limit: ShownItems);
        Progress = RenewalStatuses.Parse(renewal.Status) == RenewalStatus.Previewed ? null : await store.ProgressAsync(id, clock.GetUtcNow());
        ScheduleTime = await renewals.ScheduleTimeAsync(renewal.ToAgreement);

        return true;
    }
}
