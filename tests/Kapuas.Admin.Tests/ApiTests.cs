using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kapuas.Admin.Api;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Workers;
using Kapuas.Testing;

namespace Kapuas.Admin.Tests;

/// <summary>Every endpoint of the JSON API with valid and invalid input, and its role rules.</summary>
[Collection(AdminCollection.Name)]
public sealed class ApiTests(AdminFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) =>
        client.PostAsync(path, JsonContent.Create(body, options: KapuasApi.Json));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode} instead of {expected}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static string FirstError(JsonElement problem) => problem.GetProperty("errors")[0].GetProperty("code").GetString()!;

    private async Task<string> AgreementAsync()
    {
        var code = $"API{Guid.NewGuid():N}"[..14];
        var year = Today.Year;
        await TestRoster.SignedAgreementAsync(fixture.Silo.Grains, code, TestData.AgreementFor(year));
        return code;
    }

    private static object Profile(string name, string nik) => new
    {
        nik, name, sex = "Male", birthDate = "1988-04-12", kecamatan = "Selat", desa = "Selat Hulu", occupation = "nelayan", phone = "081234567890",
    };

    private async Task<(Guid Id, string Nik)> RegisterAsync(HttpClient admin, string name)
    {
        var nik = TestData.Nik(Sex.Male, new DateOnly(1988, 4, 12));
        var created = await JsonAsync(await PostAsync(admin, "/api/workers", Profile(name, nik)), HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), nik);
    }

    [Fact]
    public async Task Without_a_valid_key_the_api_answers_401_and_a_role_without_the_right_answers_403()
    {
        var anonymous = fixture.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, "/api/nik/check", new { nik = "6203010101900001" })).StatusCode);
        anonymous.DefaultRequestHeaders.Add("X-Api-Key", "kpk_not-a-real-key-000000000000");
        var refused = await JsonAsync(await PostAsync(anonymous, "/api/nik/check", new { nik = "6203010101900001" }), HttpStatusCode.Unauthorized);
        Assert.Equal("auth.key_invalid", FirstError(refused));
        Assert.Contains("X-Api-Key", refused.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        var liaison = await fixture.ApiAsync("budi");
        var caseworker = await fixture.ApiAsync("sari");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(liaison, "/api/workers", Profile("X", "6203011204880001"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(caseworker, "/api/workers", Profile("X", "6203011204880001"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(liaison, $"/api/workers/{Guid.NewGuid()}/claims", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(caseworker, "/api/renewals/preview", new { from = "A", to = "B" })).StatusCode);

        // The site's cookie does not open the API: a signed-in browser session cannot be used for cross-site posts.
        var browser = await fixture.AdministratorAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(browser, "/api/nik/check", new { nik = "6203010101900001" })).StatusCode);
    }

    [Fact]
    public async Task The_nik_check_derives_sex_and_birth_date_and_says_what_is_wrong()
    {
        var liaison = await fixture.ApiAsync("budi");

        var ok = await JsonAsync(await PostAsync(liaison, "/api/nik/check", new { nik = "6203015204880003" }), HttpStatusCode.OK);
        Assert.True(ok.GetProperty("valid").GetBoolean());
        Assert.Equal("Female", ok.GetProperty("sex").GetString());
        Assert.Equal("1988-04-12", ok.GetProperty("birthDate").GetString());
        Assert.True(ok.GetProperty("kapuas").GetBoolean());
        Assert.Equal("Selat", ok.GetProperty("kecamatanName").GetString());
        Assert.Equal("6203**********03", ok.GetProperty("nikMasked").GetString());

        var outside = await JsonAsync(await PostAsync(liaison, "/api/nik/check", new { nik = "3171015204880003" }), HttpStatusCode.OK);
        Assert.False(outside.GetProperty("kapuas").GetBoolean());
        Assert.NotEmpty(outside.GetProperty("warnings").EnumerateArray());

        var bad = await JsonAsync(await PostAsync(liaison, "/api/nik/check", new { nik = "62030152" }), HttpStatusCode.OK);
        Assert.False(bad.GetProperty("valid").GetBoolean());
        Assert.Equal("nik.length", bad.GetProperty("errors")[0].GetProperty("code").GetString());

        var broken = await liaison.PostAsync("/api/nik/check", new StringContent("{\"nik\": ", Encoding.UTF8, "application/json"));
        Assert.Equal("body.invalid_json", FirstError(await JsonAsync(broken, HttpStatusCode.BadRequest)));
        var empty = await liaison.PostAsync("/api/nik/check", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.Equal("body.required", FirstError(await JsonAsync(empty, HttpStatusCode.BadRequest)));
        var huge = await liaison.PostAsync("/api/nik/check", new StringContent($"{{\"nik\":\"{new string('1', 70_000)}\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task Workers_are_registered_found_given_history_periods_enrolment_and_exit()
    {
        var admin = await fixture.ApiAsync(Kapuas.Admin.Identity.FirstAdministrator.UserName);
        var liaison = await fixture.ApiAsync("budi");
        var code = await AgreementAsync();
        var (id, nik) = await RegisterAsync(admin, "Api Nelayan Satu");

        var invalid = await JsonAsync(await PostAsync(admin, "/api/workers", Profile(" ", "123")), HttpStatusCode.BadRequest);
        Assert.Contains(invalid.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "NIK");
        var duplicate = await JsonAsync(await PostAsync(admin, "/api/workers", Profile("Api Ganda", nik)), HttpStatusCode.BadRequest);
        Assert.Equal("nik.duplicate", FirstError(duplicate));

        var found = await JsonAsync(await PostAsync(liaison, "/api/workers/search", new { query = nik }), HttpStatusCode.OK);
        Assert.Equal(id, found.GetProperty("rows")[0].GetProperty("workerId").GetGuid());
        Assert.DoesNotContain(nik, found.ToString(), StringComparison.Ordinal);
        Assert.Equal("kecamatan.unknown", FirstError(await JsonAsync(await PostAsync(liaison, "/api/workers/search", new { kecamatan = "Atlantis" }), HttpStatusCode.BadRequest)));
        Assert.Equal("search.invalid", FirstError(await JsonAsync(await PostAsync(liaison, "/api/workers/search", new { pageSize = 5000 }), HttpStatusCode.BadRequest)));

        await JsonAsync(await PostAsync(admin, $"/api/workers/{id}/periods", new { start = "2020-01-01", end = "2020-12-31", funding = "SelfPaid", note = "mandiri" }), HttpStatusCode.OK);
        Assert.Equal("coverage.overlap", FirstError(await JsonAsync(await PostAsync(admin, $"/api/workers/{id}/periods", new { start = "2020-06-01", end = "2021-01-31", funding = "SelfPaid" }), HttpStatusCode.BadRequest)));
        Assert.Equal("period.required", FirstError(await JsonAsync(await PostAsync(admin, $"/api/workers/{id}/periods", new { start = "2020-06-01" }), HttpStatusCode.BadRequest)));
        await JsonAsync(await PostAsync(admin, $"/api/workers/{id}/enrolments", new { agreementId = code }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(admin, $"/api/workers/{id}/enrolments", new { agreementId = "TIDAK-ADA" })).StatusCode);
        Assert.Equal("worker.not_found", FirstError(await JsonAsync(await PostAsync(admin, $"/api/workers/{Guid.NewGuid()}/enrolments", new { agreementId = code }), HttpStatusCode.NotFound)));

        // Enrolled through the API after the agreement started: covered from the day of the enrolment, not backdated.
        var covered = await JsonAsync(await liaison.GetAsync($"/api/workers/{id}/coverage?date={Today:yyyy-MM-dd}"), HttpStatusCode.OK);
        Assert.True(covered.GetProperty("isCovered").GetBoolean());
        Assert.Equal(Today.ToString("yyyy-MM-dd"), covered.GetProperty("from").GetString());
        if (Today > new DateOnly(Today.Year, 1, 1))
        {
            var before = await JsonAsync(await liaison.GetAsync($"/api/workers/{id}/coverage?date={Today.AddDays(-1):yyyy-MM-dd}"), HttpStatusCode.OK);
            Assert.False(before.GetProperty("isCovered").GetBoolean());
            Assert.Equal("enrolment.backdated", FirstError(await JsonAsync(await PostAsync(admin, $"/api/workers/{(await RegisterAsync(admin, "Api Surut")).Id}/enrolments",
                new { agreementId = code, from = $"{Today.Year}-01-01" }), HttpStatusCode.BadRequest)));
        }
        var gap = await JsonAsync(await liaison.GetAsync($"/api/workers/{id}/coverage?date=2022-03-15"), HttpStatusCode.OK);
        Assert.Equal("gap", gap.GetProperty("reason").GetString());
        Assert.Equal("date.invalid", FirstError(await JsonAsync(await liaison.GetAsync($"/api/workers/{id}/coverage?date=15-03-2026"), HttpStatusCode.BadRequest)));

        var history = await JsonAsync(await liaison.GetAsync($"/api/workers/{id}"), HttpStatusCode.OK);
        Assert.Equal(2, history.GetProperty("worker").GetProperty("periods").GetArrayLength());
        Assert.Contains(history.GetProperty("auditTrail").EnumerateArray(), a => a.GetProperty("action").GetString() == "worker.enrolled");
        Assert.Equal(HttpStatusCode.NotFound, (await liaison.GetAsync($"/api/workers/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM app.access_log WHERE worker_id = '{id}' AND action = 'api' AND user_name = 'budi'"));

        Assert.Equal("exit.future", FirstError(await JsonAsync(await PostAsync(admin, $"/api/workers/{id}/exit", new { reason = "MovedAway", date = Today.AddDays(3).ToString("yyyy-MM-dd") }), HttpStatusCode.BadRequest)));
        var unknownReason = await JsonAsync(await PostAsync(admin, $"/api/workers/{id}/exit", new { reason = "Teleported", date = "2026-01-01" }), HttpStatusCode.BadRequest);
        Assert.Equal("body.invalid_json", FirstError(unknownReason));
        Assert.Contains("$.reason", unknownReason.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("exit.required", FirstError(await JsonAsync(await PostAsync(admin, $"/api/workers/{id}/exit", new { date = "2026-01-01" }), HttpStatusCode.BadRequest)));
        var exited = await JsonAsync(await PostAsync(admin, $"/api/workers/{id}/exit", new { reason = "MovedAway", date = Today.ToString("yyyy-MM-dd") }), HttpStatusCode.OK);
        Assert.Equal("MovedAway", exited.GetProperty("exit").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Family_and_claims_are_kept_and_the_estimate_shows_its_components_and_scholarships()
    {
        var admin = await fixture.ApiAsync(Kapuas.Admin.Identity.FirstAdministrator.UserName);
        var caseworker = await fixture.ApiAsync("sari");
        var liaison = await fixture.ApiAsync("budi");
        var code = await AgreementAsync();
        var (id, _) = await RegisterAsync(admin, "Api Klaim");
        await JsonAsync(await PostAsync(admin, $"/api/workers/{id}/enrolments", new { agreementId = code }), HttpStatusCode.OK);

        await JsonAsync(await PostAsync(caseworker, $"/api/workers/{id}/family", new { name = "Nia", relationship = "Child", birthDate = "2016-02-02", level = "Sd" }), HttpStatusCode.OK);
        Assert.Equal("family.child_birth_date", FirstError(await JsonAsync(await PostAsync(caseworker, $"/api/workers/{id}/family", new { name = "Adi", relationship = "Child", level = "Sd" }), HttpStatusCode.BadRequest)));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(liaison, $"/api/workers/{id}/family", new { name = "Adi" })).StatusCode);
        var family = await JsonAsync(await liaison.GetAsync($"/api/workers/{id}/family"), HttpStatusCode.OK);
        Assert.Equal("Nia", family[0].GetProperty("name").GetString());

        // Enrolled through the API today, the worker is covered from today (never backdated): the accident is today too.
        var startOfToday = new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
        var died = DateTimeOffset.UtcNow.AddMinutes(-10) < startOfToday ? startOfToday : DateTimeOffset.UtcNow.AddMinutes(-10);
        var intake = new { type = "JkkDeath", incidentAt = died, place = "Sungai", description = "Tenggelam saat menjala", reporter = "WorkersGroup", reporterName = "Pak Anang", reporterContact = "0812" };
        Assert.Equal("claim.death_date_required", FirstError(await JsonAsync(await PostAsync(caseworker, $"/api/workers/{id}/claims", intake), HttpStatusCode.BadRequest)));
        var diedOn = Today;
        var claim = await JsonAsync(await PostAsync(caseworker, $"/api/workers/{id}/claims", new
        {
            intake.type, intake.incidentAt, intake.place, intake.description, intake.reporter, intake.reporterName, intake.reporterContact,
            diedOn = diedOn.ToString("yyyy-MM-dd"),
        }), HttpStatusCode.Created);
        Assert.Equal(diedOn.ToString("yyyy-MM-dd"), claim.GetProperty("diedOn").GetString());
        var claimId = claim.GetProperty("id").GetGuid();
        var estimate = claim.GetProperty("estimate");
        Assert.Equal(70_000_000, estimate.GetProperty("total").GetInt64());
        Assert.Equal(3, estimate.GetProperty("components").GetArrayLength());
        Assert.True(estimate.GetProperty("scholarships")[0].GetProperty("eligible").GetBoolean());
        Assert.Equal("claim.type_required", FirstError(await JsonAsync(await PostAsync(caseworker, $"/api/workers/{id}/claims", new { place = "x" }), HttpStatusCode.BadRequest)));

        Assert.Equal("claim.documents_missing", FirstError(await JsonAsync(await PostAsync(caseworker, $"/api/workers/{id}/claims/{claimId}/transitions", new { to = "ReadyToSubmit" }), HttpStatusCode.BadRequest)));
        Assert.Equal("claim.illegal_transition", FirstError(await JsonAsync(await PostAsync(caseworker, $"/api/workers/{id}/claims/{claimId}/transitions", new { to = "Paid" }), HttpStatusCode.BadRequest)));
        var recorded = await JsonAsync(await PostAsync(caseworker, $"/api/workers/{id}/claims/{claimId}/documents", new { kind = "DeathCertificate", receivedOn = Today.ToString("yyyy-MM-dd"), originalSighted = true }), HttpStatusCode.OK);
        Assert.Contains(recorded.GetProperty("documents").EnumerateArray(), d => d.GetProperty("kind").GetString() == "DeathCertificate" && d.GetProperty("originalSighted").GetBoolean());
        Assert.Equal("body.invalid_json", FirstError(await JsonAsync(await PostAsync(caseworker, $"/api/workers/{id}/claims/{claimId}/documents", new { kind = "Passport" }), HttpStatusCode.BadRequest)));
        Assert.Equal("document.kind_required", FirstError(await JsonAsync(await PostAsync(caseworker, $"/api/workers/{id}/claims/{claimId}/documents", new { note = "x" }), HttpStatusCode.BadRequest)));
        var closed = await JsonAsync(await PostAsync(caseworker, $"/api/workers/{id}/claims/{claimId}/transitions", new { to = "Closed", reason = "Keluarga memilih mengurus sendiri" }), HttpStatusCode.OK);
        Assert.Equal("Closed", closed.GetProperty("state").GetString());

        var read = await JsonAsync(await liaison.GetAsync($"/api/workers/{id}/claims/{claimId}"), HttpStatusCode.OK);
        Assert.Equal("Closed", read.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await liaison.GetAsync($"/api/workers/{Guid.NewGuid()}/claims/{claimId}")).StatusCode);
    }

    [Fact]
    public async Task Agreement_costs_and_a_renewal_preview_and_start()
    {
        var admin = await fixture.ApiAsync(Kapuas.Admin.Identity.FirstAdministrator.UserName);
        var liaison = await fixture.ApiAsync("budi");
        var from = await AgreementAsync();
        var year = Today.Year + 1;
        var to = $"APN{Guid.NewGuid():N}"[..14];
        await TestRoster.SignedAgreementAsync(fixture.Silo.Grains, to, TestData.Agreement2026() with
        {
            BudgetYear = year, Start = new DateOnly(year, 1, 1), End = new DateOnly(year, 12, 31), SignedOn = new DateOnly(year - 1, 12, 1),
        });
        var (id, _) = await RegisterAsync(admin, "Api Perpanjang");
        await JsonAsync(await PostAsync(admin, $"/api/workers/{id}/enrolments", new { agreementId = from }), HttpStatusCode.OK);

        var cost = await JsonAsync(await liaison.GetAsync($"/api/agreements/{from}/cost"), HttpStatusCode.OK);
        Assert.Equal(201_600, cost.GetProperty("costPerWorker").GetInt64());
        Assert.Equal(12, cost.GetProperty("perWorkerMonths").GetArrayLength());
        Assert.Equal(10_000, cost.GetProperty("jkkPerMonth").GetInt64());
        Assert.Equal(6_800, cost.GetProperty("jkmPerMonth").GetInt64());
        Assert.Equal(1, cost.GetProperty("enrolled").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await liaison.GetAsync("/api/agreements/TIDAK-ADA/cost")).StatusCode);

        Assert.Equal("renewal.agreements", FirstError(await JsonAsync(await PostAsync(admin, "/api/renewals/preview", new { from, to = from }), HttpStatusCode.BadRequest)));
        var preview = await JsonAsync(await PostAsync(admin, "/api/renewals/preview", new { from, to, priority = "LongestContinuousMembership" }), HttpStatusCode.Created);
        Assert.Equal(1, preview.GetProperty("continuing").GetInt32());
        var renewal = preview.GetProperty("renewalId").GetGuid();
        var started = await JsonAsync(await admin.PostAsync($"/api/renewals/{renewal}/start", null), HttpStatusCode.Accepted);
        Assert.False(string.IsNullOrEmpty(started.GetProperty("jobId").GetString()));
        Assert.Equal("renewal.not_startable", FirstError(await JsonAsync(await admin.PostAsync($"/api/renewals/{renewal}/start", null), HttpStatusCode.BadRequest)));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/renewals/{Guid.NewGuid()}/start", null)).StatusCode);
        await Eventually.UntilAsync(async () =>
            (await fixture.Silo.Grains.GetGrain<IWorkerGrain>(id).GetAsync(new DateOnly(year, 6, 1)))!.Coverage.IsCovered, TimeSpan.FromSeconds(60), "the renewal enrolled the worker");
    }

    [Fact]
    public async Task The_openapi_document_describes_every_api_endpoint_and_the_key()
    {
        var document = await JsonAsync(await fixture.Anonymous().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        foreach (var path in new[] { "/api/nik/check", "/api/workers", "/api/workers/search", "/api/workers/{id}", "/api/workers/{id}/coverage",
                     "/api/workers/{id}/family", "/api/workers/{id}/periods", "/api/workers/{id}/enrolments", "/api/workers/{id}/exit",
                     "/api/workers/{id}/claims", "/api/workers/{id}/claims/{claimId}", "/api/workers/{id}/claims/{claimId}/transitions",
                     "/api/workers/{id}/claims/{claimId}/documents", "/api/agreements/{code}/cost", "/api/renewals/preview", "/api/renewals/{id}/start" })
        {
            Assert.Contains(path, paths);
        }

        Assert.Equal("X-Api-Key", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString());
    }
}
