using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Family;
using Kapuas.Domain.Planning;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Planning;
using Kapuas.Testing;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Kapuas.Admin.Tests;

/// <summary>
/// Next year's budget plan on PostgreSQL (issue 18, part 3): a donor's roster with deaths, exits and children recorded
/// through the grains, its inputs counted from the read model, two scenarios planned on the page, bad input refused in
/// both languages, the XLSX and the PDF read back, and the page kept from caseworkers and the liaison.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class BudgetPlanPageTests(AdminFixture fixture)
{
    private static readonly HtmlParser Parser = new();

    /// <summary>A donor of its own (so that no other test's workers count) with ten workers since two years ago, and what became of them.</summary>
    private sealed record Roster(string Payer, string Agreement, DateOnly Today, IReadOnlyList<DateOnly> MonthEnds);

    private async Task<Roster> RosterAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var today = Wib.DateOf(now);
        var y = today.Year;
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var donor = $"Yayasan Uji {suffix}";
        var code = $"BP-{suffix}";
        await TestRoster.SignedAgreementAsync(fixture.Silo.Grains, code, new AgreementTermsInput($"141/{code}", new DateOnly(y - 2, 1, 2), y - 2,
            new DateOnly(y - 2, 1, 1), new DateOnly(y, 12, 31), 20, Programs.Jkk | Programs.Jkm, 1_000_000, 50_000_000,
            PartialMonthRule.FullMonth, FundingKind.Donor, null, null, donor));

        var ends = BudgetFacts.MonthEndsUpTo(today); // oldest first: ends[^1] is the latest month end, ends[^6] the sixth latest
        var workers = new List<IWorkerGrain>();
        for (var i = 0; i < 10; i++)
        {
            var grain = fixture.Silo.Grains.GetGrain<IWorkerGrain>(Guid.CreateVersion7());
            (await grain.RegisterAsync(TestData.Profile($"Anggaran {suffix} {i}", Sex.Female), TestData.Context("admin", now))).Expect();
            (await grain.EnrollFromStartAsync(code, TestData.Context("admin", now))).Expect();
            workers.Add(grain);
        }

        async Task ChildAsync(int worker, DateOnly born, bool married = false) =>
            (await workers[worker].SaveFamilyMemberAsync(new FamilyMemberInput(null, $"Anak {worker}", null, Relationship.Child, born, SchoolLevel.Sd, married, false),
                TestData.Context("sari", now))).Expect();
        async Task ExitAsync(int worker, ExitReason reason, DateOnly on) =>
            (await workers[worker].RecordExitAsync(new ExitInput(reason, on, null), TestData.Context("admin", now))).Expect();

        // Children: worker 0 one (it dies today, still on today's roster), worker 5 three (two count), worker 6 one of 24
        // and one married (none count), worker 7 one who turns 23 tomorrow (counts today), worker 8 one who turns 23 today.
        await ChildAsync(0, today.AddYears(-8));
        foreach (var age in new[] { 5, 10, 15 })
        {
            await ChildAsync(5, today.AddYears(-age));
        }

        await ChildAsync(6, today.AddYears(-24));
        await ChildAsync(6, today.AddYears(-20), married: true);
        await ChildAsync(7, today.AddDays(1).AddYears(-23));
        await ChildAsync(8, today.AddYears(-23));

        await ExitAsync(0, ExitReason.Died, today);                    // on today's roster, a known exit, a death observed
        await ExitAsync(1, ExitReason.MovedAway, today);               // on today's roster, a known exit, an exit observed
        await ExitAsync(2, ExitReason.MovedAway, today.AddMonths(-14)); // before the 12 months: counted nowhere
        await ExitAsync(3, ExitReason.BecameWageEarner, ends[^6].AddDays(1)); // an exit observed; at the 7 oldest month ends
        await ExitAsync(4, ExitReason.DuplicateRecord, ends[^3].AddDays(1));  // not a person's exit; at the 10 oldest month ends
        return new Roster($"Donor::{donor}", code, today, ends);
    }

    private static BudgetScenario ScenarioA(int year) => new("Penuh", 20, new YearMonth(year, 1), 12, true, new Money(50_000_000));

    private static BudgetScenario ScenarioB(int year) => new("Hemat", 3, new YearMonth(year, 3), 10, false, new Money(400_000));

    private static string Query(Roster r, params BudgetScenario[] scenarios)
    {
        var fields = new List<string> { $"Payer={Uri.EscapeDataString(r.Payer)}", $"Year={r.Today.Year + 1}" };
        for (var i = 0; i < scenarios.Length; i++)
        {
            var s = scenarios[i];
            fields.Add($"Scenarios[{i}].Name={Uri.EscapeDataString(s.Name)}");
            fields.Add($"Scenarios[{i}].Quota={s.Quota}");
            fields.Add($"Scenarios[{i}].Start={s.Start}");
            fields.Add($"Scenarios[{i}].Months={s.Months}");
            fields.Add($"Scenarios[{i}].Bridged={(s.Bridged ? "true" : "false")}");
            fields.Add($"Scenarios[{i}].Ceiling={s.Ceiling.Rupiah}");
        }

        return "/Budget?" + string.Join("&", fields);
    }

    /// <summary>The workbook's sheets by name, each row's cells as text or (for numbers) decimal.</summary>
    public static Dictionary<string, List<List<object?>>> Sheets(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        return workbook.Workbook.Descendants<Sheet>().ToDictionary(s => s.Name!.Value!, s => ((WorksheetPart)workbook.GetPartById(s.Id!.Value!)).Worksheet
            .Descendants<Row>().Select(row => row.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.Number
                ? (object?)decimal.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)
                : c.InlineString?.InnerText).ToList()).ToList());
    }

    /// <summary>The scenario sheet's row whose first cell is <paramref name="label"/>: its values, one per scenario.</summary>
    public static List<object?> Figure(List<List<object?>> sheet, string label) => sheet.Single(r => r.Count > 0 && Equals(r[0], label)).Skip(1).ToList();

    [Fact]
    public async Task The_inputs_are_counted_from_the_read_model_and_two_scenarios_are_planned_and_downloaded()
    {
        var r = await RosterAsync();
        var year = r.Today.Year + 1;

        // The read model's count, exact: 7 on today's roster (workers 0, 1, 5–9), 2 known to leave (0 and 1, exit dated
        // today), 1 death and 2 exits in the last 12 months (the duplicate is no exit); at the month ends 9 until worker 3
        // left, then 8, then 7 once the duplicate was cut: (7 × 9 + 3 × 8 + 2 × 7) ÷ 12 = 101 ÷ 12 = 8,42 → 8; children 1 + 2 + 1.
        var store = fixture.Factory.Services.GetRequiredService<BudgetPlanInputsStore>();
        var payer = BudgetPayer.Parse(r.Payer)!;
        Assert.Contains(payer, await store.PayersAsync());
        var facts = (await store.FactsAsync(payer, year, r.Today))!;
        Assert.Equal((7, 2, 1, 2, 8, 4, 0), (facts.RosterToday, facts.KnownExits, facts.ObservedDeaths, facts.ObservedExits, facts.AverageRoster,
            facts.ScholarshipChildren, facts.FamiliesNotIndexed));
        Assert.Equal(new[] { 9, 9, 9, 9, 9, 9, 9, 8, 8, 8, 7, 7 }, facts.MonthEnds.Select(m => m.Workers));
        Assert.Equal(r.MonthEnds, facts.MonthEnds.Select(m => m.Day));
        Assert.Equal((r.Agreement, new DateOnly(r.Today.Year, 12, 31), AgreementStatus.Signed), (facts.Current!.Id, facts.Current.End, facts.Current.Status));

        // The page plans two scenarios; every figure is the Domain's for the same inputs.
        var admin = await fixture.AdministratorAsync();
        var query = Query(r, ScenarioA(year), ScenarioB(year));
        var response = await admin.GetAsync(query);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, string.Join(" | ", FirstVisitTests.Messages(html)));
        var page = Parser.ParseDocument(html);
        Assert.Equal("7", page.QuerySelector("#input-roster td")!.TextContent);
        Assert.Equal("2", page.QuerySelector("#input-known-exits td")!.TextContent);
        Assert.Equal("8", page.QuerySelector("#input-average td")!.TextContent);
        Assert.Equal("4", page.QuerySelector("#input-children td")!.TextContent);
        Assert.Contains("dikurangi kematian dan keluar yang diperkirakan", page.QuerySelector("#continuing-meaning")!.TextContent, StringComparison.Ordinal);

        var inputs = new BudgetPlanInputs(FundingKind.Donor, year, r.Today, 7, 2, 1, 2, 8, 4, new DateOnly(r.Today.Year, 12, 31), new Money(1_000_000),
            ContributionRateTable.Statutory);
        var expected = BudgetPlanner.Plan(inputs, [ScenarioA(year), ScenarioB(year)]).Value.Scenarios;
        var (a, b) = (expected[0], expected[1]);
        string Cells(string figure) => string.Join("|", page.QuerySelectorAll($"#figure-{figure} td").Select(td => td.TextContent));
        Assert.Equal($"{a.Total}|{b.Total}", Cells("total"));
        Assert.Equal($"{Formatting.Number(a.Funded)}|{Formatting.Number(b.Funded)}", Cells("funded"));
        Assert.Equal($"{Formatting.Number(a.Lapsing)}|{Formatting.Number(b.Lapsing)}", Cells("lapsing"));
        Assert.Equal($"{Formatting.Number(a.ScholarshipRightsAtRisk)}|{Formatting.Number(b.ScholarshipRightsAtRisk)}", Cells("rights"));
        Assert.Equal($"{a.ArrearsCost}|{b.ArrearsCost}", Cells("arrears"));
        Assert.True(a.WithinCeiling && !b.WithinCeiling);
        Assert.Equal("overdue", page.QuerySelectorAll("#figure-headroom td")[1].ClassName);
        Assert.False(page.QuerySelectorAll("#figure-headroom td")[0].ClassList.Contains("overdue"));
        Assert.Equal("MELEBIHI PAGU", page.QuerySelectorAll("#figure-within td")[1].TextContent);
        Assert.Equal(b.Months.Count, page.QuerySelectorAll("#months-1 tbody tr").Length);
        Assert.Equal(a.Working.Select(w => w.Render(DomainText.Indonesian)), page.QuerySelectorAll("#working-0 li").Select(li => li.TextContent));

        // The XLSX: the scenarios side by side as numbers, the months of each, the working lines, all in Bahasa Indonesia.
        var xlsxUrl = WebUtility.HtmlDecode(page.QuerySelector("#download-xlsx")!.GetAttribute("href")!);
        var xlsx = await admin.GetAsync(xlsxUrl);
        Assert.Equal($"rencana-anggaran-{year}-donor.xlsx", xlsx.Content.Headers.ContentDisposition!.FileNameStar ?? xlsx.Content.Headers.ContentDisposition.FileName);
        var sheets = Sheets(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(new[] { "Skenario", "Bulan", "Perhitungan" }, sheets.Keys);
        var side = sheets["Skenario"];
        Assert.Equal(new object?[] { "Penuh", "Hemat" }, Figure(side, "Uraian"));
        Assert.Equal(new object?[] { (decimal)a.Total.Rupiah, (decimal)b.Total.Rupiah }, Figure(side, "Jumlah"));
        Assert.Equal(new object?[] { (decimal)a.Funded, (decimal)b.Funded }, Figure(side, "Peserta dibiayai"));
        Assert.Equal(new object?[] { (decimal)a.Headroom.Rupiah, (decimal)b.Headroom.Rupiah }, Figure(side, "Sisa pagu (negatif: melebihi pagu)"));
        Assert.Equal(new object?[] { 7m }, Figure(side, "Peserta hari ini (" + Formatting.Date(r.Today) + "): terlindungi oleh PKS pembayar ini"));
        var months = sheets["Bulan"];
        Assert.Equal(a.Months.Count + a.Arrears.Count + b.Months.Count + 1, months.Count);
        Assert.Equal(a.Total.Rupiah, months.Where(m => Equals(m[0], "Penuh")).Sum(m => (decimal)m[7]!));
        Assert.Equal(b.Total.Rupiah, months.Where(m => Equals(m[0], "Hemat")).Sum(m => (decimal)m[7]!));
        var working = sheets["Perhitungan"];
        Assert.Equal(b.Working.Select(w => w.Render(DomainText.Indonesian)), working.Where(w => Equals(w[0], "Hemat")).Select(w => (string)w[2]!));

        // The PDF says the same, readably.
        var pdfUrl = WebUtility.HtmlDecode(page.QuerySelector("#download-pdf")!.GetAttribute("href")!);
        using var pdf = PdfDocument.Open(await admin.GetByteArrayAsync(pdfUrl));
        var words = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains($"Rencana anggaran {year}: Donatur: Yayasan Uji", words, StringComparison.Ordinal);
        Assert.Contains($"Jumlah {a.Total} {b.Total}", words, StringComparison.Ordinal);
        Assert.Contains("MELEBIHI PAGU", words, StringComparison.Ordinal);
        Assert.Contains("Hemat: perhitungan", words, StringComparison.Ordinal);
        Assert.Contains(b.Working[^1].Render(DomainText.Indonesian), words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_offers_two_scenarios_to_start_from_for_the_payer_chosen()
    {
        var r = await RosterAsync();
        var admin = await fixture.AdministratorAsync();
        var response = await admin.GetAsync($"/Budget?Payer={Uri.EscapeDataString(r.Payer)}");
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{r.Today.Year + 1}", page.QuerySelector("#Year")!.GetAttribute("value"));
        Assert.Equal(new[] { "Kuota 20, 12 bulan", "Kuota 30, 10 bulan" }, page.QuerySelectorAll("#scenarios-side thead th").Skip(1).Select(th => th.TextContent));
        Assert.Equal("checked", page.QuerySelector("#Scenarios_0__Bridged")!.GetAttribute("checked") is null ? null : "checked");
        Assert.Equal($"{r.Today.Year + 1}-03", page.QuerySelector("#Scenarios_1__Start")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("id-ID", "Kuota harus berupa bilangan bulat peserta", "tidak berada dalam tahun anggaran", "Isi nama skenario.")]
    [InlineData("en", "The quota must be a whole number of participants", "is not in the budget year", "Enter a name for the scenario.")]
    public async Task Bad_input_is_refused_next_to_its_field_in_the_readers_language(string culture, string quota, string start, string name)
    {
        var r = await RosterAsync();
        var year = r.Today.Year + 1;
        var admin = await fixture.AdministratorAsync();
        var query = Query(r, ScenarioA(year), ScenarioB(year) with { Start = new YearMonth(year - 5, 3) }, ScenarioA(year) with { Name = "Tiga" })
            .Replace("Scenarios[0].Quota=20", "Scenarios[0].Quota=dua%20puluh", StringComparison.Ordinal)
            .Replace("Scenarios[2].Name=Tiga", "Scenarios[2].Name=%20", StringComparison.Ordinal);
        var response = await admin.GetAsync(query + $"&culture={culture}");
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string Message(string field) => MessageNextTo(page, field);
        Assert.StartsWith(quota, Message("Scenarios[0].Quota"), StringComparison.Ordinal);
        Assert.Contains(start, Message("Scenarios[1].Start"), StringComparison.Ordinal);
        Assert.Equal(name, Message("Scenarios[2].Name"));
        Assert.Equal("dua puluh", page.QuerySelector("#Scenarios_0__Quota")!.GetAttribute("value")); // shown again as typed
        Assert.Null(page.QuerySelector("#plan"));

        // Neither a download: the page again, with the reasons.
        var xlsx = await admin.GetAsync(query.Replace("/Budget?", "/Budget?handler=Xlsx&", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, xlsx.StatusCode);
        Assert.StartsWith("text/html", xlsx.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);

        // An address made up by hand: a payer nobody has, a year that is not one, a fifth scenario.
        foreach (var (address, field) in new[]
                 {
                     ($"/Budget?Payer={Uri.EscapeDataString("Donor::'; DROP TABLE app.participants; --")}&culture={culture}", "Payer"),
                     ($"/Budget?Payer={Uri.EscapeDataString(r.Payer)}&Year=%3Cb%3E&culture={culture}", "Year"),
                 })
        {
            var refused = await admin.GetAsync(address);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.NotEmpty(MessageNextTo(Parser.ParseDocument(await refused.Content.ReadAsStringAsync()), field));
        }

        var five = Query(r, [.. Enumerable.Range(0, 5).Select(i => ScenarioA(year) with { Name = $"S{i}" })]);
        var tooMany = await admin.GetAsync(five + $"&culture={culture}");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains(culture == "en" ? "At most 4 scenarios" : "Paling banyak 4 skenario", WebUtility.HtmlDecode(await tooMany.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    /// <summary>The message shown beside a form field (the span after its input).</summary>
    private static string MessageNextTo(AngleSharp.Html.Dom.IHtmlDocument page, string field) =>
        page.QuerySelector($"#{field.Replace('[', '_').Replace(']', '_').Replace('.', '_')} ~ span")!.TextContent;

    [Fact]
    public async Task Caseworkers_and_the_liaison_are_refused_the_plan_and_its_downloads()
    {
        foreach (var client in new[] { await fixture.CaseworkerAsync(), await fixture.LiaisonAsync() })
        {
            foreach (var path in new[] { "/Budget", "/Budget?handler=Xlsx", "/Budget?handler=Pdf" })
            {
                var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
        }
    }
}
