namespace Kapuas.Admin.Identity;

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
