using System.Net;
using System.Text;
using Kapuas.Admin.Identity;
using Orleans.Runtime;

namespace Kapuas.Admin.Tests;

/// <summary>
/// Every page and endpoint in the application's own route table, and who may reach it. A new page or endpoint that
/// is not listed here fails the test, so nothing can be added without deciding who may use it.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class RoleMatrixTests(AdminFixture fixture)
{
    private enum Access
    {
        Anyone,
        Reader,
        CaseHandling,
        Administrator,
        ApiReader,
        ApiCaseHandling,
        ApiAdministrator,
        Nobody,
    }

    /// <summary>The decision for each route ("METHOD /pattern"; pages answer GET).</summary>
    private static readonly Dictionary<string, Access> Expected = new(StringComparer.Ordinal)
    {
        ["GET /"] = Access.Reader,
        ["GET /Index"] = Access.Reader,
        ["GET /Error"] = Access.Anyone,
        ["GET /Language"] = Access.Anyone,
        ["GET /Account/Login"] = Access.Anyone,
        ["GET /Account/AccessDenied"] = Access.Anyone,
        ["GET /Account/Logout"] = Access.Reader,
        ["GET /Account/ChangePassword"] = Access.Reader,
        ["GET /Workers"] = Access.Reader,
        ["GET /Workers/Index"] = Access.Reader,
        ["GET /Workers/Detail"] = Access.Reader,
        ["GET /Workers/Family"] = Access.CaseHandling,
        ["GET /Continuity"] = Access.Reader,
        ["GET /Continuity/Index"] = Access.Reader,
        ["GET /Claims"] = Access.CaseHandling,
        ["GET /Claims/Index"] = Access.CaseHandling,
        ["GET /Claims/New"] = Access.CaseHandling,
        ["GET /Claims/Detail"] = Access.Reader,
        ["GET /Claims/Attachment"] = Access.Reader,
        ["GET /Claims/File"] = Access.Reader,
        ["GET /Agreements"] = Access.Administrator,
        ["GET /Agreements/Index"] = Access.Administrator,
        ["GET /Bills"] = Access.Administrator,
        ["GET /Bills/Index"] = Access.Administrator,
        ["GET /DoubleCover"] = Access.Administrator,
        ["GET /DoubleCover/Index"] = Access.Administrator,
        ["GET /Import"] = Access.Administrator,
        ["GET /Import/Index"] = Access.Administrator,
        ["GET /Import/Batch/{id:guid}"] = Access.Administrator,
        ["GET /Renewal"] = Access.Administrator,
        ["GET /Renewal/Index"] = Access.Administrator,
        ["GET /Renewal/Plan/{id:guid}"] = Access.Administrator,
        ["GET /Budget"] = Access.Administrator,
        ["GET /Budget/Index"] = Access.Administrator,
        ["GET /Diagnostics"] = Access.Administrator,
        ["GET /Diagnostics/Index"] = Access.Administrator,
        ["GET /Holidays"] = Access.Administrator,
        ["GET /Holidays/Index"] = Access.Administrator,
        ["GET /CoverLetter"] = Access.Administrator,
        ["GET /CoverLetter/Index"] = Access.Administrator,
        ["GET /Users"] = Access.Administrator,
        ["GET /Users/Index"] = Access.Administrator,
        ["GET /Access"] = Access.Administrator,
        ["GET /Access/Index"] = Access.Administrator,
        ["GET /hangfire/{**path}"] = Access.Administrator,
        // The dashboard's live trace would stream the Admin's own log: hidden from everyone.
        ["GET /orleans/Trace"] = Access.Nobody,
        ["GET /health"] = Access.Anyone,
        ["GET /openapi/{documentName}.json"] = Access.Anyone,
        ["POST /api/nik/check"] = Access.ApiReader,
        ["POST /api/workers/search"] = Access.ApiReader,
        ["GET /api/workers/{id:guid}"] = Access.ApiReader,
        ["GET /api/workers/{id:guid}/coverage"] = Access.ApiReader,
        ["GET /api/workers/{id:guid}/family"] = Access.ApiReader,
        ["GET /api/workers/{id:guid}/claims/{claimId:guid}"] = Access.ApiReader,
        ["GET /api/agreements"] = Access.ApiReader,
        ["GET /api/agreements/{code}/cost"] = Access.ApiReader,
        ["GET /api/renewals/{id:guid}"] = Access.ApiReader,
        ["POST /api/workers"] = Access.ApiAdministrator,
        ["POST /api/workers/{id:guid}/periods"] = Access.ApiAdministrator,
        ["POST /api/workers/{id:guid}/enrolments"] = Access.ApiAdministrator,
        ["POST /api/workers/{id:guid}/exit"] = Access.ApiAdministrator,
        ["POST /api/renewals/preview"] = Access.ApiAdministrator,
        ["POST /api/renewals/{id:guid}/start"] = Access.ApiAdministrator,
        ["POST /api/workers/{id:guid}/family"] = Access.ApiCaseHandling,
        ["POST /api/workers/{id:guid}/claims"] = Access.ApiCaseHandling,
        ["POST /api/workers/{id:guid}/claims/{claimId:guid}/transitions"] = Access.ApiCaseHandling,
        ["POST /api/workers/{id:guid}/claims/{claimId:guid}/documents"] = Access.ApiCaseHandling,
    };

    private static readonly string[] RoleNames = ["anonymous", "budi", "sari", "admin"];

    /// <summary>The Orleans Dashboard's pages and data (its own route group under /orleans): administrators only.</summary>
    private const string Dashboard = "GET /orleans";

    private IReadOnlyList<string> RouteTable() => Tests.RouteTable.Of(fixture.Factory.Services);

    private static bool Decided(string route) => Expected.ContainsKey(route) || route.StartsWith(Dashboard, StringComparison.Ordinal);

    private static Access Decision(string route) =>
        Expected.TryGetValue(route, out var access) ? access : route.StartsWith(Dashboard, StringComparison.Ordinal) ? Access.Administrator : throw new KeyNotFoundException(route);

    private static bool Allowed(Access access, int role) => access switch
    {
        Access.Anyone => true,
        Access.Nobody => false,
        Access.Reader or Access.ApiReader => role >= 1,
        Access.CaseHandling or Access.ApiCaseHandling => role >= 2,
        _ => role == 3,
    };

    private async Task<HttpClient> ClientAsync(int role, bool api) => (role, api) switch
    {
        (0, _) => fixture.Anonymous(),
        (_, true) => await fixture.ApiAsync(role == 1 ? "budi" : role == 2 ? "sari" : FirstAdministrator.UserName),
        (1, false) => await fixture.LiaisonAsync(),
        (2, false) => await fixture.CaseworkerAsync(),
        _ => await fixture.AdministratorAsync(),
    };

    private static string Concrete(string pattern, string siloAddress) => pattern
        .Replace("{*address}", siloAddress, StringComparison.Ordinal)
        .Replace("{*path}", siloAddress, StringComparison.Ordinal)
        .Replace("{page:int}", "1", StringComparison.Ordinal)
        .Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{claimId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{code}", "TIDAK-ADA", StringComparison.Ordinal)
        .Replace("{documentName}", "v1", StringComparison.Ordinal)
        .Replace("{**path}", "", StringComparison.Ordinal);

    [Fact]
    public void Every_route_in_the_application_has_a_decided_access()
    {
        var unlisted = RouteTable().Where(r => !Decided(r)).ToList();

        Assert.True(unlisted.Count == 0, "Routes with no access decision in this test: " + string.Join(", ", unlisted));
        var gone = Expected.Keys.Except(RouteTable()).ToList();
        Assert.True(gone.Count == 0, "Listed here but not in the application: " + string.Join(", ", gone));
    }

    [Fact]
    public async Task Each_role_reaches_exactly_the_routes_it_may()
    {
        var failures = new List<string>();
        Assert.Contains(RouteTable(), r => r.StartsWith(Dashboard, StringComparison.Ordinal));
        var silo = (await fixture.Silo.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.First().ToParsableString();
        foreach (var route in RouteTable().Where(Decided))
        {
            var access = Decision(route);
            var api = access is Access.ApiReader or Access.ApiCaseHandling or Access.ApiAdministrator;
            var (method, pattern) = (route.Split(' ')[0], route.Split(' ', 2)[1]);
            for (var role = 0; role < RoleNames.Length; role++)
            {
                var client = await ClientAsync(role, api);
                using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(pattern, silo));
                if (method == "POST")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                var response = await client.SendAsync(request);
                var location = response.Headers.Location?.OriginalString ?? "";
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && (location.Contains("/Account/Login", StringComparison.Ordinal) || location.Contains("/Account/AccessDenied", StringComparison.Ordinal)));
                if (refused == Allowed(access, role))
                {
                    failures.Add($"{route} as {RoleNames[role]}: {(int)response.StatusCode} {location}");
                }

                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{route} as {RoleNames[role]}: server error {(int)response.StatusCode}");
                }

                failures.AddRange(SecurityHeaderFailures(response).Select(f => $"{route} as {RoleNames[role]}: {f}"));
                if (pattern.StartsWith("/api/", StringComparison.Ordinal) && (int)response.StatusCode >= 400
                    && await ApiErrorShapeFailureAsync(response) is { } shape)
                {
                    failures.Add($"{route} as {RoleNames[role]}: {(int)response.StatusCode} {shape}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>What every response must carry against framing, sniffing, leaking and injected script.</summary>
    public static IEnumerable<string> SecurityHeaderFailures(HttpResponseMessage response)
    {
        var csp = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(' ', values) : "";
        var script = csp.Split(';').Select(d => d.Trim()).FirstOrDefault(d => d.StartsWith("script-src ", StringComparison.Ordinal)) ?? "";
        if (!csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal))
        {
            yield return "no Content-Security-Policy with frame-ancestors 'none'";
        }

        if (script != "script-src 'self'")
        {
            yield return $"script-src is '{script}', not 'self' only";
        }

        if (!response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) || sniff.Single() != "nosniff")
        {
            yield return "no X-Content-Type-Options: nosniff";
        }

        if (!response.Headers.TryGetValues("X-Frame-Options", out var frame) || frame.Single() != "DENY")
        {
            yield return "no X-Frame-Options: DENY";
        }

        if (!response.Headers.Contains("Referrer-Policy"))
        {
            yield return "no Referrer-Policy";
        }
    }

    /// <summary>Null when the body is the API's documented error shape: {"errors":[{"code","message","field"}], ...}.</summary>
    public static async Task<string?> ApiErrorShapeFailureAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            var errors = json.RootElement.GetProperty("errors");
            return errors.GetArrayLength() > 0 && errors.EnumerateArray().All(e =>
                e.TryGetProperty("code", out var code) && code.ValueKind == System.Text.Json.JsonValueKind.String
                && e.TryGetProperty("message", out var message) && message.ValueKind == System.Text.Json.JsonValueKind.String
                && e.TryGetProperty("field", out _))
                ? null
                : $"errors without code, message and field: {body}";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"not the API's error shape: {body}";
        }
    }
}
