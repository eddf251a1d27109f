using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Infrastructure.Spreadsheets;
using Kapuas.Testing;

namespace Kapuas.Admin.Tests;

/// <summary>
/// Double cover found and not paid, on PostgreSQL through the pages (issue 18, part 2): a regency agreement and two
/// village agreements; a village's list names a worker the regency covers; the import preview names the other payer and
/// the months, the commit holds the village's period, both bills charge the worker, the check lists the overlap with the
/// money at stake (CSV and XLSX), and an administrator's choice changes both payers' bills and gives a quota place back.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class DoubleCoverPageTests(AdminFixture fixture)
{
    private const string Header = "NIK;Nama;Jenis Kelamin;Tanggal Lahir;Kecamatan;Desa/Kelurahan;Pekerjaan;No HP;KPJ;Sumber Data";

    private static readonly HtmlParser Parser = new();

    private static readonly int Year = DateTime.UtcNow.Year;

    private static byte[] Csv(params (string Nik, string Name)[] rows) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n",
            [Header, .. rows.Select(r => $"{r.Nik};{r.Name};L;15/05/1995;Selat;Sei Tatas;Petani;081234567890;;DTKS")]))];

    private async Task<string> AgreementAsync(string code, FundingKind payer, string? desa)
    {
        var grain = fixture.Silo.Grains.GetGrain<IAgreementGrain>(code);
        (await grain.DefineAsync(new AgreementTermsInput($"141/{code}", new DateOnly(Year, 1, 2), Year, new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31), 100,
            Programs.Jkk | Programs.Jkm, 1_000_000, 20_160_000, PartialMonthRule.FullMonth, payer, desa is null ? null : "62.03.01", desa),
            TestData.Context("admin"))).Expect();
        (await grain.ChangeStatusAsync(AgreementStatus.Signed, TestData.Context("admin"))).Expect();
        return code;
    }

    private static async Task<Guid> UploadAsync(HttpClient client, byte[] file, string agreement)
    {
        var response = await AdminFixture.UploadAsync(client, "/Import", "Input.File", "daftar.csv", file,
            new() { ["Input.AgreementId"] = agreement, ["Input.StartingRoster"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private static async Task CommitAsync(HttpClient client, Guid batch)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await AdminFixture.PostFormAsync(client, $"/Import/Batch/{batch}?handler=Commit", [])).StatusCode);
        await Eventually.UntilAsync(async () => JsonDocument.Parse(await client.GetStringAsync($"/Import/Batch/{batch}?handler=Progress"))
            .RootElement.GetProperty("status").GetString() == "completed", TimeSpan.FromSeconds(60), "the import job completed");
    }

    /// <summary>The names on an agreement's June bill, with "held" when the line is a held double cover.</summary>
    private static async Task<List<string>> JuneBillAsync(HttpClient client, string agreement)
    {
        var page = Parser.ParseDocument(await client.GetStringAsync($"/Bills?Agreement={agreement}&Month={Year}-06"));
        return [.. page.QuerySelectorAll("table tbody tr td:first-child").Select(td =>
            td.QuerySelector("a")!.TextContent.Trim() + (td.QuerySelector(".held-line") is null ? "" : " (held)"))];
    }

    private static async Task<List<(string Name, string Cells)>> FindingsAsync(HttpClient client) =>
        [.. Parser.ParseDocument(await client.GetStringAsync("/DoubleCover")).QuerySelectorAll("#double-cover-list tbody tr")
            .Select(tr => (tr.Children[0].QuerySelector("a")!.TextContent.Trim(), WebUtility.HtmlDecode(tr.TextContent)))];

    private Task<long> EnrolmentsAsync(string agreement, Guid worker) =>
        fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM app.agreement_enrolments WHERE agreement_id = '{agreement}' AND worker_id = '{worker}'");

    [Fact]
    public async Task A_village_list_naming_a_regency_worker_is_caught_at_import_held_listed_and_resolved_and_both_bills_change()
    {
        var admin = await fixture.AdministratorAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var regency = await AgreementAsync($"KAB-{suffix}", FundingKind.ApbdKabupaten, null);
        var villageA = await AgreementAsync($"DESA-A-{suffix}", FundingKind.Apbdes, "Sei Tatas");
        var villageB = await AgreementAsync($"DESA-B-{suffix}", FundingKind.Apbdes, "Sei Tatas");
        var ani = (Nik: TestData.Nik(Sex.Male, new DateOnly(1995, 5, 15)), Name: $"Ani Ganda {suffix}");
        var budi = (Nik: TestData.Nik(Sex.Male, new DateOnly(1995, 5, 15)), Name: $"Budi Ganda {suffix}");

        // The regency's starting roster: both workers, all year.
        await CommitAsync(admin, await UploadAsync(admin, Csv(ani, budi), regency));

        // Village A's list names Ani: the preview names the regency and the months before anything is stored.
        var batchA = await UploadAsync(admin, Csv(ani), villageA);
        var preview = WebUtility.HtmlDecode(await admin.GetStringAsync($"/Import/Batch/{batchA}"));
        Assert.Contains($"Sudah ditanggung APBD Kabupaten Kapuas (Dinas Sosial) (PKS {regency}) untuk bulan {Year}-01 s.d. {Year}-12 (12 bulan)", preview, StringComparison.Ordinal);
        await CommitAsync(admin, batchA);
        await CommitAsync(admin, await UploadAsync(admin, Csv(budi), villageB));

        var aniId = await fixture.Database.ScalarAsync<Guid>($"SELECT worker_id FROM app.participants WHERE name = '{ani.Name}'");
        var budiId = await fixture.Database.ScalarAsync<Guid>($"SELECT worker_id FROM app.participants WHERE name = '{budi.Name}'");

        // Held, not refused: the village's bill charges Ani (marked), the regency's too; the village's place is taken.
        await Eventually.UntilAsync(async () => (await JuneBillAsync(admin, villageA)).Contains($"{ani.Name} (held)"), TimeSpan.FromSeconds(20), "the held line on the village bill");
        Assert.Contains(ani.Name, await JuneBillAsync(admin, regency));
        Assert.Equal(1L, await EnrolmentsAsync(villageA, aniId));
        Assert.Contains("Tanggungan ganda ditahan", WebUtility.HtmlDecode(await admin.GetStringAsync($"/Workers/Detail?id={aniId}")), StringComparison.Ordinal);

        // The check (as the nightly job runs it) lists both overlaps with the months and each payer's money at stake:
        // 12 months × (JKK Rp 10.000 + JKM Rp 6.800) = Rp 201.600 for each payer.
        Assert.Equal(HttpStatusCode.Redirect, (await AdminFixture.PostFormAsync(admin, "/DoubleCover?handler=Run", [], tokenFrom: "/DoubleCover")).StatusCode);
        await Eventually.UntilAsync(async () => (await FindingsAsync(admin)).Count(f => f.Name.EndsWith(suffix, StringComparison.Ordinal)) == 2,
            TimeSpan.FromSeconds(60), "the check found both workers");
        // The administrator's home page counts the workers paid twice, as the findings table holds them.
        var home = Parser.ParseDocument(await admin.GetStringAsync("/")).QuerySelector("#double-covered")!.TextContent;
        var inTable = await fixture.Database.ScalarAsync<long>("SELECT count(DISTINCT worker_id) FROM app.double_cover_findings");
        Assert.True(inTable >= 2);
        Assert.Equal($"{inTable} peserta", home.Trim());
        var aniRow = Assert.Single(await FindingsAsync(admin), f => f.Name == ani.Name).Cells;
        Assert.Contains($"APBD Kabupaten Kapuas (Dinas Sosial) · {regency}", aniRow, StringComparison.Ordinal);
        Assert.Contains($"APBDes Desa Sei Tatas, Kec. Selat · {villageA}", aniRow, StringComparison.Ordinal);
        Assert.Contains($"{Year}-01, {Year}-02", aniRow, StringComparison.Ordinal);
        Assert.Contains("(12)", aniRow, StringComparison.Ordinal);
        Assert.Equal(2, aniRow.Split("Rp 201.600").Length - 1);

        var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync("/DoubleCover?handler=Export&format=csv"));
        Assert.Contains(csv.Split('\n'), line => line.Contains(ani.Name, StringComparison.Ordinal) && line.Contains(villageA, StringComparison.Ordinal)
            && line.Contains(";12;201600;201600;ya", StringComparison.Ordinal));
        var xlsx = await admin.GetByteArrayAsync("/DoubleCover?handler=Export&format=xlsx");
        var table = TabularFile.Read(new MemoryStream(xlsx), "ganda.xlsx", xlsx.Length).Value;
        var budiLine = Assert.Single(table.Rows, r => r.Cells[0] == budi.Name).Cells;
        Assert.Equal(("12", "201600", "201600"), (budiLine[9], budiLine[10], budiLine[11]));
        Assert.Contains(villageB, budiLine);

        // Ani stays with the regency: the village gives her up and its quota place back; its bill no longer charges her.
        var operation = Guid.NewGuid().ToString();
        var keep = new Dictionary<string, string> { ["workerId"] = aniId.ToString(), ["keeper"] = regency, ["operationId"] = operation };
        Assert.Equal(HttpStatusCode.Redirect, (await AdminFixture.PostFormAsync(admin, "/DoubleCover?handler=Resolve", keep, tokenFrom: "/DoubleCover")).StatusCode);
        Assert.DoesNotContain(await JuneBillAsync(admin, villageA), n => n.StartsWith(ani.Name, StringComparison.Ordinal));
        Assert.Contains(ani.Name, await JuneBillAsync(admin, regency));
        Assert.Equal(0L, await EnrolmentsAsync(villageA, aniId));
        Assert.DoesNotContain(await FindingsAsync(admin), f => f.Name == ani.Name);
        var audited = $"SELECT count(*) FROM app.audit_log WHERE subject_id = '{aniId}' AND action = 'worker.double_cover_resolved'";
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>(audited));

        // The same form sent again changes nothing; choosing the village now is refused: it no longer covers her.
        Assert.Equal(HttpStatusCode.Redirect, (await AdminFixture.PostFormAsync(admin, "/DoubleCover?handler=Resolve", keep, tokenFrom: "/DoubleCover")).StatusCode);
        keep["keeper"] = villageA;
        keep["operationId"] = Guid.NewGuid().ToString();
        var gone = await AdminFixture.PostFormAsync(admin, "/DoubleCover?handler=Resolve", keep, tokenFrom: "/DoubleCover");
        Assert.Equal(HttpStatusCode.BadRequest, gone.StatusCode);
        Assert.Contains($"PKS {villageA} tidak menanggung peserta ini", WebUtility.HtmlDecode(await gone.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>(audited));
        Assert.Equal(1L, await EnrolmentsAsync(regency, aniId));

        // Budi stays with village B: the regency gives him up for the whole year and its place back; village B's bill
        // charges him as its own worker now, not as a held line.
        keep = new() { ["workerId"] = budiId.ToString(), ["keeper"] = villageB, ["operationId"] = Guid.NewGuid().ToString() };
        Assert.Equal(HttpStatusCode.Redirect, (await AdminFixture.PostFormAsync(admin, "/DoubleCover?handler=Resolve", keep, tokenFrom: "/DoubleCover")).StatusCode);
        Assert.DoesNotContain(await JuneBillAsync(admin, regency), n => n.StartsWith(budi.Name, StringComparison.Ordinal));
        Assert.Contains(budi.Name, await JuneBillAsync(admin, villageB));
        Assert.Equal(0L, await EnrolmentsAsync(regency, budiId));
        Assert.Equal(1L, await EnrolmentsAsync(villageB, budiId));
        Assert.Equal(villageB, await fixture.Database.ScalarAsync<string>(
            $"SELECT agreement_id FROM app.participant_periods WHERE worker_id = '{budiId}' AND start_date = '{Year}-01-01'"));
    }

    [Fact]
    public async Task A_caseworker_cannot_see_double_cover_and_a_choice_without_a_payer_is_refused_in_the_users_language()
    {
        var caseworker = await fixture.CaseworkerAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await caseworker.GetAsync("/DoubleCover")).StatusCode);

        var admin = await fixture.AdministratorAsync();
        var refused = await AdminFixture.PostFormAsync(admin, "/DoubleCover?handler=Resolve",
            new() { ["workerId"] = Guid.NewGuid().ToString(), ["keeper"] = "", ["operationId"] = Guid.NewGuid().ToString() }, tokenFrom: "/DoubleCover");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Pilih pembayar yang mempertahankan peserta ini.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var english = await fixture.AdministratorAsync();
        await AdminFixture.PostFormAsync(english, "/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, tokenFrom: "/");
        refused = await AdminFixture.PostFormAsync(english, "/DoubleCover?handler=Resolve",
            new() { ["workerId"] = Guid.NewGuid().ToString(), ["keeper"] = "", ["operationId"] = Guid.NewGuid().ToString() }, tokenFrom: "/DoubleCover");
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Choose the payer that keeps this worker.", page, StringComparison.Ordinal);
        Assert.Contains("<h1>Double cover</h1>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Pemeriksaan", page, StringComparison.Ordinal);
    }
}
