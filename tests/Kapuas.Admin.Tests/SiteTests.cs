using System.Net;
using Kapuas.Admin.Identity;
using Kapuas.Admin.Pages.Diagnostics;
using Kapuas.Grains.Diagnostics;
using Kapuas.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Kapuas.Admin.Tests;

[Collection(AdminCollection.Name)]
public sealed class SiteTests(AdminFixture fixture)
{
    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        var response = await fixture.Anonymous().GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_renders_for_a_signed_in_user_and_reaches_the_cluster()
    {
        var client = await fixture.CaseworkerAsync();

        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Selamat datang, sari", html, StringComparison.Ordinal);
        Assert.Contains("terhubung", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_in_bahasa_indonesia()
    {
        var response = await AdminFixture.PostFormAsync(fixture.Anonymous(), "/Account/Login",
            new() { ["Input.UserName"] = "sari", ["Input.Password"] = "salah-sekali" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Nama pengguna atau kata sandi salah.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_sign_in_form_says_what_is_missing()
    {
        var response = await AdminFixture.PostFormAsync(fixture.Anonymous(), "/Account/Login",
            new() { ["Input.UserName"] = "", ["Input.Password"] = "" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Nama pengguna wajib diisi.", html, StringComparison.Ordinal);
        Assert.Contains("Kata sandi wajib diisi.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_without_sign_in()
    {
        var response = await fixture.Anonymous().GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_administrator_exists_with_the_administrator_role()
    {
        using var scope = fixture.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KapuasUser>>();
        var admin = await users.FindByNameAsync(FirstAdministrator.UserName);

        Assert.NotNull(admin);
        Assert.Equal([Roles.Administrator], await users.GetRolesAsync(admin));
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_administrators_only()
    {
        Assert.Equal(HttpStatusCode.OK, (await (await fixture.AdministratorAsync()).GetAsync("/hangfire")).StatusCode);

        var caseworker = await (await fixture.CaseworkerAsync()).GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, caseworker.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", caseworker.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var anonymous = await fixture.Anonymous().GetAsync("/hangfire");
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_diagnostics_page_is_for_administrators_only()
    {
        var liaison = await (await fixture.LiaisonAsync()).GetAsync("/Diagnostics");

        Assert.Equal(HttpStatusCode.Redirect, liaison.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", liaison.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_enqueued_from_the_admin_runs_on_the_silo_and_calls_a_grain()
    {
        var grain = fixture.Silo.Grains.GetGrain<ISystemCheckGrain>(IndexModel.CheckName);
        var before = (await grain.GetAsync()).TimesRecorded;
        var client = await fixture.AdministratorAsync();

        var response = await AdminFixture.PostFormAsync(client, "/Diagnostics", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await Eventually.UntilAsync(async () => (await grain.GetAsync()).TimesRecorded == before + 1, TimeSpan.FromSeconds(60), "the job ran");
        var view = await grain.GetAsync();
        Assert.Equal(FirstAdministrator.UserName, view.Recent[^1].RequestedBy);
        Assert.Equal("hangfire", view.Recent[^1].Source);

        var page = await client.GetStringAsync("/Diagnostics");
        Assert.Contains("hangfire", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await fixture.LiaisonAsync();

        var response = await AdminFixture.PostFormAsync(client, "/Account/Logout", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var after = await client.GetAsync("/");
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_can_rebuild_the_roster_index_and_the_job_runs_on_the_silo()
    {
        var client = await fixture.AdministratorAsync();

        var response = await AdminFixture.PostFormAsync(client, "/Diagnostics?handler=Rebuild", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Eventually.UntilAsync(
            async () => await fixture.Database.ScalarAsync<long>(
                "SELECT count(*) FROM hangfire.job WHERE statename = 'Succeeded' AND invocationdata::text LIKE '%IRosterRebuildJob%'") == 1,
            TimeSpan.FromSeconds(60), "the rebuild job succeeded");
    }

    [Fact]
    public async Task A_liaison_cannot_start_a_rebuild()
    {
        var client = await fixture.LiaisonAsync();
        const string jobs = "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%IRosterRebuildJob%'";
        var before = await fixture.Database.ScalarAsync<long>(jobs);

        var response = await AdminFixture.PostFormAsync(client, "/Diagnostics?handler=Rebuild", [], tokenFrom: "/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Database.ScalarAsync<long>(jobs));
    }
}
