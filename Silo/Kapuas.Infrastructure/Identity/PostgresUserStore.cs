using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Kapuas.Infrastructure.Identity;

/// <summary>
/// ASP.NET Core Identity's user store on the application's PostgreSQL tables (<c>app.users</c>, <c>app.user_roles</c>).
/// Updates are guarded by the concurrency stamp, as Identity expects.
/// </summary>
public sealed class PostgresUserStore(NpgsqlDataSource db) :
    IUserPasswordStore<KapuasUser>,
    IUserSecurityStampStore<KapuasUser>,
    IUserRoleStore<KapuasUser>,
    IUserLockoutStore<KapuasUser>,
    IUserEmailStore<KapuasUser>
{
    private const string Columns = """
        id AS Id, user_name AS UserName, normalized_user_name AS NormalizedUserName, display_name AS DisplayName,
        email AS Email, normalized_email AS NormalizedEmail, email_confirmed AS EmailConfirmed,
        password_hash AS PasswordHash, security_stamp AS SecurityStamp, concurrency_stamp AS ConcurrencyStamp,
        lockout_end AS LockoutEnd, lockout_enabled AS LockoutEnabled, access_failed_count AS AccessFailedCount,
        must_change_password AS MustChangePassword, created_at AS CreatedAt
        """;

    public async Task<IdentityResult> CreateAsync(KapuasUser user, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        try
        {
            user.CreatedAt = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition("""
                INSERT INTO app.users (id, user_name, normalized_user_name, display_name, email, normalized_email,
                    email_confirmed, password_hash, security_stamp, concurrency_stamp, lockout_end, lockout_enabled,
                    access_failed_count, must_change_password)
                VALUES (@Id, @UserName, @NormalizedUserName, @DisplayName, @Email, @NormalizedEmail,
                    @EmailConfirmed, @PasswordHash, @SecurityStamp, @ConcurrencyStamp, @LockoutEnd, @LockoutEnabled,
                    @AccessFailedCount, @MustChangePassword)
                RETURNING created_at
                """, user, cancellationToken: cancellationToken));
            return IdentityResult.Success;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.UserName));
        }
    }

    public async Task<IdentityResult> UpdateAsync(KapuasUser user, CancellationToken cancellationToken)
    {
        var expectedStamp = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        try
        {
            var rows = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE app.users SET user_name = @UserName, normalized_user_name = @NormalizedUserName,
                    display_name = @DisplayName, email = @Email, normalized_email = @NormalizedEmail,
                    email_confirmed = @EmailConfirmed, password_hash = @PasswordHash, security_stamp = @SecurityStamp,
                    concurrency_stamp = @ConcurrencyStamp, lockout_end = @LockoutEnd, lockout_enabled = @LockoutEnabled,
                    access_failed_count = @AccessFailedCount, must_change_password = @MustChangePassword
                WHERE id = @Id AND concurrency_stamp IS NOT DISTINCT FROM @ExpectedStamp
                """,
                new
                {
                    user.Id, user.UserName, user.NormalizedUserName, user.DisplayName, user.Email, user.NormalizedEmail,
                    user.EmailConfirmed, user.PasswordHash, user.SecurityStamp, user.ConcurrencyStamp, user.LockoutEnd,
                    user.LockoutEnabled, user.AccessFailedCount, user.MustChangePassword, ExpectedStamp = expectedStamp,
                },
                cancellationToken: cancellationToken));
            if (rows == 0)
            {
                user.ConcurrencyStamp = expectedStamp;
                return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
            }

            return IdentityResult.Success;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            user.ConcurrencyStamp = expectedStamp;
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.UserName));
        }
    }

    public async Task<IdentityResult> DeleteAsync(KapuasUser user, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM app.users WHERE id = @Id", new { user.Id }, cancellationToken: cancellationToken));
        return IdentityResult.Success;
    }

    public async Task<KapuasUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(userId, out var id))
        {
            return null;
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<KapuasUser>(new CommandDefinition(
            $"SELECT {Columns} FROM app.users WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<KapuasUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<KapuasUser>(new CommandDefinition(
            $"SELECT {Columns} FROM app.users WHERE normalized_user_name = @normalizedUserName",
            new { normalizedUserName }, cancellationToken: cancellationToken));
    }

    public async Task<KapuasUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<KapuasUser>(new CommandDefinition(
            $"SELECT {Columns} FROM app.users WHERE normalized_email = @normalizedEmail ORDER BY created_at LIMIT 1",
            new { normalizedEmail }, cancellationToken: cancellationToken));
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM app.users", cancellationToken: cancellationToken));
    }

    public Task<string> GetUserIdAsync(KapuasUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id.ToString());

    public Task<string?> GetUserNameAsync(KapuasUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(KapuasUser user, string? userName, CancellationToken cancellationToken)
    {
        user.UserName = userName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(KapuasUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(KapuasUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(KapuasUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(KapuasUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(KapuasUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(KapuasUser user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(KapuasUser user, CancellationToken cancellationToken) => Task.FromResult(user.SecurityStamp);

    public async Task AddToRoleAsync(KapuasUser user, string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var role = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT name FROM app.roles WHERE normalized_name = @roleName", new { roleName }, cancellationToken: cancellationToken))
            ?? throw new InvalidOperationException($"Peran '{roleName}' tidak dikenal. (Unknown role.)");
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO app.user_roles (user_id, role) VALUES (@Id, @role) ON CONFLICT DO NOTHING",
            new { user.Id, role }, cancellationToken: cancellationToken));
    }

    public async Task RemoveFromRoleAsync(KapuasUser user, string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM app.user_roles ur USING app.roles r
            WHERE ur.role = r.name AND ur.user_id = @Id AND r.normalized_name = @roleName
            """, new { user.Id, roleName }, cancellationToken: cancellationToken));
    }

    public async Task<IList<string>> GetRolesAsync(KapuasUser user, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var roles = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT role FROM app.user_roles WHERE user_id = @Id ORDER BY role", new { user.Id }, cancellationToken: cancellationToken));
        return [.. roles];
    }

    public async Task<bool> IsInRoleAsync(KapuasUser user, string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM app.user_roles ur JOIN app.roles r ON r.name = ur.role
                           WHERE ur.user_id = @Id AND r.normalized_name = @roleName)
            """, new { user.Id, roleName }, cancellationToken: cancellationToken));
    }

    public async Task<IList<KapuasUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var users = await connection.QueryAsync<KapuasUser>(new CommandDefinition($"""
            SELECT {Columns} FROM app.users u
            WHERE EXISTS (SELECT 1 FROM app.user_roles ur JOIN app.roles r ON r.name = ur.role
                          WHERE ur.user_id = u.id AND r.normalized_name = @roleName)
            ORDER BY u.user_name
            """, new { roleName }, cancellationToken: cancellationToken));
        return [.. users];
    }

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(KapuasUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(KapuasUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(KapuasUser user, CancellationToken cancellationToken) =>
        Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(KapuasUser user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(KapuasUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(KapuasUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(KapuasUser user, bool enabled, CancellationToken cancellationToken)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task SetEmailAsync(KapuasUser user, string? email, CancellationToken cancellationToken)
    {
        user.Email = email;
        return Task.CompletedTask;
    }

    public Task<string?> GetEmailAsync(KapuasUser user, CancellationToken cancellationToken) => Task.FromResult(user.Email);

    public Task<bool> GetEmailConfirmedAsync(KapuasUser user, CancellationToken cancellationToken) => Task.FromResult(user.EmailConfirmed);

    public Task SetEmailConfirmedAsync(KapuasUser user, bool confirmed, CancellationToken cancellationToken)
    {
        user.EmailConfirmed = confirmed;
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedEmailAsync(KapuasUser user, CancellationToken cancellationToken) => Task.FromResult(user.NormalizedEmail);

    public Task SetNormalizedEmailAsync(KapuasUser user, string? normalizedEmail, CancellationToken cancellationToken)
    {
        user.NormalizedEmail = normalizedEmail;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // The data source is owned by the container.
    }
}
