using Kapuas.Admin.Identity;
using Kapuas.Infrastructure.Roster;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kapuas.Admin.Pages.Access;

/// <summary>Who looked at which participant, when and how (page, export, API): for administrators.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class IndexModel(AccessLog access) : PageModel
{
    /// <summary>The page shows the latest look-ups, this many at most.</summary>
    public const int ShownEntries = 500;

    /// <summary>Only look-ups by users with this role (the liaison by default).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; } = Roles.Liaison;

    public IReadOnlyList<AccessEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var role = Roles.All.Contains(Role) ? Role : null;
        Entries = await access.RecentAsync(role, null, ShownEntries);
    }
}
