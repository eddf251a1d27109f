using Kapuas.Domain.Identity;
using Kapuas.Domain.Regions;
using static Kapuas.Domain.Tests.TestData;

namespace Kapuas.Domain.Tests;

public sealed class KpjTests
{
    [Theory]
    [InlineData("00012345678", "00012345678")]
    [InlineData("12345678901", "12345678901")]
    [InlineData("  00000000001 ", "00000000001")]
    public void An_eleven_digit_kpj_is_kept_as_text_with_its_leading_zeros(string input, string expected)
    {
        var kpj = Kpj.Parse(input).Value;

        Assert.Equal(expected, kpj.Value);
        Assert.Equal(expected, kpj.ToString());
    }

    [Theory]
    [InlineData(null, "kpj.required")]
    [InlineData("", "kpj.required")]
    [InlineData("1234<567890", "kpj.invalid")]
    [InlineData("1234567890123456789012345678901", "kpj.invalid")]
    public void An_empty_or_unreadable_kpj_is_refused(string? input, string expectedCode)
    {
        Assert.Equal(expectedCode, Code(Kpj.Parse(input)));
    }

    [Theory]
    [InlineData("1234567890")]
    [InlineData("123456789012")]
    [InlineData("1234567890A")]
    [InlineData("1234-567890")]
    public void A_kpj_not_of_eleven_digits_is_kept_with_a_warning(string input)
    {
        var kpj = Kpj.Parse(input).Value;

        Assert.False(kpj.IsWellFormed);
        Assert.Equal("kpj.format", kpj.FormatWarning()!.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_optional_kpj_means_not_assigned_yet(string? input)
    {
        var result = Kpj.ParseOptional(input);

        Assert.True(result.IsSuccess);
        Assert.Null(result.Value);
    }

    [Fact]
    public void A_given_optional_kpj_is_parsed()
    {
        var kpj = Kpj.ParseOptional(" 00012345678 ").Value;

        Assert.NotNull(kpj);
        Assert.Equal("00012345678", kpj.Value);
    }

    [Theory]
    [InlineData("1<3", "kpj.invalid")]
    [InlineData("ABC>DEFGHIJK", "kpj.invalid")]
    public void A_given_optional_kpj_must_still_be_readable(string input, string expectedCode)
    {
        Assert.Equal(expectedCode, Code(Kpj.ParseOptional(input)));
    }
}

public sealed class KecamatanTests
{
    // The table of bpjs-rules.md §5.2.
    [Theory]
    [InlineData("62.03.01", "Selat")]
    [InlineData("62.03.02", "Kapuas Hilir")]
    [InlineData("62.03.03", "Kapuas Timur")]
    [InlineData("62.03.04", "Kapuas Kuala")]
    [InlineData("62.03.05", "Kapuas Barat")]
    [InlineData("62.03.06", "Pulau Petak")]
    [InlineData("62.03.07", "Kapuas Murung")]
    [InlineData("62.03.08", "Basarang")]
    [InlineData("62.03.09", "Mantangai")]
    [InlineData("62.03.10", "Timpah")]
    [InlineData("62.03.11", "Kapuas Tengah")]
    [InlineData("62.03.12", "Kapuas Hulu")]
    [InlineData("62.03.13", "Tamban Catur")]
    [InlineData("62.03.14", "Pasak Talawang")]
    [InlineData("62.03.15", "Mandau Talawang")]
    [InlineData("62.03.16", "Dadahup")]
    [InlineData("62.03.17", "Bataguh")]
    public void Every_kecamatan_of_kapuas_is_found_by_code_with_or_without_dots_and_by_name(string code, string name)
    {
        Assert.Contains(new Kecamatan(code, name), Kecamatan.All);
        Assert.Equal(name, Kecamatan.Find(code).Value.Name);
        Assert.Equal(name, Kecamatan.Find(code.Replace(".", "", StringComparison.Ordinal)).Value.Name);
        Assert.Equal(code, Kecamatan.Find(name).Value.Code);
        Assert.Equal(code, Kecamatan.Find(name.ToUpperInvariant()).Value.Code);
    }

    [Fact]
    public void There_are_exactly_seventeen_kecamatan_numbered_01_to_17_in_order()
    {
        var expected = Enumerable.Range(1, 17).Select(i => $"62.03.{i:D2}").ToList();

        Assert.Equal(expected, Kecamatan.All.Select(k => k.Code).ToList());
        Assert.Equal(17, Kecamatan.All.Select(k => k.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData(" 620309 ", "62.03.09")]
    [InlineData("6203.09", "62.03.09")]
    [InlineData("  kapuas   hilir  ", "62.03.02")]
    [InlineData("KAPUAS\tTIMUR", "62.03.03")]
    [InlineData("Kec. Mantangai", "62.03.09")]
    [InlineData("kec.mantangai", "62.03.09")]
    [InlineData("Kec Timpah", "62.03.10")]
    [InlineData("Kecamatan Bataguh", "62.03.17")]
    public void A_kecamatan_is_found_ignoring_case_extra_spaces_and_a_kec_prefix(string input, string expectedCode)
    {
        Assert.Equal(expectedCode, Kecamatan.Find(input).Value.Code);
    }

    [Theory]
    [InlineData("62.03.18", "kecamatan.unknown_code")]
    [InlineData("620300", "kecamatan.unknown_code")]
    [InlineData("62.71.01", "kecamatan.unknown_code")]
    [InlineData("Sebangau", "kecamatan.unknown")]
    [InlineData("Kapuas", "kecamatan.unknown")]
    [InlineData(null, "kecamatan.required")]
    [InlineData("   ", "kecamatan.required")]
    public void An_unknown_or_missing_kecamatan_is_refused(string? input, string expectedCode)
    {
        Assert.Equal(expectedCode, Code(Kecamatan.Find(input)));
    }

    [Fact]
    public void An_unknown_code_message_names_the_valid_range()
    {
        var error = Kecamatan.Find("62.03.18").Error;

        Assert.NotNull(error);
        Assert.Contains("62.03.01–62.03.17", error.Message);
    }

    [Fact]
    public void A_kecamatan_shows_its_name_and_code()
    {
        Assert.Equal("Kapuas Hilir (62.03.02)", Kecamatan.Find("620302").Value.ToString());
    }
}
