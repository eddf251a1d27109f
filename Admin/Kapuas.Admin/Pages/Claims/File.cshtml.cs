using Kapuas.Admin.Identity;
using Kapuas.Admin.Reports;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Claims;
using Kapuas.Infrastructure.Roster;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.Claims;

/// <summary>
/// The claim file for BPJS, to print or to download as a PDF: cover letter, worker and claim, first report, heirs,
/// checklist, estimate. Every role reads it (the NIK whole only for case handlers); case handlers issue the letter's
/// number, once per claim.
/// </summary>
[Authorize(Policy = Policies.Reader)]
public sealed class FileModel(
    IClusterClient cluster,
    CoverLetterStore letters,
    AccessLog access,
    TimeProvider clock,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public ClaimFileDocument Document { get; private set; } = null!;

    public Guid WorkerId { get; private set; }

    public Guid ClaimId { get; private set; }

    public bool CanHandleCases { get; private set; }

    public bool SettingsReady { get; private set; }

    public bool IsAdministrator { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid worker, Guid claim) =>
        worker == Guid.Empty || claim == Guid.Empty ? RedirectToPage(Navigation.ClaimsHome(User)) // no claim named: where claims are chosen
        : await LoadAsync(worker, claim) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(Guid worker, Guid claim)
    {
        if (!await LoadAsync(worker, claim))
        {
            return NotFound();
        }

        var userName = User.Identity?.Name ?? "unknown";
        await access.RecordAsync(userName, Roles.All.Where(User.IsInRole), worker, "claim-file");
        var name = Document.Letter.Issued ? "berkas-klaim" : "draf-berkas-klaim";
        return File(Document.Pdf(userName, clock.GetUtcNow()), "application/pdf", $"{name}-{claim:N}.pdf");
    }

    public async Task<IActionResult> OnPostIssueAsync(Guid worker, Guid claim)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.CaseHandling)).Succeeded)
        {
            return Forbid();
        }

        if (await cluster.GetGrain<IWorkerGrain>(worker).GetClaimAsync(claim, clock.GetUtcNow()) is null)
        {
            return NotFound();
        }

        var letter = await letters.IssueAsync(claim, worker, User.Identity?.Name ?? "unknown");
        TempData["Message"] = letter is null ? text["ClaimFileCannotIssue"].Value : text["ClaimFileIssuedAs", letter.Number].Value;
        return RedirectToPage(new { worker, claim });
    }

    private async Task<bool> LoadAsync(Guid worker, Guid claim)
    {
        var grain = cluster.GetGrain<IWorkerGrain>(worker);
        var now = clock.GetUtcNow();
        ClaimView? view;
        WorkerView? person;
        using (Formatting.InIndonesian()) // the file is addressed to BPJS: the grain's labels and working in Bahasa Indonesia
        {
            view = await grain.GetClaimAsync(claim, now);
            person = view is null ? null : await grain.GetAsync(Formatting.WibDate(now));
        }

        if (view is null || person is null)
        {
            return false;
        }

        WorkerId = worker;
        ClaimId = claim;
        CanHandleCases = (await authorization.AuthorizeAsync(User, Policies.CaseHandling)).Succeeded;
        IsAdministrator = (await authorization.AuthorizeAsync(User, Policies.Administrator)).Succeeded;
        var settings = await letters.SettingsAsync();
        SettingsReady = settings.CanIssue;
        var nik = CanHandleCases ? await grain.GetNikAsync() ?? view.NikMasked : view.NikMasked;
        Document = ClaimFileDocument.Build(view, person, nik, await letters.LetterAsync(claim), settings);
        return true;
    }
}
