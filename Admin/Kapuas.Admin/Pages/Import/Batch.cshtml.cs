using Hangfire;
using Kapuas.Admin.Identity;
using Kapuas.Infrastructure.Hosting;
using Kapuas.Grains.Imports;
using Kapuas.Infrastructure.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.Import;

/// <summary>A batch: its preview, the commit, live progress while the job runs, and the report of rejected rows.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class BatchModel(ImportStore store, IBackgroundJobClient jobs, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int RowsShown = 500;

    public ImportBatchSummary Batch { get; private set; } = null!;

    public QuotaEffect? Effect { get; private set; }

    public IReadOnlyList<ImportRowPreview> Rows { get; private set; } = [];

    public JobProgress? Progress { get; private set; }

    public bool CanCommit => Batch.Status == "previewed" && Batch.NewRows + Batch.UpdateRows + (Batch.AgreementId is null ? 0 : Batch.UnchangedRows) > 0
        && Effect is not { OverQuota: true } and not { OverBudget: true };

    public bool IsRunning => Batch.Status is "queued" or "running";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Rows = await store.RowsAsync(id, 0, RowsShown, onlyNoteworthy: true);
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!CanCommit)
        {
            ModelState.AddModelError(string.Empty, text[Batch.Status != "previewed" ? "ImportAlreadySaved" : "ImportCannotSave"]);
            Rows = await store.RowsAsync(id, 0, RowsShown, onlyNoteworthy: true);
            return Page();
        }

        if (await store.QueueAsync(id, User.Identity?.Name ?? "unknown"))
        {
            var jobId = jobs.Enqueue<IImportCommitJob>(j => j.RunAsync(id, CancellationToken.None));
            await store.SetJobAsync(id, jobId);
        }

        return RedirectToPage(new { id });
    }

    /// <summary>Progress as JSON, for the page's live view and for programs.</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id)
    {
        if (await store.GetAsync(id) is null)
        {
            return NotFound();
        }

        var progress = await store.ProgressAsync(id, clock.GetUtcNow());
        return new JsonResult(new
        {
            progress.Status,
            progress.ToDo,
            progress.Done,
            progress.Failed,
            progress.Pending,
            rowsPerSecond = Math.Round(progress.RatePerSecond, 1),
            remainingSeconds = progress.Remaining is { } r ? Math.Round(r.TotalSeconds) : (double?)null,
        });
    }

    /// <summary>Every rejected or failed row and why, as CSV or XLSX (cells neutralised against formulas).</summary>
    public async Task<IActionResult> OnGetReportAsync(Guid id, string format)
    {
        var batch = await store.GetAsync(id);
        if (batch is null)
        {
            return NotFound();
        }

        var lines = await store.ReportAsync(id);
        string[] header = ["Baris", "Nama", "Kolom", "Isi", "Alasan"];
        var rows = lines.Select(l => (IReadOnlyList<string?>)[l.RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), l.Name, l.Column, l.Value, l.Reason]);
        return Exports.Spreadsheet(format, "Laporan impor", header, rows, $"laporan-impor-{Path.GetFileNameWithoutExtension(batch.FileName)}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var batch = await store.GetAsync(id);
        if (batch is null)
        {
            return false;
        }

        Batch = batch;
        Effect = await store.QuotaEffectAsync(id);
        if (batch.Status != "previewed")
        {
            Progress = await store.ProgressAsync(id, clock.GetUtcNow());
        }

        return true;
    }
}
