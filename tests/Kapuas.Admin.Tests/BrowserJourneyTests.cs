using System.Text;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Family;
using Kapuas.Domain.Workers;
using Kapuas.Infrastructure.Claims;
using Microsoft.Extensions.DependencyInjection;
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
        // The family, entered parent first: the claim file lists the heirs in statutory order (spouse, then parents).
        (await grain.SaveFamilyMemberAsync(new FamilyMemberInput(null, "Ibu Jalur", null, Relationship.Parent, new DateOnly(1962, 5, 5), SchoolLevel.NotYetInSchool, false, false), TestData.Context("sari", DateTimeOffset.UtcNow))).Expect();
        (await grain.SaveFamilyMemberAsync(new FamilyMemberInput(null, "Istri Jalur", null, Relationship.Spouse, new DateOnly(1990, 7, 7), SchoolLevel.NotYetInSchool, true, false), TestData.Context("sari", DateTimeOffset.UtcNow))).Expect();
        return (id, nik);
    }

    /// <summary>Every blocking document received today with the original sighted, in one submit of the checklist.</summary>
    private static async Task ReceiveEveryBlockingDocumentAsync(IPage page)
    {
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
    }

    /// <summary>The office's letterhead and signatory, as an administrator sets them on the cover-letter page.</summary>
    private Task LetterSettingsAsync() =>
        fixture.Factory.Services.GetRequiredService<CoverLetterStore>().SaveSettingsAsync(CoverLetterSettings.Defaults with
        {
            Address = "Jl. Contoh No. 1, Kuala Kapuas", SignatoryName = "Drs. Penanda Tangan", SignatoryNip = "198001012005011003",
        }, "admin");

    private static string PdfWords(string path)
    {
        using var pdf = PdfDocument.Open(path);
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public async Task A_caseworker_registers_an_accident_and_takes_the_claim_to_paid()
    {
        var (_, nik) = await CoveredWorkerAsync("Jalur Pendamping");
        await LetterSettingsAsync();
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

        await ReceiveEveryBlockingDocumentAsync(page);

        await BrowserFixture.ShotAsync(page, "1-caseworker-3-checklist");

        // The file for BPJS: the letter's number issued, the PDF downloaded and read back.
        var claimUrl = page.Url;
        await page.ClickAsync("#claim-file-link");
        await Assertions.Expect(page.Locator("#claim-file-draft")).ToBeVisibleAsync();
        await page.ClickAsync("#issue-letter");
        await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("Surat pengantar diterbitkan dengan nomor");
        var claimId = Guid.Parse(System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["claim"]!);
        var letter = (await fixture.Factory.Services.GetRequiredService<CoverLetterStore>().LetterAsync(claimId))!;
        await Assertions.Expect(page.Locator("#letter-references")).ToContainTextAsync(letter.Number);
        await BrowserFixture.ShotAsync(page, "1-caseworker-3b-claim-file");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "1-caseworker-3c-claim-file-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-claim-file"));
        var pdfPath = Path.Combine(BrowserFixture.ScreenshotDirectory, "1-caseworker-claim-file.pdf");
        await download.SaveAsAsync(pdfPath);
        var file = PdfWords(pdfPath);
        Assert.Contains($"Nomor : {letter.Number}", file, StringComparison.Ordinal);
        Assert.Contains(nik, file, StringComparison.Ordinal); // a caseworker files with BPJS: the whole NIK
        Assert.Contains("Drs. Penanda Tangan", file, StringComparison.Ordinal);
        var spouse = file.IndexOf("Istri Jalur", StringComparison.Ordinal);
        var parent = file.IndexOf("Ibu Jalur", StringComparison.Ordinal);
        Assert.True(spouse > 0 && spouse < parent, $"heirs out of statutory order: spouse at {spouse}, parent at {parent}");
        foreach (var received in new[] { "Kartu peserta BPJS Ketenagakerjaan", "KTP peserta" })
        {
            Assert.Contains($"{received} wajib {Today:dd/MM/yyyy} ya", file, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("belum diterima", file, StringComparison.Ordinal);
        await page.GotoAsync(claimUrl);
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
    public async Task An_administrator_plans_next_years_budget_with_two_scenarios_and_downloads_the_xlsx()
    {
        // A donor's small roster, enrolled through the grains: the journey is about the plan, not the roster.
        var suffix = Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var donor = $"Yayasan Jalur {suffix}";
        var code = $"BJ-{suffix}";
        await TestRoster.SignedAgreementAsync(fixture.Silo.Grains, code, new Kapuas.Grains.Agreements.AgreementTermsInput($"141/{code}",
            new DateOnly(Today.Year, 1, 1), Today.Year, new DateOnly(Today.Year, 1, 1), new DateOnly(Today.Year, 12, 31), 10,
            Kapuas.Domain.Agreements.Programs.Jkk | Kapuas.Domain.Agreements.Programs.Jkm, 1_000_000, 2_016_000,
            Kapuas.Domain.Agreements.PartialMonthRule.FullMonth, Kapuas.Domain.Coverage.FundingKind.Donor, null, null, donor));
        for (var i = 0; i < 4; i++)
        {
            var grain = fixture.Silo.Grains.GetGrain<IWorkerGrain>(Guid.CreateVersion7());
            (await grain.RegisterAsync(TestData.Profile($"Jalur Anggaran {suffix} {i}", Sex.Female), TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
            (await grain.EnrollFromStartAsync(code, TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        }

        var page = await fixture.SignInAsync(Kapuas.Admin.Identity.FirstAdministrator.UserName, AdminFixture.AdminPassword);
        await page.ClickAsync("nav >> text=Rencana anggaran");
        await page.SelectOptionAsync("#Payer", $"Donor::{donor}");
        await page.ClickAsync("#choose-payer");
        await Assertions.Expect(page.Locator("#input-roster td")).ToHaveTextAsync("4");

        var next = Today.Year + 1;
        async Task ScenarioAsync(int row, string name, int quota, string start, int months, bool bridged, long ceiling)
        {
            await page.FillAsync($"#Scenarios_{row}__Name", name);
            await page.FillAsync($"#Scenarios_{row}__Quota", $"{quota}");
            await page.FillAsync($"#Scenarios_{row}__Start", start);
            await page.FillAsync($"#Scenarios_{row}__Months", $"{months}");
            await page.SetCheckedAsync($"#Scenarios_{row}__Bridged", bridged);
            await page.FillAsync($"#Scenarios_{row}__Ceiling", $"{ceiling}");
        }

        await ScenarioAsync(0, "Semua setahun", 10, $"{next}-01", 12, true, 2_016_000);
        await ScenarioAsync(1, "Dua orang sepuluh bulan", 2, $"{next}-03", 10, false, 300_000);
        await page.ClickAsync("#calculate");
        await Assertions.Expect(page.Locator("#scenarios-side thead th")).ToHaveTextAsync(["Uraian", "Semua setahun", "Dua orang sepuluh bulan"]);
        // Four workers for 12 months at Rp 16.800; two for 10 months, over its ceiling of Rp 300.000.
        await Assertions.Expect(page.Locator("#figure-total td")).ToHaveTextAsync(["Rp 806.400", "Rp 336.000"]);
        await Assertions.Expect(page.Locator("#figure-within td").Nth(1)).ToHaveTextAsync("MELEBIHI PAGU");
        await BrowserFixture.ShotAsync(page, "5-admin-budget-plan");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-xlsx"));
        var path = Path.Combine(BrowserFixture.ScreenshotDirectory, "5-admin-budget-plan.xlsx");
        await download.SaveAsAsync(path);
        Assert.Equal($"rencana-anggaran-{next}-donor.xlsx", download.SuggestedFilename);
        var side = BudgetPlanPageTests.Sheets(await File.ReadAllBytesAsync(path))["Skenario"];
        Assert.Equal(new object?[] { "Semua setahun", "Dua orang sepuluh bulan" }, BudgetPlanPageTests.Figure(side, "Uraian"));
        Assert.Equal(new object?[] { 806_400m, 336_000m }, BudgetPlanPageTests.Figure(side, "Jumlah"));
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

    /// <summary>Words only Indonesian text has: a page in English that shows one still has a text not translated.</summary>
    private static readonly HashSet<string> IndonesianWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "yang", "dan", "tidak", "belum", "untuk", "dengan", "sudah", "wajib", "atau", "dari", "pada", "oleh", "bila", "akan", "harus",
        "ini", "itu", "ke", "di", "simpan", "ubah", "pilih", "catat", "tanggal", "bulan", "tahun", "peserta", "petugas", "berkas",
        "terlindungi", "dicatat", "diterima", "klaim", "dokumen", "kembali", "halaman", "keluar", "ahli", "waris", "kecelakaan",
        "kerja", "laporan", "hari", "jam", "lewat", "batas", "sampai", "sejak", "ada", "semua", "baru", "lagi", "masih", "perlu",
    };

    /// <summary>
    /// The page's visible text in <c>main</c> (the claim file's letter to BPJS, marked <c>lang="id"</c>, is Indonesian by
    /// design and left out) has no Indonesian word.
    /// </summary>
    private static async Task AssertEnglishAsync(IPage page, string name)
    {
        var text = await page.EvaluateAsync<string>("""
            () => { const main = document.querySelector('main').cloneNode(true);
                    main.querySelectorAll('[lang="id"]').forEach(e => e.remove());
                    main.querySelectorAll('select option:not(:checked)').forEach(e => e.remove());
                    return main.innerText; }
            """);
        var lines = text.Split('\n').Where(line => line.Split([' ', ',', '.', ':', ';', '(', ')', '·', '/', '"', '?', '!'], StringSplitOptions.RemoveEmptyEntries)
            .Any(IndonesianWords.Contains)).ToList();
        Assert.True(lines.Count == 0, $"Indonesian on the English page '{name}' ({page.Url}):\n" + string.Join("\n", lines));
    }

    [Fact]
    public async Task A_caseworker_works_a_claim_in_English()
    {
        await CoveredWorkerAsync("Jalur Inggris");
        await LetterSettingsAsync();
        var page = await fixture.SignInAsync("sari", AdminFixture.StaffPassword);
        await page.SelectOptionAsync("#culture", "en");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        async Task ReadAsync(string name)
        {
            await AssertEnglishAsync(page, name);
            await BrowserFixture.ShotAsync(page, "6-english-" + name);
        }

        await ReadAsync("1-home");
        await page.ClickAsync("nav >> text=Participants");
        await page.FillAsync("#Query", "Jalur Inggris");
        await page.ClickAsync("#search button[type=submit]");
        await ReadAsync("2-search");
        await page.ClickAsync("table >> text=Jalur Inggris");
        await ReadAsync("3-worker");
        await page.ClickAsync("text=Record a new claim");
        await ReadAsync("4-intake");
        await page.SelectOptionAsync("#Input_Type", "JkkAccident");
        await page.FillAsync("#Input_IncidentAt", Kapuas.Admin.Commands.ToWibInput(DateTimeOffset.UtcNow.AddHours(-3)));
        await page.FillAsync("#Input_Place", "Mandomai river jetty");
        await page.SelectOptionAsync("#Input_Reporter", "WorkersGroup");
        await page.FillAsync("#Input_ReporterName", "Anang");
        await page.FillAsync("#Input_ReporterContact", "081299990001");
        await page.FillAsync("#Input_Description", "Hand cut by a sickle during the rice harvest");
        await page.ClickAsync("text=Record the claim");
        await Assertions.Expect(page.Locator("#summary-coverage")).ToContainTextAsync("Covered");
        await ReadAsync("5-claim");

        await ReceiveEveryBlockingDocumentAsync(page);
        await ReadAsync("6-checklist");
        await page.SelectOptionAsync("#Move_To", "ReadyToSubmit");
        await page.ClickAsync("button:text('Change status')");
        await Assertions.Expect(page.Locator("[role=status]").First).ToBeVisibleAsync();
        await ReadAsync("7-ready");

        await page.ClickAsync("#claim-file-link");
        await page.ClickAsync("#issue-letter");
        await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("Cover letter issued as number");
        await ReadAsync("8-claim-file");
        await page.ClickAsync("nav >> text=Claims");
        await ReadAsync("9-queue");
        await page.SelectOptionAsync("#culture", "id-ID");
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
