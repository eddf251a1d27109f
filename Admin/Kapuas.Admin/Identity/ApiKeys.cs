using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kapuas.Admin.Identity;

public sealed class ApiKeyRow
{
    public Guid KeyId { get; init; }
    public string Name { get; init; } = "";
    public string Prefix { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTime? RevokedAt { get; init; }
    public DateTime? LastUsedAt { get; init; }
}

/// <summary>Per-user API keys: issued by administrators, kept only as a SHA-256 hash, shown once.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource db, TimeProvider clock)
{
    public const string Header = "X-Api-Key";
    private const string KeyPrefix = "kpk_";

    public async Task<string> IssueAsync(Guid userId, string name, string by)
    {
        var key = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO app.api_keys (key_id, user_id, name, key_hash, prefix, created_at, created_by)
            VALUES (@id, @userId, @name, @hash, @prefix, @at, @by)
            """, new { id = Guid.CreateVersion7(), userId, name, hash = Hash(key), prefix = key[..10], at = clock.GetUtcNow().UtcDateTime, by });
        return key;
    }

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(Guid userId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<ApiKeyRow>("""
            SELECT key_id AS KeyId, name AS Name, prefix AS Prefix, created_at AS CreatedAt, created_by AS CreatedBy,
                   revoked_at AS RevokedAt, last_used_at AS LastUsedAt
            FROM app.api_keys WHERE user_id = @userId ORDER BY created_at DESC
            """, new { userId })];
    }

    public async Task<bool> RevokeAsync(Guid userId, Guid keyId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            "UPDATE app.api_keys SET revoked_at = @at WHERE key_id = @keyId AND user_id = @userId AND revoked_at IS NULL",
            new { keyId, userId, at = clock.GetUtcNow().UtcDateTime }) == 1;
    }

    /// <summary>The user a key belongs to, with roles; null when the key is unknown, revoked, or its user is locked.</summary>
    public async Task<(string UserName, IReadOnlyList<string> Roles)?> AuthenticateAsync(string key)
    {
        if (key.Length is < 20 or > 100 || !key.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await db.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(string UserName, string? Role)>("""
            WITH k AS (
                UPDATE app.api_keys SET last_used_at = @now
                WHERE key_hash = @hash AND revoked_at IS NULL
                RETURNING user_id)
            SELECT u.user_name, r.role FROM k JOIN app.users u ON u.id = k.user_id
            LEFT JOIN app.user_roles r ON r.user_id = u.id
            WHERE u.lockout_end IS NULL OR u.lockout_end <= @now
            """, new { hash = Hash(key), now })).ToList();
        return rows.Count == 0 ? null : (rows[0].UserName, [.. rows.Select(r => r.Role).OfType<string>()]);
    }

    private static byte[] Hash(string key) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

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
