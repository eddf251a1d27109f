using System.Globalization;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Grains.Common;
using Kapuas.Grains.Workers;
using Kapuas.Testing;

namespace Kapuas.Grains.Tests;

/// <summary>
/// A grain's answers speak the caller's language when the caller sends its UI culture (the Admin does, per request);
/// refusals travel as code and arguments and show in the language of whoever reads them; what the grain keeps stays in
/// Bahasa Indonesia.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CallCultureTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Incident = new(2026, 6, 10, 8, 0, 0, TimeSpan.FromHours(7));

    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    [Fact]
    public async Task A_claim_view_is_in_the_callers_language()
    {
        var code = $"C{Guid.NewGuid():N}"[..12];
        await TestRoster.SignedAgreementAsync(Grains, code, TestData.Agreement2026(quota: 5));
        var worker = Grains.GetGrain<IWorkerGrain>(Guid.NewGuid());
        var registered = new DateTimeOffset(2025, 12, 1, 2, 0, 0, TimeSpan.Zero);
        (await worker.RegisterAsync(TestData.Profile("Yanti Bahasa"), TestData.Context("admin", registered))).Expect();
        (await worker.EnrollFromStartAsync(code, TestData.Context("admin", registered))).Expect();
        var opened = await InCulture(DomainText.English, () => worker.OpenClaimAsync(new ClaimIntakeInput(ClaimType.JkkAccident, Incident, "Sawah",
            "Terjatuh", false, false, ReporterKind.Family, "Wati", "081234567890"), TestData.Context("sari", TestData.Now)));
        var id = opened.Expect().Id;

        var english = (await InCulture(DomainText.English, () => worker.GetClaimAsync(id, TestData.Now)))!;
        var indonesian = (await InCulture(CultureInfo.GetCultureInfo("id-ID"), () => worker.GetClaimAsync(id, TestData.Now)))!;
        var unsaid = (await InCulture(CultureInfo.InvariantCulture, () => worker.GetClaimAsync(id, TestData.Now)))!;

        Assert.Equal(("draft", "JKK work accident", "family"), (english.StateLabel, english.TypeLabel, english.Incident.ReporterLabel));
        Assert.Equal("BPJS Ketenagakerjaan participant card (KPJ)", english.Documents[0].Label);
        Assert.StartsWith("Covered: period 01/01/2026–31/12/2026 (Kapuas Regency APBD (PKS", english.CoverageOnIncident.Explanation, StringComparison.Ordinal);
        Assert.Equal("Claim recorded", english.History[0].Why);
        Assert.Equal(("draf", "JKK kecelakaan kerja", "keluarga"), (indonesian.StateLabel, indonesian.TypeLabel, indonesian.Incident.ReporterLabel));
        Assert.StartsWith("Terlindungi: periode 01/01/2026–31/12/2026 (APBD Kabupaten Kapuas (PKS", indonesian.CoverageOnIncident.Explanation, StringComparison.Ordinal);
        Assert.Equal("Klaim dicatat", indonesian.History[0].Why);
        Assert.Equal(indonesian.StateLabel, unsaid.StateLabel);
        Assert.Equal(indonesian.CoverageOnIncident.Explanation, unsaid.CoverageOnIncident.Explanation);
    }

    [Fact]
    public async Task A_refusal_shows_in_the_language_of_whoever_reads_it_and_keeps_the_indonesian_text()
    {
        var worker = Grains.GetGrain<IWorkerGrain>(Guid.NewGuid());
        (await worker.RegisterAsync(TestData.Profile("Rina Bahasa"), TestData.Context())).Expect();

        var refused = await InCulture(DomainText.English, () => worker.RegisterAsync(TestData.Profile("Rina Bahasa"), TestData.Context()));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("worker.already_registered", error.Code);
        Assert.Equal("Peserta dengan ID ini sudah terdaftar.", error.Fallback);
        Assert.Equal("A participant with this ID is already registered.", error.Text(DomainText.English));
        Assert.Equal("Peserta dengan ID ini sudah terdaftar.", error.Text(DomainText.Indonesian));
        Assert.Equal("A participant with this ID is already registered.", await InCulture(DomainText.English, () => Task.FromResult(error.Message)));
    }

    [Fact]
    public void An_error_sent_without_arguments_or_with_a_key_unknown_here_shows_its_fallback()
    {
        var old = new WireError("claim.first_report_time", "Waktu laporan tahap I wajib diisi.");
        var newer = new WireError("claim.new_rule", "Aturan baru.", Args: ["x"]);

        Assert.Equal("Waktu laporan tahap I wajib diisi.", old.Text(DomainText.English));
        Assert.Equal("Aturan baru.", newer.Text(DomainText.English));
        Assert.Equal("Aturan baru.", newer.ToDomainError().Text(DomainText.English));
        Assert.Equal("claim.new_rule", newer.ToDomainError().Code);
        var variant = WireError.From(new DomainError("claim.reason_required#close"));
        Assert.Equal(("claim.reason_required", "claim.reason_required#close"), (variant.Code, variant.Key));
        Assert.Equal("A reason is required to close a claim before it is paid.", variant.Text(DomainText.English));
    }

    private static async Task<T> InCulture<T>(CultureInfo culture, Func<Task<T>> call)
    {
        using var scope = DomainText.Use(culture);
        return await call();
    }
}
