using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace Kapuas.Infrastructure.Identity;

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
