using Kapuas.Admin.Identity;
using Kapuas.Domain.Claims;
using Kapuas.Infrastructure.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.Claims;

/// <summary>The caseworker queue: mine or all, overdue or due within 3 days, by state and by kecamatan.</summary>
[Authorize(Policy = Policies.CaseHandling)]
public sealed class IndexModel(ClaimStore store, IStringLocalizer<SharedResource> text) : PageModel
{
    public const string Mine = "mine";
    public const string All = "all";

    /// <summary>"mine" or "all"; when not chosen, "mine" for a user who has claims assigned, else "all".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Scope { get; set; }

    [BindProperty(SupportsGet = true)]
    public ClaimState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kecamatan { get; set; }

    [BindProperty(SupportsGet = true)]
    public ClaimDue Due { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>No scope was chosen and the user has no claims of their own, so all are shown (and the page says so).</summary>
    public bool ShowingAllBecauseNoneMine { get; private set; }

    public ClaimQueuePage Queue { get; private set; } = new([], 0, 0, 0);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!ModelState.IsValid || Scope is not (null or Mine or All)
            || (Kecamatan is { Length: > 0 } k && !Domain.Regions.Kecamatan.Find(k).IsSuccess))
        {
            ModelState.AddModelError(string.Empty, text["ClaimsUnknownFilter"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Scope = null;
            State = null;
            Kecamatan = null;
            Due = ClaimDue.Any;
        }

        if (Scope is null)
        {
            var hasOwn = await store.HasAssignedAsync(User.Identity?.Name ?? "");
            Scope = hasOwn ? Mine : All;
            ShowingAllBecauseNoneMine = !hasOwn;
        }

        var mine = Scope == Mine;
        Queue = await store.QueueAsync(new ClaimQuery(mine ? User.Identity?.Name : null, State?.ToString(),
            string.IsNullOrEmpty(Kecamatan) ? null : Kecamatan, Due, Math.Clamp(PageNumber, 1, 10_000)));
        return Page();
    }
}
