namespace Kapuas.Infrastructure.Identity;

/// <summary>A person who signs in to the admin site.</summary>
public sealed class KapuasUser
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string UserName { get; set; } = "";

    public string NormalizedUserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string? Email { get; set; }

    public string? NormalizedEmail { get; set; }

    public bool EmailConfirmed { get; set; }

    public string? PasswordHash { get; set; }

    public string? SecurityStamp { get; set; }

    public string? ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString();

    public DateTimeOffset? LockoutEnd { get; set; }

    public bool LockoutEnabled { get; set; } = true;

    public int AccessFailedCount { get; set; }

    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
