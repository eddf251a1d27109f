using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Workers;
using Kapuas.Testing;

namespace Kapuas.Admin.Tests;

/// <summary>
/// Payers as data on PostgreSQL (issue 18, part 1): an administrator records a village's APBDes agreement beside the
/// regency's, the list says who pays and filters by payer, and a village agreement warns when it enrols someone from
/// elsewhere.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class AgreementPayerPageTests(AdminFixture fixture)
{
    private static readonly HtmlParser Parser = new();

    private static Dictionary<string, string> Terms(string code, string payer, string? kecamatan = null, string? desa = null, string? name = null)
    {
        var year = DateTime.UtcNow.Year;
        return new()
        {
            ["Input.Code"] = code, ["Input.Number"] = $"141/{code}", ["Input.SignedOn"] = $"{year}-01-02", ["Input.BudgetYear"] = $"{year}",
            ["Input.Start"] = $"{year}-01-01", ["Input.End"] = $"{year}-12-31", ["Input.Quota"] = "100", ["Input.DeclaredIncome"] = "1000000",
            ["Input.BudgetCeiling"] = "20160000", ["Input.PartialMonthRule"] = "FullMonth", ["Input.Jkk"] = "true", ["Input.Jkm"] = "true",
            ["Input.Payer"] = payer, ["Input.PayerKecamatan"] = kecamatan ?? "", ["Input.PayerDesa"] = desa ?? "", ["Input.PayerName"] = name ?? "",
        };
    }

    private static async Task<List<(string Code, string Payer)>> ListAsync(HttpClient client, string path)
    {
        var document = Parser.ParseDocument(await client.GetStringAsync(path));
        return [.. document.QuerySelectorAll("table tbody tr").Select(tr => (tr.Children[0].TextContent.Trim(), tr.QuerySelector("td.payer")!.TextContent.Trim()))];
    }

    [Fact]
    public async Task A_village_agreement_sits_beside_the_regencys_and_the_list_filters_by_payer()
    {
        var admin = await fixture.AdministratorAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var village = $"DESA-{suffix}";
        var regency = $"PKS-{suffix}";

        // Refused with the reason and nothing stored: a village agreement without its desa.
        var refused = await AdminFixture.PostFormAsync(admin, "/Agreements", Terms($"X-{suffix}", "Apbdes", kecamatan: "62.03.01"));
        Assert.Contains("Perjanjian dana desa (APBDes) harus menyebut kecamatan dan desanya.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain(await ListAsync(admin, "/Agreements"), r => r.Code == $"X-{suffix}");

        Assert.Equal(HttpStatusCode.Redirect, (await AdminFixture.PostFormAsync(admin, "/Agreements", Terms(village, "Apbdes", "62.03.01", "Sei Tatas"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AdminFixture.PostFormAsync(admin, "/Agreements", Terms(regency, "ApbdKabupaten"))).StatusCode);

        await Eventually.UntilAsync(async () => (await ListAsync(admin, "/Agreements")).Any(r => r.Code == village), TimeSpan.FromSeconds(20), "the village agreement listed");
        var all = await ListAsync(admin, "/Agreements");
        Assert.Contains((village, "APBDes Desa Sei Tatas, Kec. Selat"), all);
        Assert.Contains((regency, "APBD Kabupaten Kapuas (Dinas Sosial)"), all);

        var villages = await ListAsync(admin, "/Agreements?payer=Apbdes");
        Assert.Contains(villages, r => r.Code == village);
        Assert.All(villages, r => Assert.StartsWith("APBDes", r.Payer, StringComparison.Ordinal));
        Assert.DoesNotContain(villages, r => r.Code == regency);
        Assert.Contains(await ListAsync(admin, "/Agreements?payer=ApbdKabupaten"), r => r.Code == regency);

        // Each payer has its own bill and its own line on the dashboard.
        var billChoice = Parser.ParseDocument(await admin.GetStringAsync("/Bills?payer=Apbdes")).QuerySelectorAll("#Agreement option").Select(o => o.TextContent).ToList();
        Assert.Contains(billChoice, o => o.StartsWith(village, StringComparison.Ordinal) && o.EndsWith("APBDes Desa Sei Tatas, Kec. Selat", StringComparison.Ordinal));
        Assert.DoesNotContain(billChoice, o => o.StartsWith(regency, StringComparison.Ordinal));
        var dashboard = Parser.ParseDocument(await admin.GetStringAsync("/?payer=Apbdes")).QuerySelectorAll("#agreement-use tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.Contains(dashboard, row => row.Contains(village, StringComparison.Ordinal));
        Assert.DoesNotContain(dashboard, row => row.Contains(regency, StringComparison.Ordinal));
        Assert.Contains(Parser.ParseDocument(await admin.GetStringAsync("/")).QuerySelectorAll("#agreement-use tbody tr"), tr => tr.TextContent.Contains(regency, StringComparison.Ordinal));

        // The API lists agreements with who pays, by payer; an unknown payer is refused in the documented shape.
        var api = await fixture.ApiAsync("budi");
        var listed = await api.GetFromJsonAsync<List<Kapuas.Admin.Api.AgreementSummary>>("/api/agreements?payer=Apbdes");
        Assert.Contains(listed!, a => a.AgreementId == village && a.PayerDesa == "Sei Tatas" && a.PayerLabel == "APBDes Desa Sei Tatas, Kec. Selat");
        Assert.DoesNotContain(listed!, a => a.AgreementId == regency);
        var unknown = await api.GetAsync("/api/agreements?payer=SelfPaid");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("\"agreement.payer\"", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The village enrols a resident quietly and warns, naming where the worker lives, about anyone else.
        await fixture.Silo.Grains.GetGrain<Kapuas.Grains.Agreements.IAgreementGrain>(village)
            .ChangeStatusAsync(Kapuas.Domain.Agreements.AgreementStatus.Signed, TestData.Context("admin", DateTimeOffset.UtcNow));
        var outsider = fixture.Silo.Grains.GetGrain<IWorkerGrain>(Guid.CreateVersion7());
        (await outsider.RegisterAsync(TestData.Profile("Warga Lain", Sex.Male, TestData.Nik(Sex.Male, new DateOnly(1990, 1, 1))) with { Desa = "Pulau Telo" },
            TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        var enrolled = await outsider.EnrollFromStartAsync(village, TestData.Context("admin", DateTimeOffset.UtcNow));
        Assert.True(enrolled.Succeeded);
        var warning = Assert.Single(enrolled.Warnings, w => w.Code == "agreement.outside_village");
        Assert.Contains("Desa Pulau Telo", warning.Message, StringComparison.Ordinal);

        // The same days under two payers are refused by the worker's timeline, naming the other payer's period.
        await fixture.Silo.Grains.GetGrain<Kapuas.Grains.Agreements.IAgreementGrain>(regency)
            .ChangeStatusAsync(Kapuas.Domain.Agreements.AgreementStatus.Signed, TestData.Context("admin", DateTimeOffset.UtcNow));
        var resident = fixture.Silo.Grains.GetGrain<IWorkerGrain>(Guid.CreateVersion7());
        (await resident.RegisterAsync(TestData.Profile("Warga Desa", Sex.Female, TestData.Nik(Sex.Female, new DateOnly(1991, 2, 2))) with { Desa = "Sei Tatas" },
            TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        (await resident.EnrollFromStartAsync(regency, TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        var sameDays = await resident.EnrollFromStartAsync(village, TestData.Context("admin", DateTimeOffset.UtcNow));
        Assert.Contains(sameDays.Errors, e => e.Code == "coverage.overlap" && e.Message.Contains($"PKS {regency}", StringComparison.Ordinal));

        // Next year the regency covers January to 15 March and the village from 16 March: no day twice, but both bill
        // March in full (whole-month billing, bpjs-rules.md §1.3): the enrolment says so, with the money at stake.
        var next = DateTime.UtcNow.Year + 1;
        async Task<string> DefineAsync(string code, DateOnly start, DateOnly end, Kapuas.Domain.Coverage.FundingKind payer, string? kecamatan, string? desa)
        {
            var grain = fixture.Silo.Grains.GetGrain<Kapuas.Grains.Agreements.IAgreementGrain>(code);
            (await grain.DefineAsync(new Kapuas.Grains.Agreements.AgreementTermsInput($"141/{code}", new DateOnly(next, 1, 2), next, start, end, 100,
                Kapuas.Domain.Agreements.Programs.Jkk | Kapuas.Domain.Agreements.Programs.Jkm, 1_000_000, 20_160_000,
                Kapuas.Domain.Agreements.PartialMonthRule.FullMonth, payer, kecamatan, desa), TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
            (await grain.ChangeStatusAsync(Kapuas.Domain.Agreements.AgreementStatus.Signed, TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
            return code;
        }

        var regencyShort = await DefineAsync($"PKSQ-{suffix}", new DateOnly(next, 1, 1), new DateOnly(next, 3, 15), Kapuas.Domain.Coverage.FundingKind.ApbdKabupaten, null, null);
        var villageNext = await DefineAsync($"DESAN-{suffix}", new DateOnly(next, 3, 16), new DateOnly(next, 12, 31), Kapuas.Domain.Coverage.FundingKind.Apbdes, "62.03.01", "Sei Tatas");
        var both = fixture.Silo.Grains.GetGrain<IWorkerGrain>(Guid.CreateVersion7());
        (await both.RegisterAsync(TestData.Profile("Warga Dua", Sex.Female, TestData.Nik(Sex.Female, new DateOnly(1992, 3, 3))) with { Desa = "Sei Tatas" },
            TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        _ = (await both.EnrollFromStartAsync(regencyShort, TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        var second = await both.EnrollFromStartAsync(villageNext, TestData.Context("admin", DateTimeOffset.UtcNow));
        Assert.True(second.Succeeded, string.Join("; ", second.Errors));
        var twice = Assert.Single(second.Warnings, w => w.Code == "double_cover.at_enrolment");
        Assert.Contains($"PKS {regencyShort}", twice.Message, StringComparison.Ordinal);
        Assert.Contains($"PKS {villageNext}", twice.Message, StringComparison.Ordinal);
        Assert.Contains($"{next}-03", twice.Message, StringComparison.Ordinal);
        Assert.Contains("(1 bulan)", twice.Message, StringComparison.Ordinal);
        Assert.Contains("Rp 16.800", twice.Message, StringComparison.Ordinal); // March at each payer's rate: JKK Rp 10.000 + JKM Rp 6.800
    }
}
