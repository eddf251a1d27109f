using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Kapuas.Admin.Identity;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Workers;
using Kapuas.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Kapuas.Admin.Tests;

/// <summary>Users, the participant history with its exports, the dashboard and the monthly bill, through the pages.</summary>
[Collection(AdminCollection.Name)]
public sealed class AdminSiteTests(AdminFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private async Task<string> AgreementAsync(int year)
    {
        var code = $"S{Guid.NewGuid():N}"[..12];
        await TestRoster.SignedAgreementAsync(fixture.Silo.Grains, code, TestData.AgreementFor(year));
        return code;
    }

    private async Task<(Guid Id, string Nik)> WorkerAsync(string name, params string[] agreements)
    {
        var id = Guid.CreateVersion7();
        var grain = fixture.Silo.Grains.GetGrain<IWorkerGrain>(id);
        var nik = TestData.Nik(Sex.Male, new DateOnly(1988, 4, 12));
        (await grain.RegisterAsync(TestData.Profile(name, Sex.Male, nik) with { Sex = Sex.Male }, TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        foreach (var agreement in agreements)
        {
            (await grain.EnrollFromStartAsync(agreement, TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        }

        return (id, nik);
    }

    [Fact]
    public async Task An_administrator_creates_a_user_who_must_change_the_password_then_locks_the_account()
    {
        var admin = await fixture.AdministratorAsync();
        var name = $"petugas{Guid.NewGuid():N}"[..14];

        var created = await AdminFixture.PostFormAsync(admin, "/Users?handler=Create", new()
        {
            ["Input.UserName"] = name, ["Input.DisplayName"] = "Petugas Baru", ["Input.Roles"] = Roles.Caseworker,
        }, tokenFrom: "/Users");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/Users"));
        var password = System.Text.RegularExpressions.Regex.Match(page, $"Kata sandi awal {name}: (\\S+) ").Groups[1].Value;
        Assert.Equal(16, password.Length);
        Assert.DoesNotContain(password, WebUtility.HtmlDecode(await admin.GetStringAsync("/Users")), StringComparison.Ordinal); // shown once

        var user = await fixture.SignedInAsync(name, password);
        var home = await user.GetAsync("/Claims");
        Assert.Equal("/Account/ChangePassword", home.Headers.Location?.OriginalString);
        var weak = await AdminFixture.PostFormAsync(user, "/Account/ChangePassword", new() { ["Input.Current"] = password, ["Input.New"] = "pendek", ["Input.Repeat"] = "pendek" });
        Assert.Contains("paling sedikit 10 karakter", WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var changed = await AdminFixture.PostFormAsync(user, "/Account/ChangePassword", new() { ["Input.Current"] = password, ["Input.New"] = "Baru-Sekali-2026", ["Input.Repeat"] = "Baru-Sekali-2026" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/Claims")).StatusCode);

        using var scope = fixture.Factory.Services.CreateScope();
        var id = (await scope.ServiceProvider.GetRequiredService<UserManager<KapuasUser>>().FindByNameAsync(name))!.Id;
        var locked = await AdminFixture.PostFormAsync(admin, $"/Users?handler=Lock&id={id}", [], tokenFrom: "/Users");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        var login = await AdminFixture.PostFormAsync(fixture.Anonymous(), "/Account/Login", new() { ["Input.UserName"] = name, ["Input.Password"] = "Baru-Sekali-2026" });
        Assert.Contains("dikunci", WebUtility.HtmlDecode(await login.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var self = await AdminFixture.PostFormAsync(admin, $"/Users?handler=Lock&id={(await scope.ServiceProvider.GetRequiredService<UserManager<KapuasUser>>().FindByNameAsync(FirstAdministrator.UserName))!.Id}", [], tokenFrom: "/Users");
        Assert.Contains("tidak dapat mengunci akun Anda sendiri", WebUtility.HtmlDecode(await self.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_an_account_for_a_while()
    {
        using (var scope = fixture.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<KapuasUser>>();
            var user = new KapuasUser { UserName = "coba-kunci", DisplayName = "Coba" };
            Assert.True((await users.CreateAsync(user, AdminFixture.StaffPassword)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Liaison);
        }

        for (var i = 0; i < 5; i++)
        {
            await AdminFixture.PostFormAsync(fixture.Anonymous(), "/Account/Login", new() { ["Input.UserName"] = "coba-kunci", ["Input.Password"] = "Salah-Terus-123" });
        }

        var right = await AdminFixture.PostFormAsync(fixture.Anonymous(), "/Account/Login", new() { ["Input.UserName"] = "coba-kunci", ["Input.Password"] = AdminFixture.StaffPassword });
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("terlalu banyak percobaan gagal", WebUtility.HtmlDecode(await right.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_liaison_finds_a_worker_reads_the_history_and_exports_it_and_each_look_up_is_recorded()
    {
        var previous = await AgreementAsync(Today.Year - 1);
        var current = await AgreementAsync(Today.Year);
        var (id, nik) = await WorkerAsync("Riwayat Lengkap", previous);
        var grain = fixture.Silo.Grains.GetGrain<IWorkerGrain>(id);
        (await grain.AddHistoricalPeriodAsync(new HistoricalPeriodInput(new DateOnly(Today.Year - 3, 1, 1), new DateOnly(Today.Year - 3, 12, 31), Domain.Coverage.FundingKind.SelfPaid, null), TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        (await grain.EnrollFromStartAsync(current, TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        (await grain.OpenClaimAsync(new ClaimIntakeInput(ClaimType.JkkAccident, DateTimeOffset.UtcNow.AddDays(-3), "Ladang", "Tergores", false, false, ReporterKind.Family, "Istri", "0812"), TestData.Context("sari", DateTimeOffset.UtcNow))).Expect();
        var liaison = await fixture.LiaisonAsync();

        var search = WebUtility.HtmlDecode(await (await AdminFixture.PostFormAsync(liaison, "/Workers", new() { ["Query"] = nik, ["Status"] = "CoveredToday" })).Content.ReadAsStringAsync());
        Assert.Contains("1 peserta", search, StringComparison.Ordinal);
        Assert.Contains($"/Workers/Detail?id={id}", search, StringComparison.Ordinal);
        var none = WebUtility.HtmlDecode(await (await AdminFixture.PostFormAsync(liaison, "/Workers", new() { ["Query"] = nik, ["Status"] = "Died" })).Content.ReadAsStringAsync());
        Assert.Contains("0 peserta", none, StringComparison.Ordinal);

        var history = WebUtility.HtmlDecode(await liaison.GetStringAsync($"/Workers/Detail?id={id}"));
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(history, "class=\"timeline-bar\\s*\"").Count);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(history, "class=\"timeline-bar gap\""));
        Assert.Contains("jeda: tidak terlindungi", history, StringComparison.Ordinal);
        Assert.Contains("klaim dicatat", history, StringComparison.Ordinal);
        Assert.DoesNotContain(nik, history, StringComparison.Ordinal);
        Assert.DoesNotContain("Yang melihat data ini", history, StringComparison.Ordinal);

        var csv = Encoding.UTF8.GetString(await liaison.GetByteArrayAsync($"/Workers/Detail?id={id}&handler=Csv"));
        Assert.Equal(3, csv.Split('\n').Count(l => l.StartsWith("Periode;", StringComparison.Ordinal)));
        Assert.Contains("Jeda;", csv, StringComparison.Ordinal);
        Assert.Contains("JKK kecelakaan kerja", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(nik, csv, StringComparison.Ordinal);
        var pdf = await liaison.GetAsync($"/Workers/Detail?id={id}&handler=Pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        using (var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join(" ", document.GetPages().Select(p => p.Text));
            Assert.Contains("Riwayat peserta: Riwayat Lengkap", text, StringComparison.Ordinal);
            Assert.Contains("Periode", text, StringComparison.Ordinal);
            Assert.Contains("Jeda", text, StringComparison.Ordinal);
            Assert.Contains(Domain.Identity.Nik.Mask(nik), text, StringComparison.Ordinal);
            Assert.DoesNotContain(nik, text, StringComparison.Ordinal);
        }

        Assert.Equal(3L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM app.access_log WHERE worker_id = '{id}' AND user_name = 'budi'"));
        var admin = await fixture.AdministratorAsync();
        var log = WebUtility.HtmlDecode(await admin.GetStringAsync("/Access?role=Liaison"));
        Assert.Contains("Riwayat Lengkap", log, StringComparison.Ordinal);
        Assert.Contains("ekspor-pdf", log, StringComparison.Ordinal);
        Assert.Contains("Yang melihat data ini", WebUtility.HtmlDecode(await admin.GetStringAsync($"/Workers/Detail?id={id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_counts_covered_workers_and_shows_the_quota_claims_and_payment_cards()
    {
        var admin = await fixture.AdministratorAsync();
        var code = await AgreementAsync(Today.Year);
        var before = WebUtility.HtmlDecode(await admin.GetStringAsync("/"));
        var covered = long.Parse(System.Text.RegularExpressions.Regex.Match(before, "id=\"covered-today\">([0-9.]+)<").Groups[1].Value.Replace(".", ""));
        await WorkerAsync("Dasbor Satu", code);
        await WorkerAsync("Dasbor Dua", code);

        var after = WebUtility.HtmlDecode(await admin.GetStringAsync("/"));
        Assert.Contains($"id=\"covered-today\">{Formatting.Number(covered + 2)}<", after, StringComparison.Ordinal);
        Assert.Contains("Selat", after, StringComparison.Ordinal);
        Assert.Contains(code, after, StringComparison.Ordinal);
        Assert.Contains("PKS: kuota dan anggaran", after, StringComparison.Ordinal);
        Assert.Contains("Manfaat dibayar tahun ini", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await (await fixture.LiaisonAsync()).GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_monthly_bill_lists_covered_workers_exports_and_reconciles_with_the_bpjs_invoice()
    {
        var admin = await fixture.AdministratorAsync();
        var code = await AgreementAsync(Today.Year);
        var (_, firstNik) = await WorkerAsync("Tagihan Satu", code);
        var (second, secondNik) = await WorkerAsync("Tagihan Dua", code);
        var month = $"{Today.Year}-03";

        var bill = WebUtility.HtmlDecode(await admin.GetStringAsync($"/Bills?agreement={code}&month={month}"));
        Assert.Contains("<span id=\"bill-count\">2</span>", bill, StringComparison.Ordinal);
        Assert.Contains("<span id=\"bill-total\">Rp 33.600</span>", bill, StringComparison.Ordinal);
        var outside = await admin.GetAsync($"/Bills?agreement={code}&month={Today.Year + 3}-03");
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode); // the page, saying what is wrong with the address
        Assert.Contains("di luar periode PKS", WebUtility.HtmlDecode(await outside.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var xlsx = await admin.GetByteArrayAsync($"/Bills?handler=Export&agreement={code}&month={month}&format=xlsx");
        using (var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            var rows = document.WorkbookPart!.WorksheetParts.First().Worksheet.Descendants<Row>().ToList();
            Assert.Equal(3, rows.Count);
            var cells = rows.Skip(1).Select(r => string.Join("|", r.Descendants<Cell>().Select(c => c.InnerText))).ToList();
            Assert.Contains(cells, c => c.StartsWith("Tagihan Dua|", StringComparison.Ordinal) && c.EndsWith("|16800|", StringComparison.Ordinal)); // no arrears month
        }

        var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/Bills?handler=Export&agreement={code}&month={month}&format=csv"));
        Assert.Equal(3, csv.Trim().Split('\n').Length);

        // BPJS bills the first worker for March and April (we cover both but the invoice scope is those two months),
        // does not bill the second, and bills a NIK we do not have.
        var stranger = TestData.Nik(Sex.Female, new DateOnly(1990, 1, 1));
        var invoice = $"NIK;Nama;Bulan\n{firstNik};Tagihan Satu;{month}\n{firstNik};Tagihan Satu;{Today.Year}-04\n{stranger};=HYPERLINK(\"x\");{month}\n123;Rusak;{month}\n";
        var reconciled = await AdminFixture.UploadAsync(admin, $"/Bills?handler=Reconcile&agreement={code}&month={month}", "Invoice", "tagihan.csv",
            Encoding.UTF8.GetBytes(invoice), [], tokenFrom: $"/Bills?agreement={code}&month={month}");
        var page = WebUtility.HtmlDecode(await reconciled.Content.ReadAsStringAsync());
        Assert.True(page.Contains("3 baris tagihan · 1 NIK cocok · 2 berbeda · 1 baris tidak terbaca", StringComparison.Ordinal),
            System.Text.RegularExpressions.Regex.Match(page, "id=\"reconciliation\">(.*?)</table>", System.Text.RegularExpressions.RegexOptions.Singleline).Value);
        Assert.Contains("di roster, tidak ditagih", page, StringComparison.Ordinal);
        Assert.Contains("ditagih, tidak di roster", page, StringComparison.Ordinal);
        Assert.DoesNotContain(secondNik, page, StringComparison.Ordinal);
        Assert.DoesNotContain(stranger, page, StringComparison.Ordinal);
        Assert.Contains($"/Workers/Detail?id={second}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_site_speaks_bahasa_indonesia_by_default_and_english_when_chosen_whatever_the_browser_says()
    {
        var client = fixture.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var login = await client.GetStringAsync("/Account/Login");
        Assert.Contains("<h1>Masuk</h1>", login, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"id\">", login, StringComparison.Ordinal);

        var switched = await AdminFixture.PostFormAsync(client, "/Language", new() { ["culture"] = "en", ["returnUrl"] = "/Account/Login" }, tokenFrom: "/Account/Login");
        Assert.Equal("/Account/Login", switched.Headers.Location?.OriginalString);
        var english = await client.GetStringAsync("/Account/Login");
        Assert.Contains("<h1>Sign in</h1>", english, StringComparison.Ordinal);
        Assert.Contains("Social security for vulnerable workers", english, StringComparison.Ordinal);

        var caseworker = await fixture.CaseworkerAsync();
        await AdminFixture.PostFormAsync(caseworker, "/Language", new() { ["culture"] = "en", ["returnUrl"] = "/Claims" }, tokenFrom: "/Claims");
        var queue = await caseworker.GetStringAsync("/Claims");
        Assert.Contains("<h1>Claim queue</h1>", queue, StringComparison.Ordinal);
        Assert.Contains("<th>Next deadline</th>", queue, StringComparison.Ordinal);
        Assert.Contains("<h1>Find a participant</h1>", await caseworker.GetStringAsync("/Workers"), StringComparison.Ordinal);

        var offsite = await AdminFixture.PostFormAsync(client, "/Language", new() { ["culture"] = "id-ID", ["returnUrl"] = "https://contoh.invalid/" }, tokenFrom: "/Account/Login");
        Assert.Equal("/", offsite.Headers.Location?.OriginalString);
        Assert.Contains("<h1>Masuk</h1>", await client.GetStringAsync("/Account/Login"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_pdf_keeps_accented_names_and_typographic_signs_in_an_embedded_font()
    {
        var id = Guid.CreateVersion7();
        (await fixture.Silo.Grains.GetGrain<Kapuas.Grains.Workers.IWorkerGrain>(id).RegisterAsync(
            TestData.Profile("José Hernández Ñoño", Domain.Workers.Sex.Male), TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        var liaison = await fixture.LiaisonAsync();

        var pdf = await liaison.GetByteArrayAsync($"/Workers/Detail?id={id}&handler=Pdf");

        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        Assert.Contains("Riwayat peserta: José Hernández Ñoño", page.Text, StringComparison.Ordinal);
        Assert.Contains("·", page.Text, StringComparison.Ordinal);
        Assert.All(page.Letters, l => Assert.Contains("DejaVu", l.FontName, StringComparison.Ordinal));
        Assert.Contains("FontFile2", System.Text.Encoding.Latin1.GetString(pdf), StringComparison.Ordinal); // the TrueType font is embedded
    }
}
