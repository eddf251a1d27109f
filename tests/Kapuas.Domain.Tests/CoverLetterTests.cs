using Kapuas.Domain.Claims;

namespace Kapuas.Domain.Tests;

public sealed class CoverLetterTests
{
    private static readonly CoverLetterSettings Valid = CoverLetterSettings.Defaults with
    {
        Address = "Jl. Contoh No. 1, Kuala Kapuas", SignatoryName = "Drs. Contoh", SignatoryNip = "198001012005011003",
    };

    [Theory]
    [InlineData("{n}/JS-DINSOS/{bulan}/{tahun}", 1, 2026, 12, "001/JS-DINSOS/XII/2026")]
    [InlineData("{n}/JS-DINSOS/{bulan}/{tahun}", 42, 2027, 1, "042/JS-DINSOS/I/2027")]
    [InlineData("460/{n}/DINSOS/{tahun}", 1234, 2026, 4, "460/1234/DINSOS/2026")]
    [InlineData("{n}", 7, 2026, 9, "007")]
    public void The_number_fills_the_running_number_the_roman_month_and_the_year(string pattern, int sequence, int year, int month, string expected) =>
        Assert.Equal(expected, (Valid with { NumberPattern = pattern }).Number(sequence, new DateOnly(year, month, 15)));

    [Fact]
    public void Months_are_written_in_roman_numerals()
    {
        Assert.Equal(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"], Enumerable.Range(1, 12).Select(CoverLetterSettings.RomanMonth));
        Assert.Throws<ArgumentOutOfRangeException>(() => CoverLetterSettings.RomanMonth(13));
        Assert.Throws<ArgumentOutOfRangeException>(() => Valid.Number(0, new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void Valid_settings_with_a_signatory_can_issue_and_the_defaults_cannot()
    {
        Assert.Empty(Valid.Problems());
        Assert.True(Valid.CanIssue);
        Assert.False(CoverLetterSettings.Defaults.CanIssue); // no address, no signatory: the office must name them
        Assert.Equal([(nameof(CoverLetterSettings.Address), "letter.required")], CoverLetterSettings.Defaults.Problems());
        Assert.False((Valid with { Address = "" }).CanIssue);
    }

    [Theory]
    [InlineData(nameof(CoverLetterSettings.NumberPattern), "DINSOS/{tahun}", "letter.pattern_without_number")]
    [InlineData(nameof(CoverLetterSettings.NumberPattern), "{n}/{bln}", "letter.pattern_unknown_part")]
    [InlineData(nameof(CoverLetterSettings.NumberPattern), "", "letter.required")]
    [InlineData(nameof(CoverLetterSettings.Office), "", "letter.required")]
    [InlineData(nameof(CoverLetterSettings.Office), "Dinas <b>Sosial</b>", "letter.markup")]
    [InlineData(nameof(CoverLetterSettings.SignatoryName), "=HYPERLINK(\"x\")", "letter.formula")]
    [InlineData(nameof(CoverLetterSettings.SignatoryNip), "12345", "letter.nip")]
    [InlineData(nameof(CoverLetterSettings.SignatoryNip), "19800101200501100A", "letter.nip")]
    public void Each_problem_is_named_with_its_field(string field, string value, string code)
    {
        var settings = field switch
        {
            nameof(CoverLetterSettings.NumberPattern) => Valid with { NumberPattern = value },
            nameof(CoverLetterSettings.Office) => Valid with { Office = value },
            nameof(CoverLetterSettings.SignatoryName) => Valid with { SignatoryName = value },
            _ => Valid with { SignatoryNip = value },
        };
        Assert.Equal([(field, code)], settings.Problems());
        Assert.False(settings.CanIssue);
    }

    [Fact]
    public void Too_long_texts_are_refused_and_the_nip_is_written_in_its_groups()
    {
        Assert.Equal([(nameof(CoverLetterSettings.Address), "letter.too_long")], (Valid with { Address = new string('a', 201) }).Problems());
        Assert.Equal("19800101 200501 1 003", (Valid with { SignatoryNip = " 1980 0101 2005 0110 03 " }).Normalised().SignatoryNip);
        Assert.Equal("Kuala Kapuas", (Valid with { City = "  Kuala Kapuas " }).Normalised().City);
    }
}
