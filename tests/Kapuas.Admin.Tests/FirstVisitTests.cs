using System.Net;
using AngleSharp.Html.Parser;
using Kapuas.Admin.Identity;

namespace Kapuas.Admin.Tests;

/// <summary>A site on an empty installation, as a newcomer first sees it: no PKS, no worker, no claim.</summary>
public sealed class FirstVisitFixture : AdminFixture;

[CollectionDefinition(Name)]
public sealed class FirstVisitCollection : ICollectionFixture<FirstVisitFixture>
{
    public const string Name = "first-visit";
}

/// <summary>
/// Every page of the route table opened by each role with no query string, in both languages: it answers (after
/// redirects) with a page, or with the role's refusal, and greets nobody with an error they did not cause.
/// </summary>
[Collection(FirstVisitCollection.Name)]
public sealed class FirstVisitTests(FirstVisitFixture fixture)
{
    private static readonly HtmlParser Parser = new();

    public static TheoryData<string, string> RolesAndLanguages => new()
    {
        { FirstAdministrator.UserName, "id-ID" }, { "sari", "id-ID" }, { "budi", "id-ID" },
        { FirstAdministrator.UserName, "en" }, { "sari", "en" }, { "budi", "en" },
    };

    [Theory]
    [MemberData(nameof(RolesAndLanguages))]
    public async Task Every_page_opened_with_no_query_string_is_clean(string user, string culture)
    {
        var client = await fixture.SignedInAsync(user, user == FirstAdministrator.UserName ? AdminFixture.AdminPassword : AdminFixture.StaffPassword);
        if (culture == "en")
        {
            await AdminFixture.PostFormAsync(client, "/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, tokenFrom: "/");
        }

        var pages = RouteTable.Pages(fixture.Factory.Services);
        var problems = new List<string>();
        var opened = 0;
        foreach (var page in pages)
        {
            var (status, finalPath, html) = await OpenAsync(client, page);
            if (finalPath != page && finalPath.StartsWith("/Account/AccessDenied", StringComparison.Ordinal))
            {
                if (user == FirstAdministrator.UserName)
                {
                    problems.Add($"{page}: refused to the administrator");
                }

                continue;
            }

            opened++;
            if (status != HttpStatusCode.OK)
            {
                problems.Add($"{page}: {(int)status} at {finalPath}");
                continue;
            }

            problems.AddRange(Messages(html).Select(m => $"{page} ({finalPath}): \"{m}\""));
            if (culture == "en" && !html.Contains("<html lang=\"en\"", StringComparison.Ordinal))
            {
                problems.Add($"{page}: not in English");
            }
        }

        Assert.True(opened >= (user == FirstAdministrator.UserName ? 20 : 8), $"only {opened} of {pages.Count} pages opened");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>GETs the page and follows redirects within the site; returns the last status, path and body.</summary>
    private static async Task<(HttpStatusCode Status, string Path, string Html)> OpenAsync(HttpClient client, string path)
    {
        for (var hop = 0; hop < 4; hop++)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther && response.Headers.Location is { } location)
            {
                path = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
                continue;
            }

            return (response.StatusCode, path, await response.Content.ReadAsStringAsync());
        }

        return (HttpStatusCode.LoopDetected, path, "");
    }

    /// <summary>The error, alert and validation messages a page shows (hidden, empty summaries are not messages).</summary>
    public static IEnumerable<string> Messages(string html)
    {
        var document = Parser.ParseDocument(html);
        return document.QuerySelectorAll("[role=alert], .validation-summary-errors, .field-validation-error, .error")
            .Select(e => e.TextContent.Trim())
            .Where(text => text.Length > 0)
            .Distinct();
    }
}

/// <summary>What a newcomer is told on an empty installation, and the defaults once the first agreements exist.</summary>
[Collection(FirstVisitCollection.Name)]
public sealed class FirstHourDefaultsTests(FirstVisitFixture fixture)
{
    private static readonly HtmlParser Parser = new();

    private static Dictionary<string, string> Agreement(string code, int year, string start, string end) => new()
    {
        ["Input.Code"] = code, ["Input.Number"] = $"400.7/{code}", ["Input.SignedOn"] = $"{year}-01-02", ["Input.BudgetYear"] = $"{year}",
        ["Input.Start"] = start, ["Input.End"] = end, ["Input.Quota"] = "10", ["Input.DeclaredIncome"] = "1000000",
        ["Input.BudgetCeiling"] = "2016000", ["Input.PartialMonthRule"] = "FullMonth", ["Input.Jkk"] = "true", ["Input.Jkm"] = "true",
    };

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string? Selected(AngleSharp.Html.Dom.IHtmlDocument page, string select) =>
        page.QuerySelector($"select[name='{select}'] option[selected]")?.GetAttribute("value");

    /// <summary>One test, in this order: the empty installation first, then the first agreements.</summary>
    [Fact]
    public async Task A_newcomer_is_told_the_next_step_and_then_offered_the_latest_roster_and_its_successor()
    {
        var admin = await fixture.AdministratorAsync();

        var home = await PageAsync(admin, "/");
        var steps = home.QuerySelector("#first-steps");
        Assert.NotNull(steps);
        Assert.NotNull(steps.QuerySelector("a[href='/Agreements']"));
        Assert.NotNull(steps.QuerySelector("a[href='/Import']"));

        var renewal = await PageAsync(admin, "/Renewal");
        Assert.Contains("Belum ada PKS", renewal.QuerySelector("#next-step")!.TextContent, StringComparison.Ordinal);
        Assert.Null(Selected(renewal, "Input.From"));

        var claims = await PageAsync(admin, "/Claims");
        Assert.Equal("all", Selected(claims, "Scope"));
        Assert.NotNull(claims.QuerySelector("#scope-note"));
        Assert.NotNull(claims.QuerySelector("#next-step a[href='/Workers']"));

        var workers = await PageAsync(await fixture.CaseworkerAsync(), "/Workers");
        Assert.Contains("Administrator mengimpor daftar peserta", workers.QuerySelector("#next-step")!.TextContent, StringComparison.Ordinal);

        // 2025 active, 2026 signed, 2027 a draft: the renewal form offers 2025 → 2026.
        Assert.Equal(HttpStatusCode.Redirect, (await AdminFixture.PostFormAsync(admin, "/Agreements", Agreement("PKS-2025", 2025, "2025-03-01", "2025-09-30"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AdminFixture.PostFormAsync(admin, "/Agreements", Agreement("PKS-2026", 2026, "2026-01-01", "2026-12-31"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AdminFixture.PostFormAsync(admin, "/Agreements", Agreement("PKS-2027", 2027, "2027-01-01", "2027-12-31"))).StatusCode);
        foreach (var (code, status) in new[] { ("PKS-2025", "Signed"), ("PKS-2025", "Active"), ("PKS-2026", "Signed") })
        {
            var moved = await AdminFixture.PostFormAsync(admin, $"/Agreements?handler=Status&code={code}&status={status}", [], tokenFrom: "/Agreements");
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        }

        renewal = await PageAsync(admin, "/Renewal");
        Assert.Equal("PKS-2025", Selected(renewal, "Input.From"));
        Assert.Equal("PKS-2026", Selected(renewal, "Input.To"));
        Assert.Null(renewal.QuerySelector("#next-step"));
        Assert.Null((await PageAsync(admin, "/")).QuerySelector("#first-steps a[href='/Agreements']"));
    }
}
