using System.Security.Claims;
using Kapuas.Admin.Identity;
using Kapuas.Grains.Diagnostics;
using Kapuas.Infrastructure.Roster;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages;

/// <summary>
/// The dashboard: workers covered today (by kecamatan and occupation), quota and budget used per agreement, renewal
/// status, claims by state, overdue clocks and benefits paid this year.
/// </summary>
[Authorize(Policy = Policies.Reader)]
public sealed class IndexModel(IClusterClient cluster, Dashboard dashboard, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>Each role's name, as a resource key.</summary>
    private static readonly Dictionary<string, string> RoleLabels = new()
    {
        [Roles.Administrator] = "HomeRoleAdministrator",
        [Roles.Caseworker] = "HomeRoleCaseworker",
        [Roles.Liaison] = "HomeRoleLiaison",
    };

    public string DisplayName { get; private set; } = "";

    public IReadOnlyList<string> RoleNames { get; private set; } = [];

    public bool ClusterReachable { get; private set; }

    public DashboardFigures Figures { get; private set; } = null!;

    /// <summary>The agreements' card shows one payer kind only (<c>?payer=Apbdes</c>); null shows every payer.</summary>
    [BindProperty(SupportsGet = true, Name = "payer")]
    public Kapuas.Domain.Coverage.FundingKind? PayerFilter { get; set; }

    public IEnumerable<AgreementUse> AgreementsShown => Figures.Agreements.Where(a => PayerFilter is null || a.Payer == PayerFilter.ToString());

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DisplayName = User.FindFirstValue(KapuasClaimsFactory.DisplayNameClaim) ?? User.Identity?.Name ?? "";
        RoleNames = [.. Roles.All.Where(User.IsInRole).Select(r => text[RoleLabels[r]].Value)];
        var now = clock.GetUtcNow();
        Figures = await dashboard.GetAsync(Formatting.WibDate(now), now);
        try
        {
            await cluster.GetGrain<ISystemCheckGrain>("health").GetAsync().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            ClusterReachable = true;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            ClusterReachable = false;
        }
    }
}
