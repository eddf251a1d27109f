using System.Globalization;
using Hangfire;
using Kapuas.Admin.Identity;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Continuity;
using Kapuas.Grains.Diagnostics;
using Kapuas.Infrastructure.Continuity;
using Kapuas.Infrastructure.Backup;
using Kapuas.Domain.Operations;
using Kapuas.Grains.Workers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kapuas.Admin.Pages.Diagnostics;

[Authorize(Policy = Policies.Administrator)]
public sealed class IndexModel(IClusterClient cluster, IBackgroundJobClient jobs, InstallationDecisionStore decisions, BackupRuns backups, TimeProvider clock) : PageModel
{
    public const string CheckName = "admin-system-check";


    public SystemCheckView? View { get; private set; }

    public InstallationDecisions Decision { get; private set; } = InstallationDecisions.None;

    public IReadOnlyList<(DateTime At, string UserName, string After)> DecisionHistory { get; private set; } = [];

    [BindProperty]
    public DecisionForm Reading { get; set; } = new();

    [TempData]
    public string? Recorded { get; set; }

    [TempData]
    public string? Enqueued { get; set; }

    public BackupRunRow? LastGoodBackup { get; private set; }

    public IReadOnlyList<BackupRunRow> RecentBackups { get; private set; } = [];

    /// <summary>The last good backup older than 36 hours, or none in an installation older than that (<see cref="BackupRetention.IsOverdue"/>).</summary>
    public bool BackupOverdue { get; private set; }

    public TimeSpan? BackupAge { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadDecisionAsync();
        LastGoodBackup = await backups.LastGoodAsync();
        RecentBackups = await backups.RecentAsync(10);
        var lastGood = LastGoodBackup?.FinishedAt;
        BackupOverdue = BackupRetention.IsOverdue(lastGood, await backups.InstalledAtAsync(), clock.GetUtcNow());
        BackupAge = clock.GetUtcNow() - lastGood;
        try
        {
            View = await cluster.GetGrain<ISystemCheckGrain>(CheckName).GetAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            View = null;
        }
    }

    /// <summary>Records which reading of masa iur BPJS KC Kapuas confirmed in writing (bpjs-rules.md §3.4).</summary>
    public async Task<IActionResult> OnPostReadingAsync(CancellationToken cancellationToken)
    {
        var decision = MasaIurDecision.Create(Reading.Reading, Reading.LetterNumber, Reading.LetterDate, Reading.Note, Formatting.WibDate(clock.GetUtcNow()));
        if (!decision.IsSuccess)
        {
            ModelState.AddModelError("Reading", decision.Error!.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await OnGetAsync(cancellationToken);
            return Page();
        }

        var context = this.Context(clock, Reading.OperationId);
        await decisions.RecordMasaIurReadingAsync(decision.Value, context.OperationId, context.UserId, context.UserName, context.At);
        Recorded = ScholarshipVerdict.ReadingLabel(decision.Value.Reading);
        return RedirectToPage();
    }

    private async Task LoadDecisionAsync()
    {
        Decision = await decisions.GetAsync();
        DecisionHistory = await decisions.HistoryAsync();
    }

    public IActionResult OnPost()
    {
        var user = User.Identity?.Name ?? "unknown";
        Enqueued = jobs.Enqueue<ISystemCheckJob>(j => j.RunAsync(CheckName, Guid.NewGuid(), user));
        return RedirectToPage();
    }

    /// <summary>Has a silo back the installation up now, as the nightly job does (same folder, same retention).</summary>
    public IActionResult OnPostBackup()
    {
        Enqueued = jobs.Enqueue<IBackupJob>(j => j.RunAsync("manual", CancellationToken.None));
        return RedirectToPage(null, null, "backups");
    }

    /// <summary>An age in hours (and days past two).</summary>
    public static string Age(TimeSpan age) => age.TotalHours < 48
        ? string.Format(CultureInfo.CurrentCulture, "{0:N0} h", Math.Floor(age.TotalHours))
        : string.Format(CultureInfo.CurrentCulture, "{0:N0} d {1:N0} h", Math.Floor(age.TotalDays), age.Hours);

    /// <summary>Rebuilds the roster read model from worker grain state (after a restore, or a change of NIK key).</summary>
    public IActionResult OnPostRebuild()
    {
        Enqueued = jobs.Enqueue<IRosterRebuildJob>(j => j.RunAsync());
        return RedirectToPage();
    }

    /// <summary>An audited decision in words: the reading and the letter.</summary>
    public string DescribeDecision(string after)
    {
        using var json = System.Text.Json.JsonDocument.Parse(after);
        var root = json.RootElement;
        var reading = Enum.TryParse<MasaIurReading>(root.GetProperty("reading").GetString(), out var r) ? r : MasaIurReading.Undecided;
        return $"{ScholarshipVerdict.ReadingLabel(reading)} · {root.GetProperty("letterNumber").GetString()} · {root.GetProperty("letterDate").GetString()}";
    }

    public string ToWib(DateTimeOffset at) =>
        Domain.Common.Wib.ToWib(at).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.GetCultureInfo("id-ID"));

    public sealed class DecisionForm
    {
        public Guid? OperationId { get; set; }

        public MasaIurReading? Reading { get; set; }

        public string? LetterNumber { get; set; }

        public DateOnly? LetterDate { get; set; }

        public string? Note { get; set; }
    }
}
