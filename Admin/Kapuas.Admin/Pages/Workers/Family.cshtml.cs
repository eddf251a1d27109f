using Kapuas.Admin.Identity;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Family;
using Kapuas.Grains.Workers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.Workers;

/// <summary>The worker's family: heirs in statutory order and children for the scholarship.</summary>
[Authorize(Policy = Policies.CaseHandling)]
public sealed class FamilyModel(IClusterClient cluster, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public WorkerView Worker { get; private set; } = null!;

    [BindProperty]
    public MemberForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? member)
    {
        if (id == Guid.Empty)
        {
            return RedirectToPage("/Workers/Index");
        }

        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (member is { } memberId && Worker.Family.FirstOrDefault(m => m.Id == memberId) is { } m)
        {
            // The stored NIK is not sent back to the browser: left empty, it is kept as it is.
            Input = new MemberForm { Id = m.Id, Name = m.Name, Relationship = m.Relationship, BirthDate = m.BirthDate, Level = m.Level, Married = m.Married, Working = m.Working };
        }

        Input.OperationId = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var nik = Input.Nik;
        if (string.IsNullOrWhiteSpace(nik) && Input.Id is not null)
        {
            nik = null;
        }

        var worker = cluster.GetGrain<IWorkerGrain>(id);
        var input = new FamilyMemberInput(Input.Id, Input.Name, nik, Input.Relationship, Input.BirthDate, Input.Level, Input.Married, Input.Working);
        var result = await worker.SaveFamilyMemberAsync(input, this.Context(clock, Input.OperationId));
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, "Input.");
            return Page();
        }

        TempData["Message"] = text["WorkerFamilySaved", Input.Name?.Trim() ?? ""].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid member)
    {
        var result = await cluster.GetGrain<IWorkerGrain>(id).RemoveFamilyMemberAsync(member, this.Context(clock));
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            return await LoadAsync(id) ? Page() : NotFound();
        }

        TempData["Message"] = text["WorkerFamilyRemoved"].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var worker = await cluster.GetGrain<IWorkerGrain>(id).GetAsync(Formatting.WibDate(clock.GetUtcNow()));
        Worker = worker!;
        return worker is not null;
    }

    public sealed class MemberForm
    {
        public Guid? Id { get; set; }

        public Guid? OperationId { get; set; }

        public string? Name { get; set; }

        public string? Nik { get; set; }

        public Relationship? Relationship { get; set; }

        public DateOnly? BirthDate { get; set; }

        public SchoolLevel Level { get; set; }

        public bool Married { get; set; }

        public bool Working { get; set; }
    }
}
