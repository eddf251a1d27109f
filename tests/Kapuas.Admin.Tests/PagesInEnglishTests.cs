using System.Net;
using System.Text;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Workers;
using Kapuas.Testing;

namespace Kapuas.Admin.Tests;

/// <summary>
/// The claim, participant, family, search, import and home pages for a user who chose English: their own labels,
/// sentences and messages come out in English (texts the Domain writes are checked by the Domain's own tests).
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class PagesInEnglishTests(AdminFixture fixture)
{
    private static async Task<HttpClient> InEnglishAsync(HttpClient client)
    {
        var switched = await AdminFixture.PostFormAsync(client, "/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, tokenFrom: "/");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        return client;
    }

    private async Task<Guid> CoveredWorkerAsync(string name)
    {
        var code = $"E{Guid.NewGuid():N}"[..12];
        var agreement = await TestRoster.SignedAgreementAsync(fixture.Silo.Grains, code, TestData.AgreementFor(DateTime.UtcNow.Year));
        var id = Guid.CreateVersion7();
        var grain = fixture.Silo.Grains.GetGrain<IWorkerGrain>(id);
        (await grain.RegisterAsync(TestData.Profile(name, Sex.Female), TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        (await grain.EnrollFromStartAsync(agreement.GetPrimaryKeyString(), TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        return id;
    }

    [Fact]
    public async Task A_claim_is_recorded_and_worked_on_in_english()
    {
        var client = await InEnglishAsync(await fixture.CaseworkerAsync());
        var id = await CoveredWorkerAsync("English Claim");

        var worker = WebUtility.HtmlDecode(await client.GetStringAsync($"/Workers/Detail?id={id}"));
        Assert.Contains("female, ", worker, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Coverage timeline from ", worker, StringComparison.Ordinal);
        Assert.Matches("Version \\d+ · changed ", worker);
        Assert.DoesNotContain("Hari ini:", worker, StringComparison.Ordinal);

        var intake = await AdminFixture.PostFormAsync(client, $"/Claims/New?worker={id}", new()
        {
            ["Input.Type"] = nameof(ClaimType.JkkAccident), ["Input.IncidentAt"] = Commands.ToWibInput(DateTimeOffset.UtcNow.AddDays(-1)),
            ["Input.Place"] = "Sawah", ["Input.Description"] = "Terjatuh saat panen", ["Input.Reporter"] = nameof(ReporterKind.WorkersGroup),
            ["Input.ReporterName"] = "Pak Anang", ["Input.ReporterContact"] = "081299990000", ["Input.OperationId"] = Guid.NewGuid().ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, intake.StatusCode);
        var claimPage = intake.Headers.Location!.OriginalString;

        var detail = WebUtility.HtmlDecode(await client.GetStringAsync(claimPage));
        Assert.Matches("Claim KLM-\\S+ recorded\\.", detail);
        Assert.Contains("aria-label=\"Claim summary\"", detail, StringComparison.Ordinal);
        Assert.Matches("id=\"next-action\">Next step: <a href=\"#documents\">complete \\d+ required documents</a>", detail);
        Assert.Contains("Covered on the incident date.", detail, StringComparison.Ordinal);
        Assert.Contains("<th>Requirement</th>", detail, StringComparison.Ordinal);
        Assert.Contains("Save the document checklist", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Langkah berikutnya", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Simpan daftar dokumen", detail, StringComparison.Ordinal);

        var noTime = await AdminFixture.PostFormAsync(client, claimPage + "&handler=FirstReport", [], tokenFrom: claimPage);
        Assert.Equal(HttpStatusCode.BadRequest, noTime.StatusCode);
        Assert.Contains("The time of the stage I report is required.", WebUtility.HtmlDecode(await noTime.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var noScan = await AdminFixture.PostFormAsync(client, claimPage + "&handler=Upload", new() { ["UploadKind"] = nameof(DocumentKind.FamilyCard) }, tokenFrom: claimPage);
        Assert.Contains("Choose a scanned file (PDF, JPEG or PNG).", WebUtility.HtmlDecode(await noScan.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var queue = WebUtility.HtmlDecode(await client.GetStringAsync("/Claims?scope=all"));
        Assert.Matches("\\d+ claims · <span class=\"overdue\">\\d+ overdue</span>", queue);
    }

    [Fact]
    public async Task Family_search_and_home_speak_english()
    {
        var client = await InEnglishAsync(await fixture.CaseworkerAsync());
        var id = await CoveredWorkerAsync("English Family");

        var family = WebUtility.HtmlDecode(await client.GetStringAsync($"/Workers/Family?id={id}"));
        Assert.Contains("Order of heirs (bpjs-rules.md §4.3)", family, StringComparison.Ordinal);
        Assert.Contains("NIK (if any)", family, StringComparison.Ordinal);
        var saved = await AdminFixture.PostFormAsync(client, $"/Workers/Family?id={id}", new()
        {
            ["Input.Name"] = "Nia", ["Input.Relationship"] = "Child", ["Input.BirthDate"] = "2015-03-01", ["Input.Level"] = "Sd",
            ["Input.OperationId"] = Guid.NewGuid().ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Nia's details saved.", WebUtility.HtmlDecode(await client.GetStringAsync($"/Workers/Family?id={id}")), StringComparison.Ordinal);

        var search = await AdminFixture.PostFormAsync(client, "/Workers", new() { ["Query"] = "English Family" });
        Assert.Matches("1 participants · page 1 of 1", WebUtility.HtmlDecode(await search.Content.ReadAsStringAsync()));
        var refused = await AdminFixture.PostFormAsync(client, "/Workers", new() { ["Kecamatan"] = "99.99.99" });
        Assert.Contains("Unknown kecamatan.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.Contains("<p class=\"who\">Caseworker · cluster <strong", WebUtility.HtmlDecode(await client.GetStringAsync("/")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_is_previewed_in_english()
    {
        var client = await InEnglishAsync(await fixture.AdministratorAsync());
        var nik = TestData.Nik(Sex.Male, new DateOnly(1990, 1, 2));
        var csv = "NIK;Nama;Jenis Kelamin;Tanggal Lahir;Kecamatan;Desa/Kelurahan;Pekerjaan\r\n"
            + $"{nik};Import English;L;02/01/1990;Selat;Sei Tatas;Petani\r\n123;Pendek;L;02/01/1990;Selat;Sei Tatas;Petani";

        var index = WebUtility.HtmlDecode(await client.GetStringAsync("/Import"));
        Assert.Contains("Upload and preview", index, StringComparison.Ordinal);
        Assert.Contains("<option value=\"\">— do not enrol in a PKS —</option>", index, StringComparison.Ordinal);

        var none = await AdminFixture.PostFormAsync(client, "/Import", []);
        Assert.Contains("Choose a CSV or XLSX file to upload.", WebUtility.HtmlDecode(await none.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var upload = await AdminFixture.UploadAsync(client, "/Import", "Input.File", "english.csv", [.. Encoding.UTF8.GetBytes(csv)], []);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var batch = WebUtility.HtmlDecode(await client.GetStringAsync(upload.Headers.Location!.OriginalString));
        Assert.Contains("<th>Data rows</th>", batch, StringComparison.Ordinal);
        Assert.Contains("Save the import", batch, StringComparison.Ordinal);
        Assert.Contains("<td>rejected</td>", batch, StringComparison.Ordinal);
        Assert.Contains("(value: \"123\")", batch, StringComparison.Ordinal);
        Assert.DoesNotContain("Simpan impor", batch, StringComparison.Ordinal);
    }
}
