using Kapuas.Admin.Identity;
using Kapuas.Domain.Claims;
using Kapuas.Infrastructure.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kapuas.Admin.Pages.Claims;

/// <summary>The caseworker queue: mine or all, overdue or due within 3 days, by state and by kecamatan.</summary>
[Authorize(Policy = Policies.CaseHandling)]
public sealed class IndexModel(ClaimStore store) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Scope { get; set; } = "mine";

    [BindProperty(SupportsGet = true)]
    public ClaimState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kecamatan { get; set; }

    [BindProperty(SupportsGet = true)]
    public ClaimDue Due { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ClaimQueuePage Queue { get; private set; } = new([], 0, 0, 0);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!ModelState.IsValid || (Kecamatan is { Length: > 0 } k && !Domain.Regions.Kecamatan.Find(k).IsSuccess))
        {
            ModelState.AddModelError(string.Empty, "Saringan tidak dikenal; daftar ditampilkan tanpa saringan itu.");
            State = null;
            Kecamatan = null;
            Due = ClaimDue.Any;
        }

        var mine = Scope != "all";
        Queue = await store.QueueAsync(new ClaimQuery(mine ? User.Identity?.Name : null, State?.ToString(),
            string.IsNullOrEmpty(Kecamatan) ? null : Kecamatan, Due, Math.Clamp(PageNumber, 1, 10_000)));
        return Page();
    }
}
