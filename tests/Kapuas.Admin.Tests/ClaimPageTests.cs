using System.Net;
using System.Text;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Workers;
using Kapuas.Testing;

namespace Kapuas.Admin.Tests;

/// <summary>Caseworkers carry a claim through the pages: intake, checklist with scans, transitions, queue.</summary>
[Collection(AdminCollection.Name)]
public sealed class ClaimPageTests(AdminFixture fixture)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    private static readonly DateTimeOffset Yesterday = DateTimeOffset.UtcNow.AddDays(-1);

    private static string LocalWib(DateTimeOffset at) => Kapuas.Admin.Commands.ToWibInput(at);

    /// <summary>A worker covered today by an agreement of the current year.</summary>
    private async Task<(IWorkerGrain Grain, Guid Id, string Nik)> CoveredWorkerAsync(string name)
    {
        var year = DateTime.UtcNow.Year;
        var code = $"K{Guid.NewGuid():N}"[..12];
        var agreement = await TestRoster.SignedAgreementAsync(fixture.Silo.Grains, code, TestData.AgreementFor(year));
        var id = Guid.CreateVersion7();
        var grain = fixture.Silo.Grains.GetGrain<IWorkerGrain>(id);
        var nik = TestData.Nik(Sex.Male, new DateOnly(1988, 4, 12));
        var context = TestData.Context("admin", DateTimeOffset.UtcNow);
        (await grain.RegisterAsync(TestData.Profile(name, Sex.Male, nik) with { Sex = Sex.Male }, context)).Expect();
        (await grain.EnrollFromStartAsync(agreement.GetPrimaryKeyString(), TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        return (grain, id, nik);
    }

    private static Dictionary<string, string> Intake(ClaimType type, DateTimeOffset at, string place = "Sawah Desa Pulau Telo") => new()
    {
        ["Input.Type"] = type.ToString(), ["Input.IncidentAt"] = LocalWib(at), ["Input.Place"] = place,
        ["Input.Description"] = "Tangan terluka sabit saat panen padi", ["Input.Reporter"] = nameof(ReporterKind.WorkersGroup),
        ["Input.ReporterName"] = "Pak Anang", ["Input.ReporterContact"] = "081299990000", ["Input.OperationId"] = Guid.NewGuid().ToString(),
    };

    private static async Task<string> IntakeAsync(HttpClient client, Guid worker, ClaimType type)
    {
        var response = await AdminFixture.PostFormAsync(client, $"/Claims/New?worker={worker}", Intake(type, Yesterday));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task A_caseworker_records_an_accident_from_the_worker_page_and_sees_coverage_and_the_clock_at_once()
    {
        var client = await fixture.CaseworkerAsync();
        var (_, id, nik) = await CoveredWorkerAsync("Intake Pages");

        var workerPage = await client.GetStringAsync($"/Workers/Detail?id={id}");
        Assert.Contains($"/Claims/New?worker={id}", workerPage, StringComparison.Ordinal);
        Assert.Contains($"<span id=\"nik\">{nik}</span>", workerPage, StringComparison.Ordinal); // caseworkers file with BPJS: full NIK
        var liaisonPage = await (await fixture.LiaisonAsync()).GetStringAsync($"/Workers/Detail?id={id}");
        Assert.DoesNotContain(nik, liaisonPage, StringComparison.Ordinal);
        Assert.Contains(Kapuas.Domain.Identity.Nik.Mask(nik), liaisonPage, StringComparison.Ordinal);

        var bad = await AdminFixture.PostFormAsync(client, $"/Claims/New?worker={id}", Intake(ClaimType.JkkAccident, DateTimeOffset.UtcNow.AddDays(2), place: " "));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Waktu kejadian belum terjadi.", errors, StringComparison.Ordinal);
        Assert.Contains("Tempat kejadian wajib diisi.", errors, StringComparison.Ordinal);
        Assert.Empty((await fixture.Silo.Grains.GetGrain<IWorkerGrain>(id).GetAsync(DateOnly.FromDateTime(DateTime.UtcNow)))!.Claims);

        var detail = WebUtility.HtmlDecode(await client.GetStringAsync(await IntakeAsync(client, id, ClaimType.JkkAccident)));
        Assert.Contains("Terlindungi pada tanggal kejadian.", detail, StringComparison.Ordinal);
        Assert.Contains("Laporan tahap I kecelakaan kerja ke BPJS (2 × 24 jam)", detail, StringComparison.Ordinal);
        Assert.Contains("Kronologi kejadian dan fotokopi KTP 2 orang saksi", detail, StringComparison.Ordinal);
        Assert.Contains("Rp 1.000.000 per bulan", detail, StringComparison.Ordinal); // STMB: a monthly amount, not in the one-off total
    }

    [Fact]
    public async Task The_checklist_records_documents_and_scans_checked_by_content()
    {
        var client = await fixture.CaseworkerAsync();
        var (_, id, _) = await CoveredWorkerAsync("Checklist Pages");
        var claimPage = await IntakeAsync(client, id, ClaimType.JkmDeath);

        var recorded = await AdminFixture.PostFormAsync(client, claimPage + "&handler=Document", new()
        {
            ["Document.Kind"] = nameof(DocumentKind.DeathCertificate), ["Document.ReceivedOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            ["Document.OriginalSighted"] = "true", ["Document.Note"] = "Dari Disdukcapil",
        }, tokenFrom: claimPage);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Contains("Dari Disdukcapil", await client.GetStringAsync(claimPage), StringComparison.Ordinal);

        var fake = await AdminFixture.UploadAsync(client, claimPage + "&handler=Upload", "Upload", "akta.pdf", Encoding.UTF8.GetBytes("<script>alert(1)</script>"),
            new() { ["UploadKind"] = nameof(DocumentKind.FamilyCard) }, tokenFrom: claimPage);
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        Assert.Contains("bukan PDF, JPEG atau PNG", WebUtility.HtmlDecode(await fake.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var upload = await AdminFixture.UploadAsync(client, claimPage + "&handler=Upload", "Upload", "../kk keluarga.pdf", Pdf,
            new() { ["UploadKind"] = nameof(DocumentKind.FamilyCard) }, tokenFrom: claimPage);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(claimPage));
        var link = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/Claims/Attachment\\?[^\"]+)\"[^>]*>kk keluarga.pdf<").Groups[1].Value;
        var file = await client.GetAsync(link);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Pdf, await file.Content.ReadAsByteArrayAsync());
        Assert.Contains("4 dokumen wajib belum diterima", page, StringComparison.Ordinal);
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM app.claim_attachments WHERE worker_id = '{id}'"));
    }

    [Fact]
    public async Task The_whole_checklist_is_saved_in_one_submit_all_or_none_with_a_scan_chosen_on_its_row()
    {
        var client = await fixture.CaseworkerAsync();
        var (_, id, _) = await CoveredWorkerAsync("Checklist Sekaligus");
        var claimPage = await IntakeAsync(client, id, ClaimType.JkmDeath);
        var rows = System.Text.RegularExpressions.Regex.Matches(WebUtility.HtmlDecode(await client.GetStringAsync(claimPage)), "data-kind=\"(\\w+)\">\\s*<td>([^<]+)<br");
        var kinds = rows.Select(m => m.Groups[1].Value).ToList();
        var firstLabel = rows[0].Groups[2].Value;
        var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd");
        Dictionary<string, string> Rows(string firstDate) => kinds.SelectMany((kind, i) => new Dictionary<string, string>
        {
            [$"Checklist[{i}].Kind"] = kind, [$"Checklist[{i}].ReceivedOn"] = i == 0 ? firstDate : today,
            [$"Checklist[{i}].OriginalSighted"] = "true", [$"Checklist[{i}].Note"] = $"baris {i}",
        }).ToDictionary();
        var attachments = $"SELECT count(*) FROM app.claim_attachments WHERE worker_id = '{id}'";

        // One impossible date on the first row: nothing is recorded, the scan is not kept, what was typed is shown again.
        var refused = await AdminFixture.UploadAsync(client, claimPage + "&handler=Checklist", "Checklist[1].Scan", "kk.pdf", Pdf,
            Rows(DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd")), tokenFrom: claimPage);
        var refusedPage = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"{firstLabel}: Tanggal diterima", refusedPage, StringComparison.Ordinal);
        Assert.Contains("value=\"baris 2\"", refusedPage, StringComparison.Ordinal);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(attachments));
        Assert.DoesNotContain("value=\"baris 2\"", await client.GetStringAsync(claimPage), StringComparison.Ordinal);

        var saved = await AdminFixture.UploadAsync(client, claimPage + "&handler=Checklist", "Checklist[1].Scan", "kk.pdf", Pdf, Rows(today), tokenFrom: claimPage);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(claimPage));
        Assert.Contains("semua dokumen wajib sudah diterima", page, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, kinds.Count), i => Assert.Contains($"value=\"baris {i}\"", page, StringComparison.Ordinal));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>(attachments));
        Assert.Equal(kinds[1], await fixture.Database.ScalarAsync<string>($"SELECT document_kind FROM app.claim_attachments WHERE worker_id = '{id}'"));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM app.audit_log WHERE subject_id = '{id}' AND action = 'claim.documents_recorded'"));
    }

    [Fact]
    public async Task The_queue_links_to_the_part_of_the_claim_that_needs_action_and_the_page_names_the_next_step()
    {
        var client = await fixture.CaseworkerAsync();
        var (_, id, _) = await CoveredWorkerAsync("Antrean Langsung");
        var claimPage = await IntakeAsync(client, id, ClaimType.JkkAccident);
        var claim = claimPage.Split("claim=")[1].Split('&')[0];

        var queue = WebUtility.HtmlDecode(await client.GetStringAsync("/Claims"));
        var detail = WebUtility.HtmlDecode(await client.GetStringAsync(claimPage));

        Assert.Matches($"href=\"/Claims/Detail\\?worker={id}&claim={claim}#documents\"", queue);
        Assert.Contains("id=\"documents\"", detail, StringComparison.Ordinal);
        Assert.Matches("id=\"next-action\">Langkah berikutnya: <a href=\"#documents\">lengkapi \\d+ dokumen wajib</a>", detail);
    }

    [Fact]
    public async Task Transitions_are_refused_with_a_clear_message_until_allowed_and_the_queue_follows_the_claim()
    {
        var client = await fixture.CaseworkerAsync();
        var (grain, id, _) = await CoveredWorkerAsync("Transition Pages");
        var claimPage = await IntakeAsync(client, id, ClaimType.JkkAccident);
        var claimId = Guid.Parse(claimPage.Split("claim=")[1]);

        async Task<string> MoveAsync(Dictionary<string, string> fields)
        {
            var response = await AdminFixture.PostFormAsync(client, claimPage + "&handler=Move", fields, tokenFrom: claimPage);
            return response.StatusCode == HttpStatusCode.Redirect ? "ok" : WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        Assert.Contains("dokumen wajib yang belum diterima; klaim belum dapat diajukan ke BPJS", await MoveAsync(new() { ["Move.To"] = "ReadyToSubmit" }), StringComparison.Ordinal);
        var claim = (await grain.GetClaimAsync(claimId, DateTimeOffset.UtcNow))!;
        foreach (var d in claim.Documents.Where(d => d.Blocking))
        {
            (await grain.RecordClaimDocumentAsync(claimId, new DocumentInput(d.Kind, DateOnly.FromDateTime(DateTime.UtcNow), true, null), TestData.Context("sari", DateTimeOffset.UtcNow))).Expect();
        }

        Assert.Equal("ok", await MoveAsync(new() { ["Move.To"] = "ReadyToSubmit" }));
        Assert.Contains("Nomor referensi BPJS wajib diisi", await MoveAsync(new() { ["Move.To"] = "SubmittedToBpjs" }), StringComparison.Ordinal);
        Assert.Equal("ok", await MoveAsync(new() { ["Move.To"] = "SubmittedToBpjs", ["Move.BpjsReference"] = "JKK-KPS-0099" }));
        Assert.Contains("tidak dapat diubah menjadi dibayar", await MoveAsync(new() { ["Move.To"] = "Paid" }), StringComparison.Ordinal);
        Assert.Equal("ok", await MoveAsync(new() { ["Move.To"] = "Approved", ["Move.ApprovedAmount"] = "1500000" }));
        Assert.Contains("Jumlah tidak boleh negatif", await MoveAsync(new() { ["Move.To"] = "Paid", ["Move.PaidAmount"] = "-5" }), StringComparison.Ordinal);
        Assert.Equal("ok", await MoveAsync(new()
        {
            ["Move.To"] = "Paid", ["Move.PaidAmount"] = "1500000", ["Move.PaidOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd"), ["Move.Recipient"] = "Transition Pages",
        }));

        var detail = WebUtility.HtmlDecode(await client.GetStringAsync(claimPage));
        Assert.Contains("<span class=\"badge\">dibayar</span>", detail, StringComparison.Ordinal);
        Assert.Contains("referensi BPJS JKK-KPS-0099", detail, StringComparison.Ordinal);
        Assert.Contains("sari", detail, StringComparison.Ordinal);

        var mine = WebUtility.HtmlDecode(await client.GetStringAsync("/Claims?scope=mine&state=Paid"));
        Assert.Contains(claim.Number, mine, StringComparison.Ordinal);
        var overdue = WebUtility.HtmlDecode(await client.GetStringAsync("/Claims?scope=all&due=Overdue"));
        Assert.DoesNotContain(claim.Number, overdue, StringComparison.Ordinal); // a paid claim has no clock running
    }

    [Fact]
    public async Task An_unreported_accident_falls_due_within_three_days_and_the_liaison_reads_claims_but_cannot_change_them()
    {
        var caseworker = await fixture.CaseworkerAsync();
        var (grain, id, _) = await CoveredWorkerAsync("Overdue Pages");
        var claimPage = await IntakeAsync(caseworker, id, ClaimType.JkkAccident);
        var number = (await grain.GetAsync(DateOnly.FromDateTime(DateTime.UtcNow)))!.Claims.Single().Number;
        var kecamatan = (await grain.GetAsync(DateOnly.FromDateTime(DateTime.UtcNow)))!.KecamatanCode;

        // The accident was yesterday: the 2 × 24 h report is due tomorrow, so it falls due within 3 days.
        Assert.Contains(number, await caseworker.GetStringAsync($"/Claims?scope=all&due=DueWithinThreeDays&kecamatan={kecamatan}"), StringComparison.Ordinal);
        Assert.DoesNotContain(number, await caseworker.GetStringAsync("/Claims?scope=all&due=Overdue"), StringComparison.Ordinal);

        var liaison = await fixture.LiaisonAsync();
        Assert.Equal(HttpStatusCode.OK, (await liaison.GetAsync(claimPage)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await liaison.GetAsync("/Claims")).StatusCode);
        var refused = await AdminFixture.PostFormAsync(liaison, claimPage + "&handler=Move", new() { ["Move.To"] = "Closed", ["Move.Reason"] = "x" }, tokenFrom: claimPage);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("AccessDenied", refused.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(ClaimState.Draft, (await grain.GetAsync(DateOnly.FromDateTime(DateTime.UtcNow)))!.Claims.Single().State);
        Assert.Equal(HttpStatusCode.Redirect, (await liaison.GetAsync($"/Claims/New?worker={id}")).StatusCode);
    }

    [Fact]
    public async Task Family_is_entered_without_the_nik_coming_back_and_an_administrator_reverses_a_wrong_death()
    {
        var caseworker = await fixture.CaseworkerAsync();
        var (grain, id, _) = await CoveredWorkerAsync("Family Pages");
        var childNik = TestData.Nik(Sex.Female, new DateOnly(2015, 3, 3));
        var saved = await AdminFixture.PostFormAsync(caseworker, $"/Workers/Family?id={id}", new()
        {
            ["Input.Name"] = "Nia", ["Input.Relationship"] = "Child", ["Input.Nik"] = childNik, ["Input.BirthDate"] = "2015-03-03",
            ["Input.Level"] = "Sd", ["Input.OperationId"] = Guid.NewGuid().ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var family = WebUtility.HtmlDecode(await caseworker.GetStringAsync($"/Workers/Family?id={id}"));
        Assert.Contains("Ahli waris urutan ke-1: Nia (anak)", family, StringComparison.Ordinal);
        Assert.DoesNotContain(childNik, family, StringComparison.Ordinal);

        await IntakeAsync(caseworker, id, ClaimType.JkmDeath);
        var dead = (await grain.GetAsync(DateOnly.FromDateTime(DateTime.UtcNow)))!;
        Assert.Equal(Kapuas.Domain.Coverage.ExitReason.Died, dead.Exit!.Reason);
        var refused = await AdminFixture.PostFormAsync(caseworker, $"/Workers/Detail?id={id}&handler=ReverseDeath", new() { ["ReversalReason"] = "salah" }, tokenFrom: $"/Workers/Detail?id={id}");
        Assert.Contains("AccessDenied", refused.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);

        var admin = await fixture.AdministratorAsync();
        var reversed = await AdminFixture.PostFormAsync(admin, $"/Workers/Detail?id={id}&handler=ReverseDeath", new() { ["ReversalReason"] = "Yang meninggal kakaknya" }, tokenFrom: $"/Workers/Detail?id={id}");
        Assert.Equal(HttpStatusCode.Redirect, reversed.StatusCode);
        Assert.Null((await grain.GetAsync(DateOnly.FromDateTime(DateTime.UtcNow)))!.Exit);
    }

    [Fact]
    public async Task Workers_are_found_by_nik_without_it_entering_the_address()
    {
        var client = await fixture.LiaisonAsync();
        var (_, id, nik) = await CoveredWorkerAsync("Cari Dengan Nik");

        var response = await AdminFixture.PostFormAsync(client, "/Workers", new() { ["Query"] = nik });

        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"/Workers/Detail?id={id}", page, StringComparison.Ordinal);
        Assert.DoesNotContain(nik, page.Replace($"value=\"{nik}\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Cari Dengan Nik", await (await AdminFixture.PostFormAsync(client, "/Workers", new() { ["Query"] = "cari dengan" })).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
