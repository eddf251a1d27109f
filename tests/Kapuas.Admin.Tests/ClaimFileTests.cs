using System.Net;
using System.Text;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Family;
using Kapuas.Domain.Identity;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Claims;
using Kapuas.Testing;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Kapuas.Admin.Tests;

/// <summary>
/// The claim file for BPJS: the administrator's cover-letter settings, letter numbers issued once per claim in the
/// year's sequence, and the PDF read back (letter number, NIK as the role allows, heirs in order, checklist).
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class ClaimFileTests(AdminFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private static Dictionary<string, string> Settings(string pattern = "{n}/JS-DINSOS/{bulan}/{tahun}", string nip = "19800101 200501 1 003") => new()
    {
        ["Input.Office"] = "Dinas Sosial Kabupaten Kapuas", ["Input.Address"] = "Jl. Contoh No. 1, Kuala Kapuas",
        ["Input.City"] = "Kuala Kapuas", ["Input.Addressee"] = "Kepala Kantor Cabang BPJS Ketenagakerjaan Kuala Kapuas",
        ["Input.NumberPattern"] = pattern, ["Input.SignatoryName"] = "Drs. Yohanes Ñoño", ["Input.SignatoryTitle"] = "Kepala Dinas Sosial",
        ["Input.SignatoryNip"] = nip,
    };

    private async Task<(Guid Worker, Guid Claim, string Nik)> AccidentWithFamilyAsync(string name)
    {
        var code = $"F{Guid.NewGuid():N}"[..12];
        var agreement = await TestRoster.SignedAgreementAsync(fixture.Silo.Grains, code, TestData.AgreementFor(Today.Year));
        var id = Guid.CreateVersion7();
        var nik = TestData.Nik(Sex.Male, new DateOnly(1985, 6, 3));
        var grain = fixture.Silo.Grains.GetGrain<IWorkerGrain>(id);
        var context = TestData.Context("sari", DateTimeOffset.UtcNow);
        (await grain.RegisterAsync(TestData.Profile(name, Sex.Male, nik) with { Sex = Sex.Male }, context)).Expect();
        (await grain.EnrollFromStartAsync(agreement.GetPrimaryKeyString(), TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        // Entered out of order: the file lists them in statutory order (spouse and children before parents and siblings).
        (await grain.SaveFamilyMemberAsync(new FamilyMemberInput(null, "Rahmat Saudara", null, Relationship.Sibling, new DateOnly(1990, 2, 2), SchoolLevel.NotYetInSchool, false, true), TestData.Context("sari", DateTimeOffset.UtcNow))).Expect();
        (await grain.SaveFamilyMemberAsync(new FamilyMemberInput(null, "Hj. Aminah Ibu", null, Relationship.Parent, new DateOnly(1960, 3, 3), SchoolLevel.NotYetInSchool, false, false), TestData.Context("sari", DateTimeOffset.UtcNow))).Expect();
        (await grain.SaveFamilyMemberAsync(new FamilyMemberInput(null, "Siti Istri", null, Relationship.Spouse, new DateOnly(1989, 1, 1), SchoolLevel.NotYetInSchool, true, false), TestData.Context("sari", DateTimeOffset.UtcNow))).Expect();
        var claim = (await grain.OpenClaimAsync(new ClaimIntakeInput(ClaimType.JkkAccident, DateTimeOffset.UtcNow.AddHours(-30), "Sungai Kapuas dekat Desa Pulau Telo",
            "Jari terjepit mesin perahu saat menjaring ikan", false, false, ReporterKind.WorkersGroup, "Pak Anang", "081299990000"),
            TestData.Context("sari", DateTimeOffset.UtcNow))).Expect();
        (await grain.RecordClaimDocumentAsync(claim.Id, new DocumentInput(DocumentKind.KpjCard, Today.AddDays(-1), true, "kartu asli dilihat"), TestData.Context("sari", DateTimeOffset.UtcNow))).Expect();
        return (id, claim.Id, nik);
    }

    private static void AssertRefused(HttpResponseMessage response) =>
        Assert.Contains("/Account/AccessDenied", response.Headers.Location?.OriginalString ?? response.StatusCode.ToString(), StringComparison.Ordinal);

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public async Task An_administrator_sets_the_letter_a_caseworker_issues_its_number_once_and_the_pdf_carries_the_file()
    {
        var (worker, claim, nik) = await AccidentWithFamilyAsync("Berkas Pengantar");
        var page = $"/Claims/File?worker={worker}&claim={claim}";
        var caseworker = await fixture.CaseworkerAsync();
        var liaison = await fixture.LiaisonAsync();
        var admin = await fixture.AdministratorAsync();

        // Settings refused with the reason, in the user's language; nothing saved.
        var before = await fixture.Factory.Services.GetRequiredService<CoverLetterStore>().SettingsAsync();
        var refused = await AdminFixture.PostFormAsync(admin, "/CoverLetter", Settings(pattern: "DINSOS/{tahun}", nip: "123"));
        var refusal = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Format nomor harus memuat {n} (nomor urut).", refusal, StringComparison.Ordinal);
        Assert.Contains("NIP terdiri atas 18 digit.", refusal, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Factory.Services.GetRequiredService<CoverLetterStore>().SettingsAsync());
        var english = await fixture.AdministratorAsync();
        await AdminFixture.PostFormAsync(english, "/Language", new() { ["culture"] = "en", ["returnUrl"] = "/CoverLetter" }, tokenFrom: "/CoverLetter");
        var refusedInEnglish = WebUtility.HtmlDecode(await (await AdminFixture.PostFormAsync(english, "/CoverLetter", Settings(pattern: "X/{tahun}"))).Content.ReadAsStringAsync());
        Assert.Contains("The number format must contain {n} (the running number).", refusedInEnglish, StringComparison.Ordinal);
        AssertRefused(await AdminFixture.PostFormAsync(caseworker, "/CoverLetter", Settings(), tokenFrom: page));

        Assert.Equal(HttpStatusCode.Redirect, (await AdminFixture.PostFormAsync(admin, "/CoverLetter", Settings())).StatusCode);

        // Before issuing: a draft, no number.
        var draft = PdfText(await caseworker.GetByteArrayAsync(page + "&handler=Pdf"));
        Assert.Contains("DRAF", draft, StringComparison.Ordinal);

        // The liaison reads the file but may not number it.
        AssertRefused(await AdminFixture.PostFormAsync(liaison, page + "&handler=Issue", [], tokenFrom: page));
        Assert.Null(await fixture.Factory.Services.GetRequiredService<CoverLetterStore>().LetterAsync(claim));

        Assert.Equal(HttpStatusCode.Redirect, (await AdminFixture.PostFormAsync(caseworker, page + "&handler=Issue", [], tokenFrom: page)).StatusCode);
        var letter = (await fixture.Factory.Services.GetRequiredService<CoverLetterStore>().LetterAsync(claim))!;
        Assert.Matches($@"^\d{{3}}/JS-DINSOS/{CoverLetterSettings.RomanMonth(Today.Month)}/{Today.Year}$", letter.Number);
        // Issuing again (a double click, another caseworker) gives the same letter.
        await AdminFixture.PostFormAsync(caseworker, page + "&handler=Issue", [], tokenFrom: page);
        Assert.Equal(letter, await fixture.Factory.Services.GetRequiredService<CoverLetterStore>().LetterAsync(claim));

        // The next claim takes the next number.
        var (worker2, claim2, _) = await AccidentWithFamilyAsync("Berkas Kedua");
        var page2 = $"/Claims/File?worker={worker2}&claim={claim2}";
        await AdminFixture.PostFormAsync(caseworker, page2 + "&handler=Issue", [], tokenFrom: page2);
        var next = (await fixture.Factory.Services.GetRequiredService<CoverLetterStore>().LetterAsync(claim2))!;
        Assert.Equal(int.Parse(letter.Number[..3]) + 1, int.Parse(next.Number[..3]));

        // The caseworker's PDF: the letter, the whole NIK, the first report, heirs in statutory order, the checklist.
        var text = PdfText(await caseworker.GetByteArrayAsync(page + "&handler=Pdf"));
        Assert.Contains(letter.Number, text, StringComparison.Ordinal);
        Assert.DoesNotContain("DRAF", text, StringComparison.Ordinal);
        Assert.Contains("Drs. Yohanes Ñoño", text, StringComparison.Ordinal);
        Assert.Contains("NIP 19800101 200501 1 003", text, StringComparison.Ordinal);
        Assert.Contains(nik, text, StringComparison.Ordinal);
        Assert.Contains("Pak Anang", text, StringComparison.Ordinal);
        Assert.Contains("081299990000", text, StringComparison.Ordinal);
        Assert.Contains("Jari terjepit mesin perahu", text, StringComparison.Ordinal);
        var spouse = text.IndexOf("Siti Istri", StringComparison.Ordinal);
        var parent = text.IndexOf("Hj. Aminah Ibu", StringComparison.Ordinal);
        var sibling = text.IndexOf("Rahmat Saudara", StringComparison.Ordinal);
        Assert.True(spouse > 0 && spouse < parent && parent < sibling, $"heirs out of order: {spouse}, {parent}, {sibling}");
        Assert.Contains($"Kartu peserta BPJS Ketenagakerjaan wajib {Today.AddDays(-1):dd/MM/yyyy} ya kartu asli dilihat", text, StringComparison.Ordinal);
        Assert.Contains("Rp", text, StringComparison.Ordinal);

        // The liaison's PDF: the masked NIK only.
        var liaisonText = PdfText(await liaison.GetByteArrayAsync(page + "&handler=Pdf"));
        Assert.DoesNotContain(nik, liaisonText, StringComparison.Ordinal);
        Assert.Contains(Nik.Mask(nik), liaisonText, StringComparison.Ordinal);
        Assert.Contains(letter.Number, liaisonText, StringComparison.Ordinal);

        // The print page shows the same letter; its chrome follows the language, the letter stays Indonesian.
        var html = WebUtility.HtmlDecode(await caseworker.GetStringAsync(page));
        Assert.Contains(letter.Number, html, StringComparison.Ordinal);
        Assert.Contains("Kepada Yth.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_signatory_no_number_is_issued_and_the_caseworker_is_told_why()
    {
        var store = fixture.Factory.Services.GetRequiredService<CoverLetterStore>();
        var saved = await store.SettingsAsync();
        var (worker, claim, _) = await AccidentWithFamilyAsync("Berkas Tanpa Penanda");
        try
        {
            await fixture.Database.ExecuteAsync("DELETE FROM app.cover_letter_settings");
            var page = $"/Claims/File?worker={worker}&claim={claim}";
            var caseworker = await fixture.CaseworkerAsync();
            var html = WebUtility.HtmlDecode(await caseworker.GetStringAsync(page));
            Assert.Contains("penanda tangan surat pengantar belum diatur oleh administrator", html, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"issue-letter\"", html, StringComparison.Ordinal);
            var response = await AdminFixture.PostFormAsync(caseworker, page + "&handler=Issue", [], tokenFrom: page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Null(await store.LetterAsync(claim));
            Assert.Contains("Nomor surat belum diterbitkan", WebUtility.HtmlDecode(await caseworker.GetStringAsync(page)), StringComparison.Ordinal);
        }
        finally
        {
            if (saved.CanIssue)
            {
                await store.SaveSettingsAsync(saved, "test");
            }
        }
    }
}
