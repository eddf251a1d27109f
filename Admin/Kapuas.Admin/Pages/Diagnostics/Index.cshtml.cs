using System.Globalization;
using Hangfire;
using Kapuas.Admin.Identity;
using Kapuas.Grains.Diagnostics;
using Kapuas.Grains.Workers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kapuas.Admin.Pages.Diagnostics;

[Authorize(Policy = Policies.Administrator)]
public sealed class IndexModel(IClusterClient cluster, IBackgroundJobClient jobs) : PageModel
{
    public const string CheckName = "admin-system-check";

    private static readonly TimeZoneInfo Wib = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    public SystemCheckView? View { get; private set; }

    [TempData]
    public string? Enqueued { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            View = await cluster.GetGrain<ISystemCheckGrain>(CheckName).GetAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            View = null;
        }
    }

    public IActionResult OnPost()
    {
        var user = User.Identity?.Name ?? "unknown";
        Enqueued = jobs.Enqueue<ISystemCheckJob>(j => j.RunAsync(CheckName, Guid.NewGuid(), user));
        return RedirectToPage();
    }

    /// <summary>Rebuilds the roster read model from worker grain state (after a restore, or a change of NIK key).</summary>
    public IActionResult OnPostRebuild()
    {
        Enqueued = jobs.Enqueue<IRosterRebuildJob>(j => j.RunAsync());
        return RedirectToPage();
    }

    public string ToWib(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Wib).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.GetCultureInfo("id-ID"));
}
