using Kapuas.Admin.Identity;
using Kapuas.Domain.Claims;
using Kapuas.Grains.Common;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kapuas.Admin.Pages.Claims;

/// <summary>
/// One claim: checklist with scans, clocks, estimate with its working, BPJS's decision beside it, and the moves.
/// Every role reads it; only case handlers change it.
/// </summary>
[Authorize(Policy = Policies.Reader)]
[RequestSizeLimit(AttachmentCheck.MaxBytes + 256 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = AttachmentCheck.MaxBytes + 256 * 1024)]
public sealed class DetailModel(IClusterClient cluster, ClaimStore store, TimeProvider clock, IAuthorizationService authorization) : PageModel
{
    public ClaimView Claim { get; private set; } = null!;

    public bool CanHandleCases { get; private set; }

    [BindProperty]
    public DocumentForm Document { get; set; } = new();

    [BindProperty]
    public MoveForm Move { get; set; } = new();

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
        ChangeAsync(worker, claim, "Dokumen dicatat.", g => g.RecordClaimDocumentAsync(claim,
            new DocumentInput(Document.Kind, Document.ReceivedOn, Document.OriginalSighted, Document.Note), this.Context(clock)));

    public Task<IActionResult> OnPostFirstReportAsync(Guid worker, Guid claim) =>
        ChangeAsync(worker, claim, "Laporan tahap I dicatat.", g => FirstReportAt is null
            ? Task.FromResult(CommandResult<ClaimView>.Fail(new WireError("claim.first_report_time", "Waktu laporan tahap I wajib diisi.")))
            : g.RecordFirstReportAsync(claim, Commands.FromWib(FirstReportAt)!.Value, this.Context(clock)));

    public Task<IActionResult> OnPostAssignAsync(Guid worker, Guid claim) =>
        ChangeAsync(worker, claim, "Petugas diganti.", g => g.AssignClaimAsync(claim, AssignTo ?? "", this.Context(clock)));

    public Task<IActionResult> OnPostMoveAsync(Guid worker, Guid claim) =>
        ChangeAsync(worker, claim, "Status klaim diubah.", g => g.MoveClaimAsync(claim, new TransitionInput(Move.To, Move.BpjsReference, Move.Reason,
            Move.PaidAmount, Move.PaidOn, Move.Recipient, Move.ApprovedAmount), this.Context(clock, Move.OperationId)));

    public Task<IActionResult> OnPostScholarshipAsync(Guid worker, Guid claim) =>
        ChangeAsync(worker, claim, "Beasiswa dicatat.", g => g.RecordScholarshipAsync(claim, new ScholarshipInput(Scholarship.ChildId, Scholarship.Year ?? 0,
            Scholarship.Level, Scholarship.ClaimedOn, Scholarship.Paid, Scholarship.PaidOn, Scholarship.EndReason, Scholarship.EndedOn), this.Context(clock)));

    public Task<IActionResult> OnPostScholarshipDecisionAsync(Guid worker, Guid claim) =>
        ChangeAsync(worker, claim, "Keputusan BPJS tentang beasiswa dicatat.", g => g.RecordScholarshipDecisionAsync(claim,
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
            return await RefuseAsync(worker, claim, "Pilih berkas hasil pindaian (PDF, JPEG atau PNG).");
        }

        if (Upload.Length > AttachmentCheck.MaxBytes)
        {
            return await RefuseAsync(worker, claim, $"Berkas paling besar {AttachmentCheck.MaxBytes / 1024 / 1024} MB.");
        }

        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer);
        var content = buffer.ToArray();
        var checkedType = AttachmentCheck.Check(content, Upload.FileName);
        if (!checkedType.IsSuccess)
        {
            return await RefuseAsync(worker, claim, checkedType.Error!.Message);
        }

        var grain = cluster.GetGrain<IWorkerGrain>(worker);
        if (await grain.GetClaimAsync(claim, clock.GetUtcNow()) is null)
        {
            return NotFound();
        }

        var id = Guid.CreateVersion7();
        var name = AttachmentCheck.SafeName(Upload.FileName);
        await store.SaveAttachmentAsync(id, worker, claim, UploadKind, name, checkedType.Value, content, User.Identity?.Name ?? "unknown");
        CommandResult<ClaimView> result;
        try
        {
            result = await grain.AttachClaimDocumentAsync(claim, new AttachmentInput(UploadKind, id, name, checkedType.Value, content.Length), this.Context(clock));
        }
        catch
        {
            await store.DeleteAttachmentAsync(id);
            throw;
        }

        if (!result.Succeeded)
        {
            await store.DeleteAttachmentAsync(id);
            return await RefuseAsync(worker, claim, string.Join(" ", result.Errors.Select(e => e.Message)));
        }

        TempData["Message"] = $"Berkas {name} dilampirkan.";
        return RedirectToPage(new { worker, claim });
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

    private async Task<IActionResult> RefuseAsync(Guid worker, Guid claim, string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return await LoadAsync(worker, claim) ? Page() : NotFound();
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
