using Kapuas.Admin.Identity;
using Kapuas.Domain.Workers;
using Kapuas.Infrastructure.Roster;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.Workers;

/// <summary>
/// Finding a worker by NIK, KPJ or name, narrowed by kecamatan, desa, occupation and status, page by page. The search
/// is posted, never put in the address: a NIK must not end up in a URL, a browser history or a request log.
/// </summary>
[Authorize(Policy = Policies.Reader)]
public sealed class IndexModel(ParticipantSearch search, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string? Query { get; set; }

    [BindProperty]
    public string? Kecamatan { get; set; }

    [BindProperty]
    public string? Desa { get; set; }

    [BindProperty]
    public OccupationKind? Occupation { get; set; }

    [BindProperty]
    public ParticipantStatus Status { get; set; }

    [BindProperty]
    public int PageNumber { get; set; } = 1;

    public ParticipantPage? Results { get; private set; }

    /// <summary>Nobody is registered yet: the page says how participants get here.</summary>
    public bool NoneRegistered { get; private set; }

    /// <summary>The form; with a status in the address (the dashboard's counts link here), that status's workers at once.</summary>
    public async Task OnGetAsync(ParticipantStatus? status = null)
    {
        NoneRegistered = !await search.AnyAsync();
        if (status is { } chosen && Enum.IsDefined(chosen) && !NoneRegistered)
        {
            Status = chosen;
            Results = await search.SearchAsync(new ParticipantFilter(null, null, null, null, chosen), Formatting.WibDate(clock.GetUtcNow()));
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if ((Query?.Trim().Length ?? 0) > ParticipantFilter.MaxQuery)
        {
            ModelState.AddModelError(nameof(Query), text["WorkersQueryTooLong", ParticipantFilter.MaxQuery]);
        }

        if (!string.IsNullOrWhiteSpace(Kecamatan) && !Domain.Regions.Kecamatan.Find(Kecamatan).IsSuccess)
        {
            ModelState.AddModelError(nameof(Kecamatan), text["WorkersUnknownKecamatan"]);
        }

        if ((Desa?.Length ?? 0) > 100)
        {
            ModelState.AddModelError(nameof(Desa), text["WorkersDesaTooLong"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Results = await search.SearchAsync(new ParticipantFilter(Query, Kecamatan, Desa, Occupation, Status, PageNumber),
            Formatting.WibDate(clock.GetUtcNow()));
        return Page();
    }
}
