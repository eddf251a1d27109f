using System.Net;
using System.Text;
using System.Text.Json;
using Kapuas.Domain.Renewal;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Renewal;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Renewal;
using Kapuas.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kapuas.Admin.Tests;

/// <summary>An administrator records the agreements and runs a renewal through the pages.</summary>
[Collection(AdminCollection.Name)]
public sealed class RenewalPageTests(AdminFixture fixture)
{
    private static Dictionary<string, string> Agreement(string code, int year, string start, string end, int quota, long budget) => new()
    {
        ["Input.Code"] = code, ["Input.Number"] = $"400.7/{code}", ["Input.SignedOn"] = $"{year}-01-02", ["Input.BudgetYear"] = $"{year}",
        ["Input.Start"] = start, ["Input.End"] = end, ["Input.Quota"] = $"{quota}", ["Input.DeclaredIncome"] = "1000000",
        ["Input.BudgetCeiling"] = $"{budget}", ["Input.PartialMonthRule"] = "FullMonth", ["Input.Jkk"] = "true", ["Input.Jkm"] = "true",
    };

    /// <summary>
    /// Two new signed agreements, one for 2026 and one starting in 2099, and the renewal from the first into the second
    /// previewed with <paramref name="priority"/> and approved (so scheduled for its start date): the plan's path and id.
    /// </summary>
    private static async Task<(string Plan, string Id)> ApprovedInto2099Async(HttpClient client, string priority)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var (from, to) = ($"C{suffix}", $"D{suffix}");
        await AdminFixture.PostFormAsync(client, "/Agreements", Agreement(from, 2026, "2026-01-01", "2026-12-31", 10, 2_016_000));
        await AdminFixture.PostFormAsync(client, "/Agreements", Agreement(to, 2099, "2099-01-01", "2099-12-31", 10, 2_016_000));
        await SignAsync(client, from);
        await SignAsync(client, to);
        var open = await AdminFixture.PostFormAsync(client, "/Renewal", new() { ["Input.From"] = from, ["Input.To"] = to, ["Input.Priority"] = priority });
        var plan = open.Headers.Location!.OriginalString;
        await AdminFixture.PostFormAsync(client, $"{plan}?handler=Approve", [], tokenFrom: plan);
        return (plan, plan.Split('/')[^1]);
    }

    private static async Task SignAsync(HttpClient client, string code)
    {
        var response = await AdminFixture.PostFormAsync(client, $"/Agreements?handler=Status&code={code}&status=Signed", [], tokenFrom: "/Agreements");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task An_administrator_records_the_agreements_and_runs_a_renewal_to_completion()
    {
        var client = await fixture.AdministratorAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var (from, to) = ($"A{suffix}", $"B{suffix}");
        Assert.Equal(HttpStatusCode.Redirect, (await AdminFixture.PostFormAsync(client, "/Agreements", Agreement(from, 2025, "2025-03-01", "2025-09-30", 100, 11_760_000))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AdminFixture.PostFormAsync(client, "/Agreements", Agreement(to, 2026, "2026-01-01", "2026-12-31", 3, 604_800))).StatusCode);
        await SignAsync(client, from);
        await SignAsync(client, to);

        var workers = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var id = Guid.CreateVersion7();
            var grain = fixture.Silo.Grains.GetGrain<IWorkerGrain>(id);
            (await grain.RegisterAsync(TestData.Profile($"Perpanjang {suffix} {i}", Sex.Male, TestData.Nik(Sex.Male, new DateOnly(1988, 4, 12))) with { Sex = Sex.Male }, TestData.Context())).Expect();
            (await grain.EnrollFromStartAsync(from, TestData.Context())).Expect();
            workers.Add(id);
        }

        var open = await AdminFixture.PostFormAsync(client, "/Renewal", new() { ["Input.From"] = from, ["Input.To"] = to, ["Input.Priority"] = "LongestContinuousMembership" });
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        var plan = open.Headers.Location!.OriginalString;
        var preview = WebUtility.HtmlDecode(await client.GetStringAsync(plan));
        Assert.Contains("jeda 92 hari", preview, StringComparison.Ordinal);
        Assert.Contains("Di luar kuota 3", preview, StringComparison.Ordinal);

        var approve = await AdminFixture.PostFormAsync(client, $"{plan}?handler=Approve", new() { ["startNow"] = "true" }, tokenFrom: plan);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        await Eventually.UntilAsync(async () =>
            JsonDocument.Parse(await client.GetStringAsync($"{plan}?handler=Progress")).RootElement.GetProperty("status").GetString() == "completed",
            TimeSpan.FromSeconds(60), "the renewal completed");

        var renewed = 0;
        foreach (var id in workers)
        {
            renewed += (await fixture.Silo.Grains.GetGrain<IWorkerGrain>(id).GetAsync(new DateOnly(2026, 6, 1)))!.Periods.Count(p => p.AgreementId == to);
        }

        Assert.Equal(3, renewed);
        var report = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"{plan}?handler=Report&format=csv"));
        Assert.Equal(2, report.Split('\n').Count(l => l.Contains("OverQuota", StringComparison.Ordinal)));
        Assert.Contains($"Perpanjang {suffix}", report, StringComparison.Ordinal);
        // Who approved and who started, each with the time: the rows of the plan's summary, not any "admin" on the page.
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(plan));
        Assert.Matches(@"<th>Disetujui</th><td>\d\d/\d\d/\d{4} \d\d[.:]\d\d[^<]* · admin</td>", page);
        Assert.Matches(@"<th>Dimulai</th><td>\d\d/\d\d/\d{4} \d\d[.:]\d\d[^<]* · admin</td>", page);
    }

    [Fact]
    public async Task A_renewal_whose_runs_keep_failing_is_marked_failed_with_its_reason_then_resumes_renewing_nobody_twice()
    {
        const int workers = 40;
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var (from, to) = ($"FA{suffix}", $"FB{suffix}");
        var previous = await TestRoster.SignedAgreementAsync(fixture.Silo.Grains, from, TestData.Agreement2025(quota: workers));
        var next = await TestRoster.SignedAgreementAsync(fixture.Silo.Grains, to, TestData.Agreement2026(quota: workers));
        await TestRoster.EnrolledAsync(fixture.Silo.Grains, previous, workers, seed: Random.Shared.Next(100_000, 900_000));
        var store = fixture.Silo.Services.GetRequiredService<RenewalStore>();
        var view = (await next.GetAsync())!;
        var id = await RenewalPreview.CreateAsync(store, view.Terms.ToAgreement(to), view.Enrolled, from, RenewalPriority.LongestContinuousMembership, "admin", TestData.Now);
        Assert.True(await store.ApproveAsync(id, "admin", TestData.Now, null));

        // The fault: PostgreSQL refuses to record any worker of this renewal as done, after their grains enrolled them.
        var function = $"renewal_fault_{suffix.ToLowerInvariant()}";
        await fixture.Database.ScalarAsync<int?>($"""
            CREATE FUNCTION app.{function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'fault injected for renewal {id}'; END $$;
            CREATE TRIGGER {function} BEFORE UPDATE ON app.renewal_items FOR EACH ROW
            WHEN (NEW.renewal_id = '{id}') EXECUTE FUNCTION app.{function}();
            """);
        var job = fixture.Silo.Services.GetRequiredService<IRenewalJob>();
        for (var run = 1; run < RenewalStatuses.MaxAttempts; run++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => job.RunAsync(id, "admin", CancellationToken.None)); // Hangfire would retry
            Assert.Equal("running", await fixture.Database.ScalarAsync<string>($"SELECT status FROM app.renewals WHERE renewal_id = '{id}'"));
        }

        await job.RunAsync(id, "admin", CancellationToken.None); // the last run gives up: no exception, no more retries
        Assert.Equal("failed", await fixture.Database.ScalarAsync<string>($"SELECT status FROM app.renewals WHERE renewal_id = '{id}'"));

        // The page and the API say it failed, and why.
        var client = await fixture.AdministratorAsync();
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/Renewal/Plan/{id}"));
        Assert.Matches($@"id=""renewal-failure"">PostgresException: [^<]*fault injected for renewal {id}", page);
        Assert.Contains("<td id=\"renewal-status\">gagal</td>", page, StringComparison.Ordinal);
        var api = await (await fixture.ApiAsync("budi")).GetStringAsync($"/api/renewals/{id}");
        using (var summary = JsonDocument.Parse(api))
        {
            Assert.Equal("failed", summary.RootElement.GetProperty("status").GetString());
            Assert.Contains($"fault injected for renewal {id}", summary.RootElement.GetProperty("failure").GetString(), StringComparison.Ordinal);
        }

        // The fault removed, the administrator starts it again from the page: it resumes and completes.
        await fixture.Database.ScalarAsync<int?>($"DROP TRIGGER {function} ON app.renewal_items; DROP FUNCTION app.{function}();");
        var resume = await AdminFixture.PostFormAsync(client, $"/Renewal/Plan/{id}?handler=Start", [], tokenFrom: $"/Renewal/Plan/{id}");
        Assert.Equal(HttpStatusCode.Redirect, resume.StatusCode);
        await Eventually.UntilAsync(async () => await fixture.Database.ScalarAsync<string>($"SELECT status FROM app.renewals WHERE renewal_id = '{id}'") == "completed",
            TimeSpan.FromSeconds(60), "the resumed renewal completed");
        Assert.Null(await fixture.Database.ScalarAsync<string>($"SELECT failure FROM app.renewals WHERE renewal_id = '{id}'"));

        // Every worker renewed once: five runs enrolled them again and again through the same operation ids.
        Assert.Equal(workers, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM app.participant_periods WHERE agreement_id = '{to}'"));
        Assert.Equal(workers, await fixture.Database.ScalarAsync<long>($"SELECT count(DISTINCT worker_id) FROM app.participant_periods WHERE agreement_id = '{to}'"));
        Assert.Equal(workers, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM app.audit_log WHERE action = 'worker.enrolled' AND after::text LIKE '%{to}%'"));
        Assert.Equal(workers, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM app.renewal_items WHERE renewal_id = '{id}' AND status = 'done'"));
        Assert.Equal(workers, (await next.GetAsync())!.Enrolled);
    }

    [Fact]
    public async Task An_approved_renewal_is_scheduled_at_five_past_midnight_wib_on_the_start_date()
    {
        var client = await fixture.AdministratorAsync();
        var (_, id) = await ApprovedInto2099Async(client, "KecamatanShare");

        Assert.Equal("scheduled", await fixture.Database.ScalarAsync<string>($"SELECT status FROM app.renewals WHERE renewal_id = '{id}'"));
        Assert.Equal("2098-12-31 17:05:00", await fixture.Database.ScalarAsync<string>(
            $"SELECT to_char(scheduled_for AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM app.renewals WHERE renewal_id = '{id}'"));
        Assert.Equal("Scheduled", await fixture.Database.ScalarAsync<string>(
            $"SELECT j.statename FROM hangfire.job j JOIN app.renewals r ON r.job_id = j.id::text WHERE r.renewal_id = '{id}'"));
    }

    [Fact]
    public async Task A_scheduled_renewal_started_now_has_its_scheduled_run_deleted_and_a_new_run_recorded()
    {
        var client = await fixture.AdministratorAsync();
        var (plan, id) = await ApprovedInto2099Async(client, "LongestContinuousMembership");
        var scheduled = await fixture.Database.ScalarAsync<string>($"SELECT job_id FROM app.renewals WHERE renewal_id = '{id}'");

        await AdminFixture.PostFormAsync(client, $"{plan}?handler=Start", [], tokenFrom: plan);

        Assert.Equal("Deleted", await fixture.Database.ScalarAsync<string>($"SELECT statename FROM hangfire.job WHERE id = {scheduled}"));
        Assert.NotEqual(scheduled, await fixture.Database.ScalarAsync<string>($"SELECT job_id FROM app.renewals WHERE renewal_id = '{id}'"));
    }

    [Fact]
    public async Task Only_administrators_reach_agreements_and_renewals()
    {
        var caseworker = await fixture.CaseworkerAsync();
        var liaison = await fixture.LiaisonAsync();

        foreach (var client in new[] { caseworker, liaison })
        {
            foreach (var path in new[] { "/Agreements", "/Renewal" })
            {
                var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task An_invalid_agreement_is_refused_with_messages_and_nothing_is_stored()
    {
        var client = await fixture.AdministratorAsync();
        var fields = Agreement("X-BAD", 2026, "2026-12-31", "2026-01-01", 0, 0);

        var response = await AdminFixture.PostFormAsync(client, "/Agreements", fields);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Kuota harus antara 1 dan 10.000.000.", html, StringComparison.Ordinal);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.agreements WHERE agreement_id = 'X-BAD'"));
    }
}
