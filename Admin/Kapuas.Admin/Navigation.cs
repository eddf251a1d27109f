using System.Security.Claims;
using Kapuas.Admin.Identity;

namespace Kapuas.Admin;

/// <summary>Where a user is sent when an address names nothing to show.</summary>
public static class Navigation
{
    /// <summary>The claims queue for those who handle claims; the participant search for the liaison, who reads them from there.</summary>
    public static string ClaimsHome(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Caseworker) ? "/Claims/Index" : "/Workers/Index";
}
