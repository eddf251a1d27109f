using Kapuas.Domain.Agreements;
using Kapuas.Domain.Renewal;

namespace Kapuas.Domain.Tests;

public sealed class RenewalSuggestionTests
{
    private static AgreementListing A(string code, int year, AgreementStatus status, int startMonth = 1, int endMonth = 12) =>
        new(code, new DateOnly(year, startMonth, 1), new DateOnly(year, endMonth, DateTime.DaysInMonth(year, endMonth)), status);

    public static TheoryData<AgreementListing[], string?, string?, RenewalSuggestion.Missing> Cases => new()
    {
        { [], null, null, RenewalSuggestion.Missing.AnyAgreement },
        { [A("PKS-2026", 2026, AgreementStatus.Draft)], null, null, RenewalSuggestion.Missing.PreviousAgreement },
        { [A("PKS-2026", 2026, AgreementStatus.Active)], "PKS-2026", null, RenewalSuggestion.Missing.NextSignedAgreement },
        // 2025 (Mar–Sep) closed, 2026 signed: the Kapuas transition.
        { [A("PKS-2025", 2025, AgreementStatus.Closed, 3, 9), A("PKS-2026", 2026, AgreementStatus.Signed)], "PKS-2025", "PKS-2026", RenewalSuggestion.Missing.Nothing },
        // The most recent roster is 2026, and 2027 is only a draft: nothing to renew into yet.
        { [A("PKS-2025", 2025, AgreementStatus.Closed), A("PKS-2026", 2026, AgreementStatus.Active), A("PKS-2027", 2027, AgreementStatus.Draft)], "PKS-2026", null, RenewalSuggestion.Missing.NextSignedAgreement },
        // 2027 signed: from 2026, not from the older 2025; the nearest successor, not 2028.
        { [A("PKS-2028", 2028, AgreementStatus.Signed), A("PKS-2025", 2025, AgreementStatus.Closed), A("PKS-2026", 2026, AgreementStatus.Active), A("PKS-2027", 2027, AgreementStatus.Signed)], "PKS-2026", "PKS-2027", RenewalSuggestion.Missing.Nothing },
        // A signed agreement that starts before the roster's agreement is not its successor.
        { [A("PKS-2024", 2024, AgreementStatus.Signed), A("PKS-2025", 2025, AgreementStatus.Active)], "PKS-2025", null, RenewalSuggestion.Missing.NextSignedAgreement },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_renewal_form_offers_the_latest_roster_and_its_next_signed_agreement(
        AgreementListing[] agreements, string? from, string? to, RenewalSuggestion.Missing lacks)
    {
        var suggestion = RenewalSuggestion.For(agreements);

        Assert.Equal(new RenewalSuggestion(from, to, lacks), suggestion);
    }
}
