using System.Net;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Continuity;
using Kapuas.Grains.Workers;
using Kapuas.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kapuas.Admin.Tests;

/// <summary>The Sistem page's masa iur decision and the Kesinambungan page, through the pages, by role.</summary>
[Collection(AdminCollection.Name)]
public sealed class ContinuityPageTests(AdminFixture fixture)
{
    [Fact]
    public async Task An_administrator_records_the_masa_iur_reading_with_the_bpjs_letter_and_it_is_audited()
    {
        var admin = await fixture.AdministratorAsync();

        var missing = await AdminFixture.PostFormAsync(admin, "/Diagnostics?handler=Reading",
            new() { ["Reading.Reading"] = "Cumulative", ["Reading.LetterNumber"] = "", ["Reading.LetterDate"] = "2026-11-02" }, tokenFrom: "/Diagnostics");
        var refused = WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Nomor surat BPJS KC Kapuas wajib diisi", refused, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.installation_decisions"));

        var recorded = await AdminFixture.PostFormAsync(admin, "/Diagnostics?handler=Reading", new()
        {
            ["Reading.Reading"] = "Cumulative", ["Reading.LetterNumber"] = "B/417/KC-KPS/2026", ["Reading.LetterDate"] = "2026-11-02",
            ["Reading.OperationId"] = Guid.NewGuid().ToString(),
        }, tokenFrom: "/Diagnostics");
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/Diagnostics"));

        Assert.Contains("Ditetapkan: kumulatif (dijumlahkan walau terputus), menurut surat BPJS KC Kapuas B/417/KC-KPS/2026 tanggal 02/11/2026", page, StringComparison.Ordinal);
        Assert.Equal("Cumulative", await fixture.Database.ScalarAsync<string>("SELECT value FROM app.installation_decisions WHERE decision = 'masa_iur_reading'"));
        Assert.Equal(1, await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM app.audit_log WHERE subject_type = 'installation' AND after->>'letterNumber' = 'B/417/KC-KPS/2026'"));
    }

    [Fact]
    public async Task Every_role_reads_the_continuity_guard_and_only_an_administrator_acknowledges_an_alert()
    {
        // An agreement that started today and ends in five days, with no successor: every threshold alert is due.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var code = $"C{Guid.NewGuid():N}"[..10].ToUpperInvariant();
        await TestRoster.SignedAgreementAsync(fixture.Silo.Grains, code, TestData.AgreementFor(today.Year, quota: 10) with { Start = today, End = today.AddDays(5) });
        var worker = fixture.Silo.Grains.GetGrain<IWorkerGrain>(Guid.CreateVersion7());
        (await worker.RegisterAsync(TestData.Profile("Jaga Kesinambungan", Sex.Male, TestData.Nik(Sex.Male, new DateOnly(1988, 4, 12))) with { Sex = Sex.Male },
            TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        (await worker.EnrollFromStartAsync(code, TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        await fixture.Silo.Services.GetRequiredService<IContinuityJob>().RunAsync(CancellationToken.None);
        Assert.Equal(4, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM app.continuity_alerts WHERE agreement_id = '{code}' AND kind = 'EndingWithoutSuccessor'"));
        var alert = await fixture.Database.ScalarAsync<long>($"SELECT min(id) FROM app.continuity_alerts WHERE agreement_id = '{code}'");

        foreach (var reader in new[] { await fixture.LiaisonAsync(), await fixture.CaseworkerAsync() })
        {
            var page = WebUtility.HtmlDecode(await reader.GetStringAsync($"/Continuity?Agreement={code}"));
            Assert.Contains($"id=\"assessment-{code}\"", page, StringComparison.Ordinal);
            Assert.Contains("Jaga Kesinambungan", page, StringComparison.Ordinal);
            Assert.DoesNotContain("handler=Acknowledge", page, StringComparison.Ordinal);
            var forbidden = await AdminFixture.PostFormAsync(reader, $"/Continuity?handler=Acknowledge&id={alert}", [], tokenFrom: "/Continuity");
            Assert.True(forbidden.StatusCode == HttpStatusCode.Forbidden
                || forbidden.Headers.Location?.ToString().Contains("/Account/AccessDenied", StringComparison.Ordinal) == true, forbidden.StatusCode.ToString());
        }

        var admin = await fixture.AdministratorAsync();
        await AdminFixture.PostFormAsync(admin, $"/Continuity?handler=Acknowledge&id={alert}", [], tokenFrom: "/Continuity");
        Assert.Contains("Peringatan ditanggapi.", WebUtility.HtmlDecode(await admin.GetStringAsync("/Continuity")), StringComparison.Ordinal);
        Assert.Equal("admin", await fixture.Database.ScalarAsync<string>($"SELECT acknowledged_by FROM app.continuity_alerts WHERE id = {alert}"));
    }

    [Fact]
    public async Task A_worker_whose_cover_ended_ten_days_ago_is_in_grace_in_the_search_the_worker_page_and_the_dashboard()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var start = today.AddDays(-40);
        var code = $"T{Guid.NewGuid():N}"[..10].ToUpperInvariant();
        await TestRoster.SignedAgreementAsync(fixture.Silo.Grains, code, TestData.AgreementFor(start.Year, quota: 10) with
        {
            Start = start, End = today.AddDays(-10), SignedOn = start,
        });
        var id = Guid.CreateVersion7();
        var worker = fixture.Silo.Grains.GetGrain<IWorkerGrain>(id);
        (await worker.RegisterAsync(TestData.Profile("Tenggang Sementara", Sex.Male, TestData.Nik(Sex.Male, new DateOnly(1988, 4, 12))) with { Sex = Sex.Male },
            TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        (await worker.EnrollFromStartAsync(code, TestData.Context("admin", DateTimeOffset.UtcNow))).Expect();
        var liaison = await fixture.LiaisonAsync();

        var search = WebUtility.HtmlDecode(await liaison.GetStringAsync("/Workers?Status=InGrace"));
        var detail = WebUtility.HtmlDecode(await liaison.GetStringAsync($"/Workers/Detail?id={id}"));
        var home = WebUtility.HtmlDecode(await liaison.GetStringAsync("/"));

        Assert.Contains("Tenggang Sementara", search, StringComparison.Ordinal);
        Assert.Contains($"masa tenggang (tunggakan sampai {today.AddDays(-9).AddMonths(3).AddDays(-1):dd/MM/yyyy})", search, StringComparison.Ordinal);
        Assert.Contains($"tunggakan iuran masih dapat dibayar sampai {today.AddDays(-9).AddMonths(3).AddDays(-1):dd/MM/yyyy}", detail, StringComparison.Ordinal);
        Assert.Matches(@"id=""membership-ingrace"">masa tenggang: [1-9]", home);
    }
}
