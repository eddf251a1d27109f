namespace Kapuas.Admin.Identity;

/// <summary>
/// A user whose password an administrator set (a new account, a reset) goes to the password page first, whatever
/// page they asked for.
/// </summary>
public sealed class MustChangePassword(RequestDelegate next)
{
    public const string Path = "/Account/ChangePassword";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request.Path;
        if (context.User.HasClaim(KapuasClaimsFactory.MustChangePasswordClaim, "true")
            && !request.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase)
            && !request.StartsWithSegments("/Account/Logout", StringComparison.OrdinalIgnoreCase)
            && !request.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase)
            && !request.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(Path);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
