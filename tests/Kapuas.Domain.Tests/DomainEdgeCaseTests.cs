using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Identity;
using Kapuas.Domain.Regions;
using Kapuas.Domain.Workers;

namespace Kapuas.Domain.Tests;

/// <summary>Edge cases found in review: each once misbehaved or could have.</summary>
public sealed class DomainEdgeCaseTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 29);

    [Theory]
    [InlineData("+62 812-3456-7890", "081234567890")]
    [InlineData("+62 (0)812-3456-7890", "081234567890")]
    [InlineData("62812 3456 7890", "081234567890")]
    [InlineData("0812.3456.7890", "081234567890")]
    public void Phone_numbers_are_stored_in_the_domestic_form(string input, string expected)
    {
        var check = WorkerProfile.Create(
            new ProfileInput("6203011505950001", "Budi", Sex.Male, new DateOnly(1995, 5, 15), "Selat", "Sei Tatas", "petani", input, null), AsOf);

        Assert.Equal(expected, check.Profile!.Phone);
    }

    [Fact]
    public void A_birth_date_is_derived_even_for_the_earliest_possible_as_of_date()
    {
        var nik = Nik.Parse("6203012902000001").Value;

        Assert.Equal(new DateOnly(2000, 2, 29), nik.BirthDate(AsOf));
        Assert.Equal(2000, nik.BirthDate(DateOnly.MinValue).Year);
    }

    [Fact]
    public void A_default_result_is_a_failure_not_a_silent_success()
    {
        Result<int> result = default;

        Assert.False(result.IsSuccess);
        Assert.Equal("result.uninitialised", result.Error!.Code);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }

    [Fact]
    public void A_negative_roster_is_refused()
    {
        var agreement = Agreement.Create(new AgreementTerms("PKS-2026", "1/2026", new DateOnly(2026, 1, 5), 2026,
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), 5000, Programs.Jkk | Programs.Jkm, new Money(1_000_000), new Money(1_008_000_000))).Value;

        Assert.Equal("agreement.negative_roster", agreement.CheckRoster(-1).Error!.Code);
        Assert.Throws<ArgumentOutOfRangeException>(() => agreement.CostForRoster(-1));
    }

    [Fact]
    public void An_agreement_period_must_start_in_its_budget_year()
    {
        var result = Agreement.Create(new AgreementTerms("PKS-2026", "1/2026", new DateOnly(2026, 1, 5), 2026,
            new DateOnly(2030, 1, 1), new DateOnly(2030, 12, 31), 5000, Programs.Jkk, new Money(1_000_000), new Money(1_000_000_000)));

        Assert.Equal("agreement.period_outside_budget_year", result.Error!.Code);
    }

    [Fact]
    public void Lainnya_naming_a_known_occupation_means_that_occupation()
    {
        Assert.Equal(OccupationKind.Petani, Occupation.Parse("Lainnya: petani").Value.Kind);
        Assert.Equal("tukang ojek", Occupation.Parse("lainnya: tukang ojek").Value.Other);
    }

    [Fact]
    public void The_word_kecamatan_alone_is_a_missing_kecamatan()
    {
        Assert.Equal("kecamatan.required", Kecamatan.Find("Kecamatan").Error!.Code);
    }
}
