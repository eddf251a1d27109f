using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Operations;
using Kapuas.Domain.Workers;

namespace Kapuas.Domain.Tests;

/// <summary>Payers as data (issue 18): the regency, a village (APBDes), the province or another donor, each agreement naming its own.</summary>
public sealed class AgreementPayerTests
{
    private static readonly DateTimeOffset July = new(2026, 7, 20, 9, 0, 0, Wib.Offset);

    private static AgreementTerms Terms(FundingKind payer, string? kecamatan = null, string? desa = null, string? name = null) => new(
        "DESA-SEITATAS-2026", "141/05/DS-ST/2026", new DateOnly(2026, 1, 5), 2026, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31),
        100, Programs.Jkk | Programs.Jkm, Agreement.DefaultDeclaredIncome, new Money(20_160_000), PartialMonthRule.FullMonth,
        payer, kecamatan, desa, name);

    private static Agreement Village() => Agreement.Create(Terms(FundingKind.Apbdes, "62.03.01", "  Sei   Tatas ")).Value;

    [Fact]
    public void A_village_agreement_names_its_kecamatan_and_desa_and_says_who_pays()
    {
        var village = Village();

        Assert.Equal(FundingKind.Apbdes, village.Payer);
        Assert.Equal("62.03.01", village.PayerKecamatanCode);
        Assert.Equal("Sei Tatas", village.PayerDesa); // spaces tidied
        Assert.Equal("APBDes Desa Sei Tatas, Kec. Selat", village.PayerPhrase.Render(DomainText.Indonesian));
        Assert.Equal("APBDes of Desa Sei Tatas, Kec. Selat", village.PayerPhrase.Render(DomainText.English));
        Assert.Equal("Donatur: CSR Bank Kalteng", Agreement.Create(Terms(FundingKind.Donor, name: "CSR Bank Kalteng")).Value.PayerPhrase.Render(DomainText.Indonesian));
        Assert.Equal("APBD Kabupaten Kapuas (Dinas Sosial)", Agreement.Create(Terms(FundingKind.ApbdKabupaten, desa: "ignored")).Value.PayerPhrase.Render(DomainText.Indonesian));
        Assert.Null(Agreement.Create(Terms(FundingKind.ApbdKabupaten, "62.03.01", "Sei Tatas", "x")).Value.PayerDesa); // only a village names a desa
    }

    [Theory]
    [InlineData(FundingKind.Apbdes, null, "Sei Tatas", null, "agreement.village_required")]
    [InlineData(FundingKind.Apbdes, "62.03.01", " ", null, "agreement.village_required")]
    [InlineData(FundingKind.Apbdes, "99.99.99", "Sei Tatas", null, "agreement.village_required")]
    [InlineData(FundingKind.Donor, null, null, "", "agreement.donor_name")]
    [InlineData(FundingKind.SelfPaid, null, null, null, "agreement.payer")]
    [InlineData(FundingKind.Arrears, null, null, null, "agreement.payer")]
    [InlineData(FundingKind.Apbdes, "62.03.01", "=HYPERLINK(\"x\")", null, "agreement.payer_text")]
    [InlineData(FundingKind.Donor, null, null, "<b>CSR</b>", "agreement.payer_text")]
    public void A_payer_without_what_identifies_it_is_refused(FundingKind payer, string? kecamatan, string? desa, string? name, string code) =>
        Assert.Equal(code, TestData.Code(Agreement.Create(Terms(payer, kecamatan, desa, name))));

    [Fact]
    public void A_name_of_101_characters_is_refused()
    {
        Assert.Equal("agreement.payer_too_long", TestData.Code(Agreement.Create(Terms(FundingKind.Donor, name: new string('a', 101)))));
        Assert.Equal("ok", TestData.Code(Agreement.Create(Terms(FundingKind.Donor, name: new string('a', 100)))));
    }

    [Theory]
    [InlineData("62.03.01", "Sei Tatas", false)]
    [InlineData("62.03.01", "sei  tatas", false)] // the same desa written differently
    [InlineData("62.03.01", "Pulau Telo", true)] // another desa of the same kecamatan
    [InlineData("62.03.02", "Sei Tatas", true)] // a desa of that name in another kecamatan
    public void A_village_pays_for_its_own_residents_and_warns_about_anyone_else(string kecamatan, string desa, bool warned)
    {
        var warning = Village().ResidenceWarning(kecamatan, desa);

        Assert.Equal(warned, warning is not null);
        if (warning is not null)
        {
            Assert.Equal("agreement.outside_village", warning.Code);
            Assert.Contains($"Desa {desa}", warning.Text(DomainText.Indonesian), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Other_payers_take_anyone_in_the_regency()
    {
        Assert.Null(Agreement.Create(Terms(FundingKind.ApbdKabupaten)).Value.ResidenceWarning("62.03.02", "Pulau Telo"));
        Assert.Null(Agreement.Create(Terms(FundingKind.Donor, name: "Yayasan")).Value.ResidenceWarning("62.03.02", "Pulau Telo"));
    }

    [Fact]
    public void Enrolling_someone_from_another_village_succeeds_with_a_warning_that_names_where_they_live()
    {
        var actor = new Actor("sari", "Sari", July);
        var outsider = Worker.Unregistered.Register(
            new ProfileInput("6203011505950001", "Budi", Sex.Male, new DateOnly(1995, 5, 15), "Selat", "Pulau Telo", "petani", null, null), actor).Change!.Next;
        var resident = Worker.Unregistered.Register(
            new ProfileInput("6203011505950002", "Siti", Sex.Female, new DateOnly(1996, 5, 15), "Selat", "Sei Tatas", "petani", null, null), actor).Change!.Next;
        var village = Village();

        var outsiderEnrolled = outsider.Enrol(village.Id, village, null, startingRoster: true, bridgeGap: false, actor);
        var residentEnrolled = resident.Enrol(village.Id, village, null, startingRoster: true, bridgeGap: false, actor);

        Assert.False(outsiderEnrolled.Refused);
        var warning = Assert.Single(outsiderEnrolled.Warnings).Error;
        Assert.Equal("agreement.outside_village", warning.Code);
        Assert.Equal("Peserta tinggal di Desa Pulau Telo, Kec. Selat, bukan di Desa Sei Tatas yang membayar perjanjian ini: dana desa untuk warga desanya sendiri.",
            warning.Text(DomainText.Indonesian));
        Assert.False(residentEnrolled.Refused);
        Assert.Empty(residentEnrolled.Warnings);
    }

    [Fact]
    public void A_village_agreements_period_is_the_villages_and_still_the_agreements_own()
    {
        var actor = new Actor("sari", "Sari", July);
        var worker = Worker.Unregistered.Register(
            new ProfileInput("6203011505950002", "Siti", Sex.Female, new DateOnly(1996, 5, 15), "Selat", "Sei Tatas", "petani", null, null), actor).Change!.Next;
        var village = Village();

        var enrolled = worker.Enrol(village.Id, village, null, startingRoster: true, bridgeGap: false, actor).Change!.Next;

        var span = Assert.Single(enrolled.Timeline.Spans);
        Assert.Equal(FundingKind.Apbdes, span.Funding.Kind);
        Assert.True(span.Funding.IsAgreementPeriod);
        Assert.Equal("APBDes (PKS DESA-SEITATAS-2026)", span.Funding.LabelPhrase.Render(DomainText.Indonesian));
        Assert.Equal("worker.already_enrolled", Assert.Single(enrolled.Enrol(village.Id, village, null, true, false, actor).Errors).Error.Code);
        Assert.False(new Funding(FundingKind.Arrears, village.Id, null).IsAgreementPeriod);
        Assert.False(new Funding(FundingKind.Apbdes, null, "riwayat desa").IsAgreementPeriod);
    }
}
