using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kapuas.Admin.Identity;

/// <summary>Puts the user's roles and display name into the sign-in cookie.</summary>
public sealed class KapuasClaimsFactory(UserManager<KapuasUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<KapuasUser>(users, options)
{
    public const string DisplayNameClaim = "kapuas:display_name";

    public const string MustChangePasswordClaim = "kapuas:must_change_password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(KapuasUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName : user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        foreach (var role in await UserManager.GetRolesAsync(user))
        {
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, role));
        }

        return identity;
    }
}
