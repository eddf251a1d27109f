using System.Net;
using System.Text.RegularExpressions;
using Kapuas.Admin.Identity;
using Kapuas.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kapuas.Admin.Tests;

/// <summary>
/// The Admin site through WebApplicationFactory, against a fresh PostgreSQL database and a real silo
/// (with a Hangfire server) hosted in the test process.
/// </summary>
public partial class AdminFixture : IAsyncLifetime
{
    public const string AdminPassword = "Rahasia-Admin-2026";
    public const string StaffPassword = "Rahasia-Staf-2026";

    public PostgresDatabase Database { get; } = new();

    public TestClusterIds Ids { get; } = TestClusterIds.New();

    public TestSilo Silo { get; private set; } = null!;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Silo = await TestSilo.StartAsync(Ids, Database.ConnectionString, jobWorkers: 1);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Program reads these before Build(): they must be settings, not late configuration sources.
            web.UseEnvironment("Testing");
            web.UseSetting("KAPUAS_DB", Database.ConnectionString);
            web.UseSetting("KAPUAS_DATA_DIR", TestPaths.DataDirectory());
            web.UseSetting("KAPUAS_ADMIN_PASSWORD", AdminPassword);
            web.UseSetting("KAPUAS_NIK_KEY", TestData.NikKey);
            web.UseSetting("Kapuas:Cluster:ClusterId", Ids.ClusterId);
            web.UseSetting("Kapuas:Cluster:ServiceId", Ids.ServiceId);
            if (ServeOverHttp)
            {
                web.UseSetting("Urls", "http://127.0.0.1:0");
            }
        });
        if (ServeOverHttp)
        {
            Factory.UseKestrel(0);
            Factory.StartServer();
        }
        else
        {
            _ = Factory.Server; // start the host: the first administrator is created here
        }

        await CreateUserAsync("sari", Roles.Caseworker);
        await CreateUserAsync("budi", Roles.Liaison);
        using var plain = Factory.CreateClient();
        Contract = new ApiContract(await plain.GetStringAsync("/openapi/v1.json"));
    }

    /// <summary>The API's own OpenAPI document: every /api answer to the fixture's clients is checked against it.</summary>
    public ApiContract Contract { get; private set; } = null!;

    /// <summary>Served by Kestrel on a free port (for a real browser) instead of the in-memory test server.</summary>
    protected virtual bool ServeOverHttp => false;

    public virtual async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Silo.DisposeAsync();
        await Database.DisposeAsync();
    }

    private readonly Dictionary<string, string> apiKeys = [];

    /// <summary>A client of the JSON API carrying an API key issued to <paramref name="userName"/> (one key per user, made once).</summary>
    public async Task<HttpClient> ApiAsync(string userName)
    {
        if (!apiKeys.TryGetValue(userName, out var key))
        {
            using var scope = Factory.Services.CreateScope();
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<KapuasUser>>().FindByNameAsync(userName);
            key = await Factory.Services.GetRequiredService<ApiKeyStore>().IssueAsync(user!.Id, "tes", "tes");
            apiKeys[userName] = key;
        }

        var client = Anonymous();
        client.DefaultRequestHeaders.Add(ApiKeyStore.Header, key);
        return client;
    }

    /// <summary>A client without redirects, keeping cookies; its /api answers are checked against the OpenAPI document.</summary>
    public HttpClient Anonymous() => ServeOverHttp
        ? Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true })
        : Factory.CreateDefaultClient(new Uri("http://localhost"), Contract.Handler(), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler());

    /// <summary>A client signed in through the real sign-in form (antiforgery token included).</summary>
    public async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        var client = Anonymous();
        var response = await PostFormAsync(client, "/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {response.StatusCode}");
        }

        return client;
    }

    public Task<HttpClient> AdministratorAsync() => SignedInAsync(FirstAdministrator.UserName, AdminPassword);

    public Task<HttpClient> CaseworkerAsync() => SignedInAsync("sari", StaffPassword);

    public Task<HttpClient> LiaisonAsync() => SignedInAsync("budi", StaffPassword);

    /// <summary>
    /// GETs the page (or <paramref name="tokenFrom"/>, for a page the user may not see), takes its antiforgery token,
    /// and posts the form fields to <paramref name="path"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? tokenFrom = null)
    {
        var page = await client.GetStringAsync(tokenFrom ?? path);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {path}.");
        }

        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private async Task CreateUserAsync(string userName, string role)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KapuasUser>>();
        var user = new KapuasUser { UserName = userName, DisplayName = userName };
        var created = await users.CreateAsync(user, StaffPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
    }

    /// <summary>GETs the page for its antiforgery token, then posts a multipart form with one file.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client, string path, string fileField, string fileName, byte[] content, Dictionary<string, string> fields, string? tokenFrom = null)
    {
        var page = await client.GetStringAsync(tokenFrom ?? path);
        var token = AntiforgeryToken().Match(page);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new ByteArrayContent(content), fileField, fileName);
        return await client.PostAsync(path, form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

[CollectionDefinition(Name)]
public sealed class AdminCollection : ICollectionFixture<AdminFixture>
{
    public const string Name = "admin";
}
