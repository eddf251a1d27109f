using System.Net;
using System.Text;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Workers;
using Kapuas.Testing;

namespace Kapuas.Admin.Tests;

/// <summary>
/// Malformed and oversized input at every form and API endpoint: overlong strings, markup, SQL metacharacters,
/// impossible dates, negative and huge amounts, other workers' ids, missing antiforgery tokens. Each gets a 4xx with
/// a message, never a 500, and nothing is stored.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class HostileInputTests(AdminFixture fixture)
{
    private const string Sql = "'; DROP TABLE app.participants; --";
    private static readonly string Long = new('x', 10_000);
    private const string Markup = "<img src=x onerror=alert(1)>";

    private sealed record Target(Guid Worker, Guid Claim, Guid Other, string Agreement);

    private async Task<Target> TargetAsync()
    {
        var code = $"H{Guid.NewGuid():N}"[..12];
        var year = DateTime.UtcNow.Year;
        await TestRoster.SignedAgreementAsync(fixture.Silo.Grains, code, TestData.AgreementFor(year));
        async Task<Guid> WorkerAsync(string name)
        {
            var id = Guid.CreateVersion7();
            var grain = fixture.Silo.Grains.GetGrain<IWorkerGrain>(id);
            (await grain.RegisterAsync(TestData.Profile(name, Sex.Male, TestData.Nik(Sex.Male, new DateOnly(1988, 4, 12))) with { Sex = Sex.Male },
                TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
            (await grain.EnrollFromStartAsync(code, TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
            return id;
        }

        var worker = await WorkerAsync("Sasaran Uji");
        var other = await WorkerAsync("Orang Lain");
        var claim = (await fixture.Silo.Grains.GetGrain<IWorkerGrain>(worker).OpenClaimAsync(new ClaimIntakeInput(ClaimType.JkkAccident,
            DateTimeOffset.UtcNow.AddDays(-1), "Ladang", "Terluka", false, false, ReporterKind.Family, "Istri", "0812"),
            TestData.Context("sari", DateTimeOffset.UtcNow))).Expect();
        return new Target(worker, claim.Id, other, code);
    }

    private async Task<string> SnapshotAsync() => string.Join("|",
        await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.participants"),
        await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.claims"),
        await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.audit_log"),
        await fixture.Database.ScalarAsync<long>("SELECT coalesce(sum(version), 0) FROM app.participants"),
        await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.claim_attachments"),
        await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.users"),
        await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.agreements"),
        await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.holidays"));

    private static async Task ExpectRefusedAsync(List<string> failures, string what, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status is < 400 or >= 500 || body.Trim().Length == 0)
        {
            failures.Add($"{what}: {status} {body[..Math.Min(body.Length, 200)]}");
        }
    }

    [Fact]
    public async Task Every_api_endpoint_refuses_hostile_bodies_with_a_4xx_and_stores_nothing()
    {
        var t = await TargetAsync();
        var admin = await fixture.ApiAsync(Kapuas.Admin.Identity.FirstAdministrator.UserName);
        var w = $"/api/workers/{t.Worker}";
        var c = $"{w}/claims/{t.Claim}";
        var nik = TestData.Nik(Sex.Male, new DateOnly(1988, 4, 12));
        object Profile(string? name = "Baru", string? n = null, string birth = "1988-04-12", string kecamatan = "Selat", string desa = "Hulu") =>
            new { nik = n ?? nik, name, sex = "Male", birthDate = birth, kecamatan, desa, occupation = "petani" };

        var cases = new List<(string Path, string Body)>
        {
            ("/api/workers", Json(Profile(name: Long))), ("/api/workers", Json(Profile(name: Markup))), ("/api/workers", Json(Profile(n: Sql))),
            ("/api/workers", Json(Profile(birth: "2026-02-30"))), ("/api/workers", Json(Profile(birth: "9999-12-31"))), ("/api/workers", Json(Profile(kecamatan: Sql))),
            ("/api/workers", Json(Profile(desa: Markup))), ("/api/workers", "[1,2,3]"), ("/api/workers", "\"teks\""), ("/api/workers", "{\"name\": {\"a\": 1}}"),
            ("/api/workers", "{" + new string('[', 5000)), ("/api/workers", "{\"nik\": \"" + new string('9', 80_000) + "\"}"),
            ("/api/workers/search", Json(new { query = Long })), ("/api/workers/search", Json(new { page = -1 })), ("/api/workers/search", Json(new { pageSize = int.MaxValue })),
            ("/api/workers/search", Json(new { kecamatan = Sql })), ("/api/workers/search", Json(new { occupation = Sql })),
            ($"{w}/periods", Json(new { start = "0001-01-01", end = "9999-12-31", funding = "SelfPaid" })),
            ($"{w}/periods", Json(new { start = "2020-05-01", end = "2020-01-01", funding = "SelfPaid" })),
            ($"{w}/periods", Json(new { start = "2020-01-01", end = "2020-12-31", funding = "ApbdKabupaten" })),
            ($"{w}/periods", Json(new { start = "2020-01-01", end = "2020-12-31", funding = "SelfPaid", note = Long })),
            ($"{w}/periods", Json(new { start = "2020-13-01", end = "2020-12-31", funding = "SelfPaid" })),
            ($"{w}/enrolments", Json(new { agreementId = Long })), ($"{w}/enrolments", Json(new { agreementId = Sql })),
            ($"{w}/enrolments", Json(new { agreementId = t.Agreement, from = "1900-01-01" })),
            ($"{w}/exit", Json(new { reason = 99, date = "2026-01-01" })), ($"{w}/exit", Json(new { reason = "Died", date = "1800-01-01" })),
            ($"{w}/exit", Json(new { reason = "MovedAway", date = "2026-02-30" })), ($"{w}/exit", Json(new { reason = "MovedAway", date = "9999-01-01" })),
            ($"{w}/exit", Json(new { reason = "MovedAway", date = DateTime.UtcNow.ToString("yyyy-MM-dd"), note = Long })),
            ($"{w}/family", Json(new { name = Long, relationship = "Child", birthDate = "2015-01-01" })),
            ($"{w}/family", Json(new { name = Markup, relationship = "Spouse" })),
            ($"{w}/family", Json(new { name = "Adi", relationship = "Child", birthDate = "2999-01-01" })),
            ($"{w}/family", Json(new { name = "Adi", relationship = 42 })),
            ($"{w}/family", Json(new { name = "Adi", relationship = "Spouse", nik = Sql })),
            ($"{w}/family", Json(new { id = Guid.NewGuid(), name = "Adi", relationship = "Spouse" })),
            ($"{w}/claims", Json(new { type = 99, incidentAt = DateTimeOffset.UtcNow.AddDays(-1), place = "x", description = "y", reporter = "Family", reporterName = "z", reporterContact = "1" })),
            ($"{w}/claims", Json(new { type = "JkkAccident", incidentAt = DateTimeOffset.UtcNow.AddDays(3), place = "x", description = "y", reporter = "Family", reporterName = "z", reporterContact = "1" })),
            ($"{w}/claims", Json(new { type = "JkkAccident", incidentAt = DateTimeOffset.UtcNow.AddDays(-1), place = Markup, description = "y", reporter = "Family", reporterName = "z", reporterContact = "1" })),
            ($"{w}/claims", Json(new { type = "JkkAccident", incidentAt = DateTimeOffset.UtcNow.AddDays(-1), place = Long, description = "y", reporter = "Family", reporterName = Sql + Long, reporterContact = "1" })),
            ($"{w}/claims", Json(new { type = "JkkAccident", incidentAt = "1900-01-01T00:00:00Z", place = "x", description = "y", reporter = "Family", reporterName = "z", reporterContact = "1" })),
            ($"{c}/transitions", Json(new { to = 77 })), ($"{c}/transitions", Json(new { to = "Paid", paidAmount = long.MaxValue, paidOn = "2026-01-01", recipient = "x" })),
            ($"{c}/transitions", Json(new { to = "Closed", reason = Long })), ($"{c}/transitions", Json(new { to = "Closed" })),
            ($"{c}/transitions", "{\"to\":\"Approved\",\"approvedAmount\":1e30}"), ($"{c}/transitions", Json(new { to = "Approved", approvedAmount = -5 })),
            ($"{c}/documents", Json(new { kind = 99 })), ($"{c}/documents", Json(new { kind = "KpjCard", receivedOn = "9999-12-31" })),
            ($"{c}/documents", Json(new { kind = "KpjCard", receivedOn = "2026-01-01", note = Long })), ($"{c}/documents", Json(new { kind = "DeathCertificate", receivedOn = "2026-01-01" })),
            ($"/api/workers/{t.Other}/claims/{t.Claim}/transitions", Json(new { to = "Closed", reason = "bukan milik orang ini" })),
            ($"/api/workers/{t.Other}/claims/{t.Claim}/documents", Json(new { kind = "KpjCard", receivedOn = "2026-01-01" })),
            ($"/api/workers/{Guid.NewGuid()}/family", Json(new { name = "Adi", relationship = "Spouse" })),
            ("/api/renewals/preview", Json(new { from = Long, to = t.Agreement })), ("/api/renewals/preview", Json(new { from = t.Agreement, to = Sql })),
            ($"/api/renewals/{Guid.NewGuid()}/start", ""),
        };

        var before = await SnapshotAsync();
        var failures = new List<string>();
        foreach (var (path, body) in cases)
        {
            await ExpectRefusedAsync(failures, $"POST {path} {body[..Math.Min(body.Length, 80)]}",
                await admin.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json")));
        }

        foreach (var path in new[] { $"{w}/coverage?date=2026-02-30", $"{w}/coverage?date={Uri.EscapeDataString(Sql)}", $"/api/workers/{t.Other}/claims/{t.Claim}",
                     $"/api/agreements/{Uri.EscapeDataString(Long[..3000])}/cost", $"/api/agreements/{Uri.EscapeDataString(Sql)}/cost", $"/api/workers/{Guid.NewGuid()}" })
        {
            await ExpectRefusedAsync(failures, $"GET {path[..Math.Min(path.Length, 80)]}", await admin.GetAsync(path));
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Every_form_refuses_hostile_fields_and_posts_without_antiforgery_with_a_4xx_and_stores_nothing()
    {
        var t = await TargetAsync();
        var admin = await fixture.AdministratorAsync();
        var claimPage = $"/Claims/Detail?worker={t.Worker}&claim={t.Claim}";
        var forms = new List<(string Path, string TokenFrom, Dictionary<string, string> Fields)>
        {
            ($"/Claims/New?worker={t.Worker}", $"/Claims/New?worker={t.Worker}", new() { ["Input.Type"] = "JkkAccident", ["Input.IncidentAt"] = "2026-13-45T99:99", ["Input.Place"] = Markup }),
            ($"/Claims/New?worker={t.Worker}", $"/Claims/New?worker={t.Worker}", new() { ["Input.Type"] = "99", ["Input.Place"] = Long, ["Input.Description"] = Long, ["Input.Reporter"] = Sql }),
            (claimPage + "&handler=Move", claimPage, new() { ["Move.To"] = "Paid", ["Move.PaidAmount"] = "-1", ["Move.PaidOn"] = "2026-02-30" }),
            (claimPage + "&handler=Move", claimPage, new() { ["Move.To"] = "Approved", ["Move.ApprovedAmount"] = "99999999999999999999999" }),
            (claimPage + "&handler=Document", claimPage, new() { ["Document.Kind"] = "KpjCard", ["Document.ReceivedOn"] = "9999-12-31", ["Document.Note"] = Long }),
            (claimPage + "&handler=FirstReport", claimPage, new() { ["FirstReportAt"] = "1900-01-01T00:00" }),
            (claimPage + "&handler=Assign", claimPage, new() { ["AssignTo"] = Long }),
            (claimPage + "&handler=Scholarship", claimPage, new() { ["Scholarship.ChildId"] = Guid.NewGuid().ToString(), ["Scholarship.Year"] = "-5" }),
            ($"/Claims/Detail?worker={t.Other}&claim={t.Claim}&handler=Move", claimPage, new() { ["Move.To"] = "Closed", ["Move.Reason"] = "x" }),
            ($"/Workers/Family?id={t.Worker}", $"/Workers/Family?id={t.Worker}", new() { ["Input.Name"] = Markup, ["Input.Relationship"] = "Spouse" }),
            ($"/Workers/Family?id={t.Worker}", $"/Workers/Family?id={t.Worker}", new() { ["Input.Name"] = "Adi", ["Input.Relationship"] = "Child", ["Input.BirthDate"] = "3000-01-01" }),
            ($"/Workers/Family?id={t.Worker}&handler=Remove&member={Guid.NewGuid()}", $"/Workers/Family?id={t.Worker}", []),
            ($"/Workers/Detail?id={t.Worker}&handler=ReverseDeath", $"/Workers/Detail?id={t.Worker}", new() { ["ReversalReason"] = Sql }),
            ("/Workers", "/Workers", new() { ["Query"] = Long }),
            ("/Workers", "/Workers", new() { ["Kecamatan"] = Sql }),
            ("/Agreements", "/Agreements", new() { ["Input.Code"] = Sql, ["Input.Number"] = Long, ["Input.Start"] = "2026-02-30", ["Input.Quota"] = "-5", ["Input.BudgetCeiling"] = "-1" }),
            ("/Holidays", "/Holidays", new() { ["Date"] = "2026-02-30", ["Name"] = Long }),
            ("/Users?handler=Create", "/Users", new() { ["Input.UserName"] = Long, ["Input.Roles"] = "Emperor" }),
            ("/Users?handler=Create", "/Users", new() { ["Input.UserName"] = Sql, ["Input.Roles"] = "Liaison" }),
            ($"/Users?handler=IssueKey&id={Guid.NewGuid()}", "/Users", new() { ["keyName"] = "x" }),
            ("/Renewal", "/Renewal", new() { ["Input.From"] = Sql, ["Input.To"] = Long }),
            ($"/Bills?handler=Reconcile&agreement={t.Agreement}&month=2026-03", $"/Bills?agreement={t.Agreement}&month=2026-03", []),
            ("/Account/ChangePassword", "/Account/ChangePassword", new() { ["Input.Current"] = "salah", ["Input.New"] = "x", ["Input.Repeat"] = "y" }),
        };

        var before = await SnapshotAsync();
        var failures = new List<string>();
        foreach (var (path, tokenFrom, fields) in forms)
        {
            await ExpectRefusedAsync(failures, $"POST {path}", await AdminFixture.PostFormAsync(admin, path, new(fields), tokenFrom));
            await ExpectRefusedAsync(failures, $"POST {path} without antiforgery", await admin.PostAsync(path, new FormUrlEncodedContent(fields)));
        }

        var upload = await AdminFixture.UploadAsync(admin, claimPage + "&handler=Upload", "Upload", "../../etc/passwd", Encoding.UTF8.GetBytes(Sql + Markup),
            new() { ["UploadKind"] = "KpjCard" }, tokenFrom: claimPage);
        await ExpectRefusedAsync(failures, "upload of a non-document", upload);
        var import = await AdminFixture.UploadAsync(admin, "/Import", "Upload", "peserta.csv", Encoding.UTF8.GetBytes("NIK;Nama\n" + Sql + ";" + Markup + "\n"), new() { ["Agreement"] = Sql }, tokenFrom: "/Import");
        Assert.True((int)import.StatusCode < 500, $"import: {(int)import.StatusCode}");

        foreach (var path in new[] { $"/Claims/Detail?worker={t.Other}&claim={t.Claim}", $"/Claims/Attachment?worker={t.Worker}&claim={t.Claim}&id={Guid.NewGuid()}",
                     $"/Workers/Detail?id={Guid.NewGuid()}", "/Claims?state=Bogus&kecamatan=%27%3B", $"/Bills?agreement={Uri.EscapeDataString(Sql)}&month=2026-99" })
        {
            var response = await admin.GetAsync(path);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"GET {path}: {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await SnapshotAsync());
    }

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value, Kapuas.Admin.Api.KapuasApi.Json);
}
