using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Kapuas.Admin.Identity;

/// <summary>Authenticates API calls by the <c>X-Api-Key</c> header; answers 401/403 as JSON, never a redirect.</summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyStore.Header, out var values) || values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            return AuthenticateResult.NoResult();
        }

        var user = await keys.AuthenticateAsync(values[0]!.Trim());
        if (user is not { } found)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, found.UserName));
        foreach (var role in found.Roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteAsync(StatusCodes.Status401Unauthorized, "auth.key_invalid", "Kunci API (header X-Api-Key) tidak ada, tidak dikenal, dicabut, atau penggunanya dikunci.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteAsync(StatusCodes.Status403Forbidden, "auth.forbidden", "Peran pengguna kunci API ini tidak mengizinkan tindakan ini.");

    /// <summary>The API's one error shape (as the OpenAPI document declares for 401 and 403).</summary>
    private async Task WriteAsync(int status, string code, string message)
    {
        Response.StatusCode = status;
        await Response.WriteAsJsonAsync(new Api.ApiProblem([new Api.ApiError(code, message)], []), Api.KapuasApi.Json);
    }
}
