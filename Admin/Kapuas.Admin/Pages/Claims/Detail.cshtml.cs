using Kapuas.Admin.Identity;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Grains.Common;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.Claims;

/// <summary>
/// One claim: checklist with scans, clocks, estimate with its working, BPJS's decision beside it, and the moves.
/// Every role reads it; only case handlers change it.
/// </summary>
[Authorize(Policy = Policies.Reader)]
[RequestSizeLimit(AttachmentCheck.MaxBytes + 256 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = AttachmentCheck.MaxBytes + 256 * 1024)]
public sealed class DetailModel(IClusterClient cluster, ClaimStore store, TimeProvider clock, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public ClaimView Claim { get; private set; } = null!;

    public bool CanHandleCases { get; private set; }

    [BindProperty]
    public DocumentForm Document { get; set; } = new();

    [BindProperty]
    public MoveForm Move { get; set; } = new();

    /// <summary>The checklist's rows as posted (one per document, in the checklist's order).</summary>
    [BindProperty]
    public List<DocumentForm> Checklist { get; set; } = [];

    /// <summary>True when a refused checklist is shown again with what the caseworker entered, not what is stored.</summary>
    public bool ChecklistPosted { get; private set; }

    [BindProperty]
    public DateTime? FirstReportAt { get; set; }

    [BindProperty]
    public string? AssignTo { get; set; }

    [BindProperty]
    public DocumentKind UploadKind { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public ScholarshipForm Scholarship { get; set; } = new();

    [BindProperty]
    public DecisionForm Decision { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid worker, Guid claim) =>
        worker == Guid.Empty || claim == Guid.Empty ? RedirectToPage(Navigation.ClaimsHome(User)) // no claim named: where claims are chosen
        : await LoadAsync(worker, claim) ? Page() : NotFound();

    public Task<IActionResult> OnPostDocumentAsync(Guid worker, Guid claim) =>
        ChangeAsync(worker, claim, text["ClaimDocumentRecorded"], g => g.RecordClaimDocumentAsync(claim,
            new DocumentInput(Document.Kind, Document.ReceivedOn, Document.OriginalSighted, Document.Note), this.Context(clock)));

    public Task<IActionResult> OnPostFirstReportAsync(Guid worker, Guid claim)
    {
        if (FirstReportAt is null)
        {
            ModelState.AddModelError(string.Empty, text["ClaimFirstReportTimeRequired"]);
        }

        // With no time the form is refused before the grain is asked (ChangeAsync shows the page again).
        return ChangeAsync(worker, claim, text["ClaimFirstReportRecorded"],
            g => g.RecordFirstReportAsync(claim, Commands.FromWib(FirstReportAt)!.Value, this.Context(clock)));
    }

    public Task<IActionResult> OnPostAssignAsync(Guid worker, Guid claim) =>
        ChangeAsync(worker, claim, text["ClaimAssigneeChanged"], g => g.AssignClaimAsync(claim, AssignTo ?? "", this.Context(clock)));

    public Task<IActionResult> OnPostMoveAsync(Guid worker, Guid claim) =>
        ChangeAsync(worker, claim, text["ClaimStateChanged"], g => g.MoveClaimAsync(claim, new TransitionInput(Move.To, Move.BpjsReference, Move.Reason,
            Move.PaidAmount, Move.PaidOn, Move.Recipient, Move.ApprovedAmount), this.Context(clock, Move.OperationId)));

    public Task<IActionResult> OnPostScholarshipAsync(Guid worker, Guid claim) =>
        ChangeAsync(worker, claim, text["ClaimScholarshipRecorded"], g => g.RecordScholarshipAsync(claim, new ScholarshipInput(Scholarship.ChildId, Scholarship.Year ?? 0,
            Scholarship.Level, Scholarship.ClaimedOn, Scholarship.Paid, Scholarship.PaidOn, Scholarship.EndReason, Scholarship.EndedOn), this.Context(clock)));

    public Task<IActionResult> OnPostScholarshipDecisionAsync(Guid worker, Guid claim) =>
        ChangeAsync(worker, claim, text["ClaimScholarshipDecisionRecorded"], g => g.RecordScholarshipDecisionAsync(claim,
            new ScholarshipDecisionInput(Decision.Granted, Decision.BpjsReference, Decision.Note), this.Context(clock)));

    /// <summary>The scan is checked by content, stored, then recorded by the grain; a refusal removes it again.</summary>
    public async Task<IActionResult> OnPostUploadAsync(Guid worker, Guid claim)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.CaseHandling)).Succeeded)
        {
            return Forbid();
        }

        if (Upload is null || Upload.Length == 0)
        {
            return await RefuseAsync(worker, claim, text["ClaimChooseScan"]);
        }

        var (scan, problem) = await ReadScanAsync(Upload);
        if (scan is null)
        {
            return await RefuseAsync(worker, claim, problem!);
        }

        var grain = cluster.GetGrain<IWorkerGrain>(worker);
        if (await grain.GetClaimAsync(claim, clock.GetUtcNow()) is null)
        {
            return NotFound();
        }

        if (await AttachAsync(grain, worker, claim, UploadKind, scan) is { } refused)
        {
            return await RefuseAsync(worker, claim, refused);
        }

        TempData["Message"] = text["ClaimScanAttached", scan.Name].Value;
        return RedirectToPage(new { worker, claim });
    }

    /// <summary>
    /// The checklist in one submit: every row's received date, original sighted and note recorded together (all or
    /// none), then the scans chosen on the rows attached. Scans are checked first, so a bad file changes nothing.
    /// </summary>
    public async Task<IActionResult> OnPostChecklistAsync(Guid worker, Guid claim)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.CaseHandling)).Succeeded)
        {
            return Forbid();
        }

        var scans = new List<(DocumentKind Kind, CheckedScan Scan)>();
        foreach (var row in Checklist.Where(r => r.Scan is { Length: > 0 }))
        {
            var (scan, problem) = await ReadScanAsync(row.Scan!);
            if (scan is null)
            {
                return await RefuseAsync(worker, claim, $"{row.Scan!.FileName}: {problem}", keepChecklist: true);
            }

            scans.Add((row.Kind, scan));
        }

        var grain = cluster.GetGrain<IWorkerGrain>(worker);
        var result = await grain.RecordClaimDocumentsAsync(claim,
            [.. Checklist.Select(r => new DocumentInput(r.Kind, r.ReceivedOn, r.OriginalSighted, r.Note))], this.Context(clock));
        if (!result.Succeeded)
        {
            return await RefuseAsync(worker, claim, string.Join(" ", result.Errors.Select(e => e.Message)), keepChecklist: true);
        }

        foreach (var (kind, scan) in scans)
        {
            if (await AttachAsync(grain, worker, claim, kind, scan) is { } refused)
            {
                return await RefuseAsync(worker, claim, refused);
            }
        }

        TempData["Message"] = (scans.Count == 0 ? text["ClaimChecklistSaved"] : text["ClaimChecklistSavedWithScans", scans.Count]).Value;
        return RedirectToPage(null, null, new { worker, claim }, "documents");
    }

    private sealed record CheckedScan(string Name, AttachmentType Type, byte[] Content);

    /// <summary>The scan, checked by size and content; or, when refused, why (in the user's language).</summary>
    private async Task<(CheckedScan? Scan, string? Problem)> ReadScanAsync(IFormFile file)
    {
        if (file.Length > AttachmentCheck.MaxBytes)
        {
            return (null, text["ClaimScanTooLarge", AttachmentCheck.MaxBytes / 1024 / 1024].Value);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        var content = buffer.ToArray();
        var type = AttachmentCheck.Check(content, file.FileName);
        return type.IsSuccess ? (new CheckedScan(AttachmentCheck.SafeName(file.FileName), type.Value, content), null) : (null, type.Error!.Message);
    }

    /// <summary>Stores the scan and has the grain record it; a refusal (or a failure) removes the stored bytes again.</summary>
    private async Task<string?> AttachAsync(IWorkerGrain grain, Guid worker, Guid claim, DocumentKind kind, CheckedScan scan)
    {
        var id = Guid.CreateVersion7();
        await store.SaveAttachmentAsync(id, worker, claim, kind, scan.Name, scan.Type, scan.Content, User.Identity?.Name ?? "unknown");
        CommandResult<ClaimView> result;
        try
        {
            result = await grain.AttachClaimDocumentAsync(claim, new AttachmentInput(kind, id, scan.Name, scan.Type, scan.Content.Length), this.Context(clock));
        }
        catch
        {
            await store.DeleteAttachmentAsync(id);
            throw;
        }

        if (!result.Succeeded)
        {
            await store.DeleteAttachmentAsync(id);
            return string.Join(" ", result.Errors.Select(e => e.Message));
        }

        return null;
    }

    private async Task<IActionResult> ChangeAsync(Guid worker, Guid claim, string done, Func<IWorkerGrain, Task<CommandResult<ClaimView>>> change)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.CaseHandling)).Succeeded)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return await LoadAsync(worker, claim) ? Page() : NotFound();
        }

        var result = await change(cluster.GetGrain<IWorkerGrain>(worker));
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors.Select(e => e with { Field = null }));
            return await LoadAsync(worker, claim) ? Page() : NotFound();
        }

        TempData["Message"] = done;
        return RedirectToPage(new { worker, claim });
    }

    private async Task<IActionResult> RefuseAsync(Guid worker, Guid claim, string message, bool keepChecklist = false)
    {
        ChecklistPosted = keepChecklist;
        ModelState.AddModelError(string.Empty, message);
        return await LoadAsync(worker, claim) ? Page() : NotFound();
    }

    /// <summary>The one next thing to do on this claim, and the part of the page where it is done.</summary>
    public (string Text, string Anchor) NextAction()
    {
        var c = Claim;
        if (c.State == ClaimState.Closed)
        {
            return (text["ClaimNextClosed"].Value, "history");
        }

        if (c.MissingBlocking > 0)
        {
            return (text["ClaimNextCompleteDocuments", c.MissingBlocking].Value, "documents");
        }

        if (c.Type != ClaimType.JkmDeath && c.FirstReportedAt is null)
        {
            return (text["ClaimNextFirstReport"].Value, "deadlines");
        }

        return c.Next.Count > 0 && CanHandleCases
            ? (text["ClaimNextChangeState", ClaimStateMachine.Label(c.Next[0])].Value, "change-state")
            : (text["ClaimNextWatchDeadlines"].Value, "deadlines");
    }

    private async Task<bool> LoadAsync(Guid worker, Guid claim)
    {
        var view = await cluster.GetGrain<IWorkerGrain>(worker).GetClaimAsync(claim, clock.GetUtcNow());
        Claim = view!;
        CanHandleCases = (await authorization.AuthorizeAsync(User, Policies.CaseHandling)).Succeeded;
        Move.OperationId ??= Guid.NewGuid();
        return view is not null;
    }

    public sealed class DocumentForm
    {
        public DocumentKind Kind { get; set; }

        public DateOnly? ReceivedOn { get; set; }

        public bool OriginalSighted { get; set; }

        public string? Note { get; set; }

        /// <summary>A scan for this row (checklist form only).</summary>
        public IFormFile? Scan { get; set; }
    }

    public sealed class MoveForm
    {
        public Guid? OperationId { get; set; }

        public ClaimState To { get; set; }

        public string? BpjsReference { get; set; }

        public string? Reason { get; set; }

        public long? ApprovedAmount { get; set; }

        public long? PaidAmount { get; set; }

        public DateOnly? PaidOn { get; set; }

        public string? Recipient { get; set; }
    }

    public sealed class DecisionForm
    {
        public bool Granted { get; set; }

        public string? BpjsReference { get; set; }

        public string? Note { get; set; }
    }

    public sealed class ScholarshipForm
    {
        public Guid ChildId { get; set; }

        public int? Year { get; set; }

        public SchoolLevel Level { get; set; }

        public DateOnly? ClaimedOn { get; set; }

        public long? Paid { get; set; }

        public DateOnly? PaidOn { get; set; }

        public ScholarshipEndReason? EndReason { get; set; }

        public DateOnly? EndedOn { get; set; }
    }
}
