namespace Kapuas.Admin.Identity;

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

/// <summary>The three roles of the product and the policies built from them.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Caseworker = "Caseworker";
    public const string Liaison = "Liaison";

    public static IReadOnlyList<string> All { get; } = [Administrator, Caseworker, Liaison];
}

public static class Policies
{
    /// <summary>Administrators only: users, roster import, agreements, renewal, jobs dashboard.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Case handling: caseworkers and administrators.</summary>
    public const string CaseHandling = "CaseHandling";

    /// <summary>Reading participant data: every role, the liaison included.</summary>
    public const string Reader = "Reader";

    /// <summary>The same three rules for the JSON API, authenticated by API key only (never by the site's cookie).</summary>
    public const string ApiAdministrator = "Api.Administrator";

    public const string ApiCaseHandling = "Api.CaseHandling";

    public const string ApiReader = "Api.Reader";
}
