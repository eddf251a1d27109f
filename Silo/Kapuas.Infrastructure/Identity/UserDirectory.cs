using Dapper;
using Npgsql;

namespace Kapuas.Infrastructure.Identity;

/// <summary>The site's users with their roles, for the administrators' user list.</summary>
public sealed class UserDirectory(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<UserRow>("""
            SELECT u.id AS Id, u.user_name AS UserName, u.display_name AS DisplayName, u.lockout_end AS LockoutEnd,
                   u.access_failed_count AS AccessFailedCount, u.must_change_password AS MustChangePassword,
                   coalesce(string_agg(r.role, ',' ORDER BY r.role), '') AS RoleList
            FROM app.users u LEFT JOIN app.user_roles r ON r.user_id = u.id
            GROUP BY u.id ORDER BY u.user_name
            """)];
    }
}

public sealed class UserRow
{
    public Guid Id { get; init; }
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public DateTime? LockoutEnd { get; init; }
    public int AccessFailedCount { get; init; }
    public bool MustChangePassword { get; init; }
    public string RoleList { get; init; } = "";

    public IReadOnlyList<string> Roles => RoleList.Length == 0 ? [] : RoleList.Split(',');

    public bool Locked(DateTimeOffset now) => LockoutEnd is { } end && new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Utc)) > now;
}
