using System.Net;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Workers;
using Kapuas.Testing;
using Microsoft.Playwright;

namespace Kapuas.Admin.Tests;

/// <summary>
/// Over a real socket (Kestrel on loopback, where the reverse proxy would be): the forwarded TLS makes the sign-in cookie
/// Secure and adds HSTS; in Chromium the Content-Security-Policy refuses nothing the pages need, the dashboard included.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserHardeningTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Behind_the_tls_proxy_the_sign_in_cookie_is_secure_and_hsts_is_sent()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(fixture.BaseUrl) };
        var plain = await http.GetAsync("/Account/Login");
        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var tls = await http.SendAsync(proxied);

        Assert.Equal(HttpStatusCode.OK, tls.StatusCode);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains("max-age=", Assert.Single(tls.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.All(tls.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(plain.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_policy_blocks_nothing_on_the_pages_the_dashboard_or_the_job_monitor_and_the_language_switch_works()
    {
        var id = Guid.CreateVersion7();
        (await fixture.Silo.Grains.GetGrain<IWorkerGrain>(id).RegisterAsync(TestData.Profile("Kebijakan Keamanan", Sex.Male), TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        var page = await fixture.SignInAsync("admin", AdminFixture.AdminPassword);
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add($"{page.Url}: {message.Text}");
            }
        };

        foreach (var path in new[] { "/", $"/Workers/Detail?id={id}", "/Diagnostics", "/hangfire", "/orleans/" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        await Assertions.Expect(page.Locator("#menu")).Not.ToBeEmptyAsync();
        await BrowserFixture.ShotAsync(page, "5-administrator-orleans-dashboard");
        await page.GotoAsync("/");
        await page.SelectOptionAsync("#culture", "en");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
        await page.SelectOptionAsync("#culture", "id-ID");
    }
}
