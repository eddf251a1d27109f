using System.Text;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Workers;
using Kapuas.Testing;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace Kapuas.Admin.Tests;

/// <summary>The three journeys in a real browser (Debian's Chromium through Playwright), with screenshots.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserJourneyTests(BrowserFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private async Task<(Guid Id, string Nik)> CoveredWorkerAsync(string name)
    {
        var code = $"B{Guid.NewGuid():N}"[..12];
        var agreement = await TestRoster.SignedAgreementAsync(fixture.Silo.Grains, code, TestData.AgreementFor(Today.Year));
        var id = Guid.CreateVersion7();
        var nik = TestData.Nik(Sex.Male, new DateOnly(1988, 4, 12));
        var grain = fixture.Silo.Grains.GetGrain<IWorkerGrain>(id);
        (await grain.RegisterAsync(TestData.Profile(name, Sex.Male, nik) with { Sex = Sex.Male }, TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        (await grain.EnrollFromStartAsync(agreement.GetPrimaryKeyString(), TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        return (id, nik);
    }

    [Fact]
    public async Task A_caseworker_registers_an_accident_and_takes_the_claim_to_paid()
    {
        var (_, _) = await CoveredWorkerAsync("Jalur Pendamping");
        var page = await fixture.SignInAsync("sari", AdminFixture.StaffPassword);

        await page.ClickAsync("nav >> text=Peserta");
        await page.FillAsync("#Query", "Jalur Pendamping");
        await page.ClickAsync("#search button[type=submit]");
        await page.ClickAsync("table >> text=Jalur Pendamping");
        await BrowserFixture.ShotAsync(page, "1-caseworker-1-worker");
        await page.ClickAsync("text=Catat klaim baru");
        await page.SelectOptionAsync("#Input_Type", "JkkAccident");
        await page.FillAsync("#Input_IncidentAt", Kapuas.Admin.Commands.ToWibInput(DateTimeOffset.UtcNow.AddHours(-5)));
        await page.FillAsync("#Input_Place", "Sawah Desa Pulau Telo");
        await page.SelectOptionAsync("#Input_Reporter", "WorkersGroup");
        await page.FillAsync("#Input_ReporterName", "Pak Anang");
        await page.FillAsync("#Input_ReporterContact", "081299990000");
        await page.FillAsync("#Input_Description", "Kaki tertusuk alat bajak saat membajak sawah");
        await BrowserFixture.ShotAsync(page, "1-caseworker-2-intake");
        await page.ClickAsync("text=Catat klaim");
        await Assertions.Expect(page.Locator("#coverage")).ToContainTextAsync("Terlindungi pada tanggal kejadian.");

        // The first screen of a 1366 × 768 laptop shows the state, coverage, next deadline, what is missing and the next step.
        await page.SetViewportSizeAsync(1366, 768);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        foreach (var part in new[] { "#summary-state", "#summary-coverage", "#summary-deadline", "#summary-missing", "#next-action" })
        {
            var box = await page.Locator(part).BoundingBoxAsync();
            Assert.True(box is not null && box.Y + box.Height <= 768, $"{part} is below the first screen at 1366 × 768: {box?.Y + box?.Height}");
        }

        await Assertions.Expect(page.Locator("#summary-coverage")).ToContainTextAsync("Terlindungi");
        await Assertions.Expect(page.Locator("#next-action a")).ToHaveAttributeAsync("href", "#documents");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "1-caseworker-2b-claim-laptop.png") });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "1-caseworker-2c-claim-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);

        // Every blocking document, received today with the original sighted, in one submit.
        var missing = page.Locator("#checklist tr.warn");
        Assert.True(await missing.CountAsync() > 0);
        for (var i = 0; i < await missing.CountAsync(); i++)
        {
            await missing.Nth(i).Locator("input[type=date]").FillAsync(Today.ToString("yyyy-MM-dd"));
            await missing.Nth(i).Locator("input[type=checkbox]").CheckAsync();
        }

        await page.ClickAsync("#save-checklist");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Equal(0, await page.Locator("#checklist tr.warn").CountAsync());

        await BrowserFixture.ShotAsync(page, "1-caseworker-3-checklist");
        async Task MoveAsync(string to, Func<Task>? fill = null)
        {
            await page.SelectOptionAsync("#Move_To", to);
            if (fill is not null)
            {
                await fill();
            }

            await page.ClickAsync("button:text('Ubah status')");
            await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("Status klaim diubah.");
        }

        await MoveAsync("ReadyToSubmit");
        await MoveAsync("SubmittedToBpjs", () => page.FillAsync("#Move_BpjsReference", "JKK-KPS-2026-0042"));
        await MoveAsync("Approved", () => page.FillAsync("#Move_ApprovedAmount", "1500000"));
        await MoveAsync("Paid", async () =>
        {
            await page.FillAsync("#Move_PaidAmount", "1500000");
            await page.FillAsync("#Move_PaidOn", Today.ToString("yyyy-MM-dd"));
            await page.FillAsync("#Move_Recipient", "Jalur Pendamping");
        });

        await Assertions.Expect(page.Locator("h1 .badge")).ToHaveTextAsync("dibayar");
        await BrowserFixture.ShotAsync(page, "1-caseworker-4-paid");
    }

    [Fact]
    public async Task An_administrator_imports_a_roster_records_the_new_agreement_bridges_the_gap_in_the_renewal_and_watches_continuity()
    {
        var page = await fixture.SignInAsync(Kapuas.Admin.Identity.FirstAdministrator.UserName, AdminFixture.AdminPassword);
        var suffix = Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        async Task AgreementAsync(string code, int year, string start, string end, int quota, long budget)
        {
            await page.GotoAsync("/Agreements");
            await page.FillAsync("#Input_Code", code);
            await page.FillAsync("#Input_Number", $"400.7/{code}/DINSOS/{year}");
            await page.FillAsync("#Input_SignedOn", $"{year}-01-02");
            await page.FillAsync("#Input_BudgetYear", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.FillAsync("#Input_Start", start);
            await page.FillAsync("#Input_End", end);
            await page.FillAsync("#Input_Quota", quota.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.FillAsync("#Input_DeclaredIncome", "1000000");
            await page.FillAsync("#Input_BudgetCeiling", budget.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.ClickAsync("button:text('Simpan PKS (draf)')");
            await page.Locator("tr", new() { HasText = code }).Locator("button:text('Tandatangani')").ClickAsync();
            await Assertions.Expect(page.Locator("tr", new() { HasText = code })).ToContainTextAsync("ditandatangani");
        }

        await AgreementAsync($"P25{suffix}", 2025, "2025-03-01", "2025-09-30", 100, 11_760_000);
        await AgreementAsync($"P26{suffix}", 2026, "2026-01-01", "2026-12-31", 100, 20_160_000);
        await BrowserFixture.ShotAsync(page, "2-admin-1-agreements");

        var rows = Enumerable.Range(0, 12).Select(i =>
            $"{TestData.Nik(Sex.Male, new DateOnly(1995, 5, 15))};Peserta Impor {suffix} {i:D2};L;15/05/1995;Selat;Sei Tatas;Petani;081234567890;;DTKS");
        var csv = Path.Combine(BrowserFixture.ScreenshotDirectory, $"roster-{suffix}.csv");
        await File.WriteAllTextAsync(csv, "NIK;Nama;Jenis Kelamin;Tanggal Lahir;Kecamatan;Desa/Kelurahan;Pekerjaan;No HP;KPJ;Sumber Data\r\n" + string.Join("\r\n", rows), new UTF8Encoding(true));
        await page.GotoAsync("/Import");
        await page.SetInputFilesAsync("#Input_File", csv);
        await page.SelectOptionAsync("#Input_AgreementId", $"P25{suffix}");
        await page.CheckAsync("#Input_StartingRoster"); // the 2025 roster, entered late: aligned with the PKS start, as marked
        await page.ClickAsync("button:text('Unggah dan pratinjau')");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Akan didaftarkan");
        await BrowserFixture.ShotAsync(page, "2-admin-2-import-preview");
        await page.ClickAsync("button:text('Simpan impor')");
        await WaitUntilAsync(page, async () => await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM app.agreement_enrolments WHERE agreement_id = 'P25{suffix}'") == 12);
        await BrowserFixture.ShotAsync(page, "2-admin-3-import-done");

        await page.GotoAsync("/Renewal");
        await page.SelectOptionAsync("#Input_From", $"P25{suffix}");
        await page.SelectOptionAsync("#Input_To", $"P26{suffix}");
        await page.ClickAsync("button:text('Buat pratinjau')");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("jeda 92 hari");
        await Assertions.Expect(page.Locator("#bridging-offer")).ToContainTextAsync("12 peserta");
        await Assertions.Expect(page.Locator("#bridging-offer")).ToContainTextAsync("Rp 604.800");
        await Assertions.Expect(page.Locator("#bridging-offer")).ToContainTextAsync("31/12/2025");
        await Assertions.Expect(page.Locator("#bridge")).ToBeCheckedAsync();
        await BrowserFixture.ShotAsync(page, "2-admin-4-renewal-preview");
        await page.ClickAsync("button:text('Setujui dan mulai sekarang')");
        var shots = 0;
        await WaitUntilAsync(page, async () =>
        {
            await page.ReloadAsync();
            if (shots++ < 3)
            {
                await BrowserFixture.ShotAsync(page, $"2-admin-5-renewal-progress-{shots}");
            }

            var text = await page.Locator("main").InnerTextAsync();
            return text.Contains("selesai", StringComparison.Ordinal) || text.Contains("gagal", StringComparison.Ordinal) && !text.Contains("sedang berjalan", StringComparison.Ordinal);
        });
        // Every worker renewed, none refused: "12 of 12" alone would also count refusals.
        await Assertions.Expect(page.Locator("#renewal-done")).ToHaveTextAsync("12");
        await Assertions.Expect(page.Locator("#renewal-failed")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("selesai");
        await Assertions.Expect(page.Locator("#bridging-chosen")).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "2-admin-6-renewal-done");
        Assert.Equal(12, await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM app.participant_periods WHERE agreement_id = 'P26{suffix}' AND funding = 'Arrears' AND start_date = '2025-10-01'"));

        // The continuity guard: the 2026 agreement ends on 31/12 with no successor signed.
        await page.GotoAsync("/Continuity");
        await page.ClickAsync("#run-continuity");
        await WaitUntilAsync(page, async () =>
        {
            await page.ReloadAsync();
            return await page.Locator($"#assessment-P26{suffix}").CountAsync() == 1;
        });
        await Assertions.Expect(page.Locator($"#cohort-P26{suffix}")).ToHaveTextAsync("12");
        await Assertions.Expect(page.Locator($"#assessment-P26{suffix}")).ToContainTextAsync("berakhir 31/12/2026");
        await BrowserFixture.ShotAsync(page, "2-admin-7-continuity");
    }

    [Fact]
    public async Task The_liaison_finds_a_worker_by_nik_and_exports_the_history()
    {
        var (_, nik) = await CoveredWorkerAsync("Jalur Penghubung");
        var page = await fixture.SignInAsync("budi", AdminFixture.StaffPassword);

        await page.ClickAsync("nav >> text=Peserta");
        await page.FillAsync("#Query", nik);
        await page.ClickAsync("#search button[type=submit]");
        Assert.DoesNotContain(nik, page.Url, StringComparison.Ordinal);
        await page.ClickAsync("table >> text=Jalur Penghubung");
        await Assertions.Expect(page.Locator("#nik")).ToHaveTextAsync(Kapuas.Domain.Identity.Nik.Mask(nik));
        await BrowserFixture.ShotAsync(page, "3-liaison-1-history");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=Unduh PDF"));
        var path = Path.Combine(BrowserFixture.ScreenshotDirectory, "3-liaison-history.pdf");
        await download.SaveAsAsync(path);
        using var pdf = PdfDocument.Open(path);
        Assert.Contains("Riwayat peserta: Jalur Penghubung", string.Join(" ", pdf.GetPages().Select(p => p.Text)), StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(IPage page, Func<Task<bool>> done)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, "timed out at " + page.Url);
            await Task.Delay(500);
        }
    }
}
