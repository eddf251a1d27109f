using System.ComponentModel.DataAnnotations;
using Kapuas.Admin.Identity;
using Kapuas.Domain.Agreements;
using Kapuas.Infrastructure.Import;
using Kapuas.Infrastructure.Spreadsheets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.Import;

/// <summary>Step one of a roster import: upload a CSV or XLSX file and get a preview of every row.</summary>
[Authorize(Policy = Policies.Administrator)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
[RequestSizeLimit(UploadLimit)]
public sealed class IndexModel(RosterImportService imports, ImportStore store, AgreementDirectory directory, TimeProvider clock,
    IStringLocalizer<SharedResource> text) : PageModel
{
    // A little above the 20 MB file limit, so that the page (not the server) explains an oversized file.
    private const long UploadLimit = TabularFile.MaxBytes + (5 * 1024 * 1024);

    [BindProperty]
    public UploadInput Input { get; set; } = new();

    public IReadOnlyList<ImportBatchSummary> Recent { get; private set; } = [];

    public IReadOnlyList<(string Id, string Number, string Status)> Agreements { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.File is null || Input.File.Length == 0)
        {
            ModelState.AddModelError("Input.File", text[Input.File is null ? "ImportChooseFile" : "ImportEmptyFile"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        await using var stream = Input.File!.OpenReadStream();
        var preview = await imports.PreviewAsync(stream, Input.File.FileName, Input.File.Length, Input.AgreementId,
            User.Identity?.Name ?? "unknown", clock.GetUtcNow(), Input.StartingRoster);
        if (!preview.IsSuccess)
        {
            ModelState.AddModelError("Input.File", preview.Error!.Message);
            await LoadAsync();
            return Page();
        }

        return RedirectToPage("Batch", new { id = preview.Value });
    }

    private async Task LoadAsync()
    {
        Recent = await store.RecentAsync(20);
        Agreements = [.. (await directory.ListAsync()).Where(a => Enum.Parse<Domain.Agreements.AgreementStatus>(a.Status).TakesWorkers()).Select(a => (a.Code, a.Number, a.Status))];
    }
}

public sealed class UploadInput
{
    [Display(Name = "File (CSV atau XLSX)")]
    public IFormFile? File { get; set; }

    [Display(Name = "Daftarkan ke PKS")]
    [StringLength(40)]
    public string? AgreementId { get; set; }

    /// <summary>The file is the PKS's starting roster: its workers are covered from the PKS's start, not from today.</summary>
    public bool StartingRoster { get; set; }
}
