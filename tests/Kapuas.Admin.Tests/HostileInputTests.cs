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

    /// <summary>
    /// The content of every table a request could change: each table of the app schema (users, keys, roster, NIK
    /// registry, periods, agreements, imports, renewals, claims, attachments, audit, decisions, alerts…) hashed row by
    /// row, the Orleans grain state (every stored grain's version) and the queued Hangfire jobs. Only the traces of
    /// reads are left out (the access log, a key's last use): the hostile requests are reads too.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> SnapshotAsync()
    {
        var tables = (await fixture.Database.ScalarAsync<string>(
            "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'app' AND table_name <> 'access_log'"))!.Split(',');
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            // A key's last use is a read's trace, like the access log: every other column counts.
            var row = table == "api_keys" ? "(t.key_id, t.user_id, t.name, t.key_hash, t.prefix, t.created_at, t.created_by, t.revoked_at)::text" : "t::text";
            snapshot[table] = (await fixture.Database.ScalarAsync<string>(
                $"SELECT count(*) || ':' || md5(coalesce(string_agg({row}, ',' ORDER BY {row}), '')) FROM app.{table} t"))!;
        }

        snapshot["orleans.orleansstorage"] = (await fixture.Database.ScalarAsync<string>(
            "SELECT count(*) || ':' || md5(coalesce(string_agg(grainidn0 || '/' || grainidn1 || '/' || graintypestring || '/' || coalesce(grainidextensionstring, '') || '=' || version, ',' ORDER BY 1), '')) FROM orleans.orleansstorage"))!;
        snapshot["hangfire.job"] = (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM hangfire.job")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(snapshot.Count > 20, $"Only {snapshot.Count} tables in the snapshot.");
        return snapshot;
    }

    private static void AssertUnchanged(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var changed = before.Keys.Union(after.Keys).Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k)).ToList();
        Assert.True(changed.Count == 0, "Changed: " + string.Join(", ", changed));
    }

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
            ("/api/nik/check", Json(new { nik = new string('9', 80_000) })), ("/api/nik/check", "[]"), ("/api/nik/check", "{" + new string('[', 5000)),
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
        AssertUnchanged(before, await SnapshotAsync());
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
            (claimPage + "&handler=ScholarshipDecision", claimPage, new() { ["Decision.Granted"] = Sql, ["Decision.BpjsReference"] = Markup + Long }),
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
            ($"/Agreements?handler=Status&code={Uri.EscapeDataString(Sql)}&status=Active", "/Agreements", []),
            ($"/Agreements?handler=Status&code={t.Agreement}&status=99", "/Agreements", []),
            ("/Holidays?handler=Delete&date=2026-02-30", "/Holidays", []),
            ($"/Import/Batch/{Guid.NewGuid()}?handler=Commit", "/Import", []),
            ($"/Renewal/Plan/{Guid.NewGuid()}?handler=Approve", "/Renewal", new() { ["startNow"] = "true", ["bridge"] = Sql }),
            ($"/Renewal/Plan/{Guid.NewGuid()}?handler=Start", "/Renewal", []),
            ($"/Renewal/Plan/{Guid.NewGuid()}?handler=Retry", "/Renewal", []),
            ($"/Users?handler=Lock&id={Guid.NewGuid()}", "/Users", []),
            ($"/Users?handler=Unlock&id={Guid.NewGuid()}", "/Users", []),
            ($"/Users?handler=Reset&id={Guid.NewGuid()}", "/Users", []),
            ($"/Users?handler=Roles&id={Guid.NewGuid()}", "/Users", new() { ["roles"] = "Emperor" }),
            ($"/Users?handler=RevokeKey&id={Guid.NewGuid()}&key={Guid.NewGuid()}", "/Users", []),
            ("/Diagnostics?handler=Reading", "/Diagnostics", new() { ["Reading.Reading"] = "99", ["Reading.LetterNumber"] = Markup, ["Reading.LetterDate"] = "2026-02-30" }),
            ("/Continuity?handler=Acknowledge&id=-1", "/Continuity", []),
            ("/Account/Login", "/Account/Login", new() { ["Input.UserName"] = Sql + Long, ["Input.Password"] = Markup }),
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
        // The fields the page binds (Input.File, Input.AgreementId): the hostile file reaches the parser and is refused with the reason.
        var import = await AdminFixture.UploadAsync(admin, "/Import", "Input.File", "peserta.csv", Encoding.UTF8.GetBytes("NIK;Nama\n" + Sql + ";" + Markup + "\n"),
            new() { ["Input.AgreementId"] = "" }, tokenFrom: "/Import");
        await ExpectRefusedAsync(failures, "import of a hostile file", import);
        Assert.Contains("Baris judul tidak memiliki kolom wajib", WebUtility.HtmlDecode(await import.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var unknownAgreement = await AdminFixture.UploadAsync(admin, "/Import", "Input.File", "peserta.csv", Encoding.UTF8.GetBytes("x"),
            new() { ["Input.AgreementId"] = Sql }, tokenFrom: "/Import");
        await ExpectRefusedAsync(failures, "import into a hostile agreement code", unknownAgreement);

        // Each hostile GET answers what it should, not merely "not 500": a claim opened under another worker's id is not found.
        foreach (var (path, expected) in new[]
                 {
                     ($"/Claims/Detail?worker={t.Other}&claim={t.Claim}", HttpStatusCode.NotFound),
                     ($"/Claims/Attachment?worker={t.Worker}&claim={t.Claim}&id={Guid.NewGuid()}", HttpStatusCode.NotFound),
                     ($"/Claims/Attachment?worker={t.Other}&claim={t.Claim}&id={Guid.NewGuid()}", HttpStatusCode.NotFound),
                     ($"/Workers/Detail?id={Guid.NewGuid()}", HttpStatusCode.NotFound),
                     ($"/Workers/Family?id={Guid.NewGuid()}", HttpStatusCode.NotFound),
                     ($"/Renewal/Plan/{Guid.NewGuid()}", HttpStatusCode.NotFound),
                     ($"/Import/Batch/{Guid.NewGuid()}", HttpStatusCode.NotFound),
                     ("/Claims?state=Bogus&kecamatan=%27%3B", HttpStatusCode.BadRequest),
                     ($"/Bills?agreement={Uri.EscapeDataString(Sql)}&month=2026-99", HttpStatusCode.BadRequest),
                 })
        {
            var response = await admin.GetAsync(path);
            if (response.StatusCode != expected)
            {
                failures.Add($"GET {path}: {(int)response.StatusCode}, expected {(int)expected}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        AssertUnchanged(before, await SnapshotAsync());
    }

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value, Kapuas.Admin.Api.KapuasApi.Json);

    [Fact]
    public async Task The_language_switch_logout_and_a_family_read_refuse_what_they_should()
    {
        var admin = await fixture.AdministratorAsync();
        var before = await SnapshotAsync();

        // The language switch keeps to this site and to the two languages it has.
        var language = await AdminFixture.PostFormAsync(admin, "/Language", new() { ["culture"] = Sql, ["returnUrl"] = "https://evil.example/" }, tokenFrom: "/");
        Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);
        Assert.Equal("/", language.Headers.Location!.ToString());
        Assert.Contains("c%3Did-ID", string.Join(";", language.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/Language", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en" }))).StatusCode);

        // Signing out needs the form's token: a forged request from elsewhere does not sign anyone out.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/Account/Logout", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Workers")).StatusCode);

        // A NIK check answers whether the NIK is valid: hostile text is "not valid", with the reason, and nothing is kept.
        var key = await fixture.ApiAsync("budi"); // issuing the test's key is a change of its own
        before = await SnapshotAsync();
        var check = await key.PostAsync("/api/nik/check", new StringContent(Json(new { nik = Sql + Markup }), Encoding.UTF8, "application/json"));
        var answer = await check.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("\"valid\":false", answer, StringComparison.Ordinal);
        Assert.Contains("NIK hanya boleh berisi angka", answer, StringComparison.Ordinal);
        AssertUnchanged(before, await SnapshotAsync());
        var api = key;
        var unknown = await api.GetAsync($"/api/workers/{Guid.NewGuid()}/family");
        Assert.True(unknown.StatusCode == HttpStatusCode.NotFound, $"{unknown.StatusCode} {unknown.Headers.Location}");
        Assert.Contains("Peserta tidak ditemukan.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
