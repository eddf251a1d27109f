using Kapuas.Domain.Identity;
using Kapuas.Domain.Workers;
using static Kapuas.Domain.Tests.TestData;

namespace Kapuas.Domain.Tests;

public sealed class NikTests
{
    // Laki-laki, born 15 May 1995, first registered in Selat (62.03.01), serial 0001.
    private const string BudiNik = "6203011505950001";

    private static readonly DateOnly AsOf = new(2026, 6, 1);

    [Theory]
    [InlineData("6203011505950001", Sex.Male, 15, 5, 95, 1)]
    [InlineData("6203015505950001", Sex.Female, 15, 5, 95, 1)]
    [InlineData("6203010101000001", Sex.Male, 1, 1, 0, 1)]
    [InlineData("6203014101000002", Sex.Female, 1, 1, 0, 2)]
    [InlineData("6203013112059999", Sex.Male, 31, 12, 5, 9999)]
    [InlineData("6203017112059999", Sex.Female, 31, 12, 5, 9999)]
    [InlineData("1101012902000001", Sex.Male, 29, 2, 0, 1)]
    [InlineData("6203016902040010", Sex.Female, 29, 2, 4, 10)]
    public void A_valid_nik_gives_sex_and_the_encoded_birth_day_month_year_and_serial(
        string input, Sex sex, int day, int month, int twoDigitYear, int serial)
    {
        var nik = Nik.Parse(input).Value;

        Assert.Equal(input, nik.Value);
        Assert.Equal(sex, nik.Sex);
        Assert.Equal(day, nik.BirthDay);
        Assert.Equal(month, nik.BirthMonth);
        Assert.Equal(twoDigitYear, nik.BirthYearTwoDigits);
        Assert.Equal(serial, nik.Serial);
    }

    [Theory]
    [InlineData("6203091505950001", "62", "6203", "620309", true)]
    [InlineData("6271015505950001", "62", "6271", "627101", false)]
    [InlineData("1101012902000001", "11", "1101", "110101", false)]
    public void The_region_codes_are_read_from_the_first_six_digits(
        string input, string province, string regency, string kecamatan, bool isKapuas)
    {
        var nik = Nik.Parse(input).Value;

        Assert.Equal(province, nik.ProvinceCode);
        Assert.Equal(regency, nik.RegencyCode);
        Assert.Equal(kecamatan, nik.KecamatanCode);
        Assert.Equal(isKapuas, nik.IsKapuas);
    }

    [Theory]
    [InlineData("6203011505950001", "2026-06-01", "1995-05-15")]
    [InlineData("6203011505050001", "2026-06-01", "2005-05-15")]
    [InlineData("6203011505000001", "2026-06-01", "2000-05-15")]
    [InlineData("6203011505260001", "2026-06-01", "2026-05-15")]
    [InlineData("6203011512260001", "2026-06-01", "1926-12-15")]
    [InlineData("6203010106260001", "2026-06-01", "2026-06-01")]
    [InlineData("6203012902000001", "2026-06-01", "2000-02-29")]
    [InlineData("6203016902040001", "2026-06-01", "2004-02-29")]
    [InlineData("6203011505990001", "2000-01-01", "1999-05-15")]
    public void The_birth_year_resolves_to_the_latest_century_not_after_the_reference_date(
        string input, string asOf, string expected)
    {
        var nik = Nik.Parse(input).Value;

        Assert.Equal(D(expected), nik.BirthDate(D(asOf)));
    }

    [Theory]
    [InlineData("  6203011505950001  ")]
    [InlineData("\t6203011505950001\n")]
    public void Spaces_around_a_nik_are_trimmed(string input)
    {
        var nik = Nik.Parse(input).Value;

        Assert.Equal(BudiNik, nik.Value);
    }

    [Theory]
    [InlineData(null, "nik.required")]
    [InlineData("", "nik.required")]
    [InlineData("6203-11505950001", "nik.not_digits")]
    [InlineData("620301150595000A", "nik.not_digits")]
    [InlineData("6203 011505950001", "nik.not_digits")]
    [InlineData("6203", "nik.length")]
    [InlineData("620301150595000", "nik.length")]
    [InlineData("62030115059500011", "nik.length")]
    [InlineData("1003011505950001", "nik.province")]
    [InlineData("6200011505950001", "nik.region")]
    [InlineData("6203001505950001", "nik.region")]
    [InlineData("6203010005950001", "nik.day")]
    [InlineData("6203013205950001", "nik.day")]
    [InlineData("6203014005950001", "nik.day")]
    [InlineData("6203017205950001", "nik.day")]
    [InlineData("6203011500950001", "nik.month")]
    [InlineData("6203011513950001", "nik.month")]
    [InlineData("6203013102950001", "nik.date")]
    [InlineData("6203017102950001", "nik.date")]
    [InlineData("6203013104950001", "nik.date")]
    [InlineData("6203012902010001", "nik.date")]
    [InlineData("6203011505950000", "nik.serial")]
    public void A_malformed_nik_is_refused_with_the_exact_reason(string? input, string expectedCode)
    {
        var result = Nik.Parse(input);

        Assert.False(result.IsSuccess);
        Assert.Equal(expectedCode, Code(result));
    }

    [Theory]
    [InlineData("6203-11505950001", 5, "'-'")]
    [InlineData("A203011505950001", 1, "'A'")]
    [InlineData("620301150595000x", 16, "'x'")]
    [InlineData("6203 011505950001", 5, "'U+0020'")]
    [InlineData("  6203-11505950001  ", 5, "'-'")]
    [InlineData("\uFF16203011505950001", 1, "'\uFF16'")]
    public void A_non_digit_is_reported_with_its_position(string input, int position, string shown)
    {
        var error = Nik.Parse(input).Error;

        Assert.NotNull(error);
        Assert.Equal("nik.not_digits", error.Code);
        Assert.Contains($"pada posisi {position}.", error.Message);
        Assert.Contains(shown, error.Message);
    }

    [Theory]
    [InlineData("620301150595000", 15)]
    [InlineData("62030115059500011", 17)]
    public void A_wrong_length_reports_how_many_digits_were_given(string input, int length)
    {
        var error = Nik.Parse(input).Error;

        Assert.NotNull(error);
        Assert.Contains($"yang diisi {length} digit", error.Message);
    }

    [Theory]
    [InlineData(BudiNik, Sex.Male, "1995-05-15", "")]
    [InlineData(BudiNik, null, null, "")]
    [InlineData("6203015505950001", Sex.Female, "1995-05-15", "")]
    [InlineData("6271011505950001", Sex.Male, "1995-05-15", "nik.outside_kapuas")]
    [InlineData(BudiNik, Sex.Female, "1995-05-15", "nik.sex_mismatch")]
    [InlineData("6203015505950001", Sex.Male, null, "nik.sex_mismatch")]
    [InlineData(BudiNik, Sex.Male, "1995-05-16", "nik.birthdate_mismatch")]
    [InlineData(BudiNik, Sex.Male, "1995-06-15", "nik.birthdate_mismatch")]
    [InlineData(BudiNik, null, "1996-05-15", "nik.birthdate_mismatch")]
    [InlineData("6271011505950001", Sex.Female, "1995-05-16", "nik.outside_kapuas,nik.sex_mismatch,nik.birthdate_mismatch")]
    public void Check_warns_about_mismatches_but_keeps_the_nik_valid(
        string input, Sex? declaredSex, string? declaredBirthDate, string expectedWarnings)
    {
        var check = Nik.Check(input, declaredSex, OptionalDate(declaredBirthDate), AsOf);

        Assert.True(check.IsValid);
        Assert.Null(check.Error);
        Assert.NotNull(check.Nik);
        Assert.Equal(input, check.Nik.Value);
        Assert.Equal(expectedWarnings, string.Join(",", check.Warnings.Select(w => w.Code)));
    }

    [Fact]
    public void The_outside_kapuas_warning_names_the_regency_code()
    {
        var check = Nik.Check("6271011505950001", Sex.Male, null, AsOf);

        var warning = Assert.Single(check.Warnings);
        Assert.Contains("62.71", warning.Message);
    }

    [Theory]
    [InlineData("620301150595000", "nik.length")]
    [InlineData("6203013205950001", "nik.day")]
    public void Check_of_a_malformed_nik_gives_the_error_and_no_warnings(string input, string expectedCode)
    {
        var check = Nik.Check(input, Sex.Female, new DateOnly(1980, 1, 1), AsOf);

        Assert.False(check.IsValid);
        Assert.Null(check.Nik);
        Assert.NotNull(check.Error);
        Assert.Equal(expectedCode, check.Error.Code);
        Assert.Empty(check.Warnings);
    }

    [Theory]
    [InlineData(BudiNik, "6203**********01")]
    [InlineData("6271015505950042", "6271**********42")]
    [InlineData("1101012902000099", "1101**********99")]
    public void A_nik_shows_only_its_regency_prefix_and_last_two_digits(string input, string masked)
    {
        var nik = Nik.Parse(input).Value;

        Assert.Equal(masked, nik.Masked);
        Assert.Equal(masked, nik.ToString());
        Assert.Equal(masked, $"{nik}");
        Assert.DoesNotContain(input, nik.ToString());
        Assert.DoesNotContain(input[4..14], nik.ToString());
    }

    [Theory]
    [InlineData("12345", "*****")]
    [InlineData("62030115059500011", "*****************")]
    public void Masking_text_that_is_not_sixteen_long_hides_all_of_it(string input, string masked)
    {
        Assert.Equal(masked, Nik.Mask(input));
    }

    [Fact]
    public void The_fingerprint_is_the_same_for_the_same_key_and_nik()
    {
        var nik = Nik.Parse(BudiNik).Value;
        var again = Nik.Parse(" " + BudiNik + " ").Value;

        var first = Convert.ToHexString(nik.Fingerprint("installation-key-1"u8));
        var second = Convert.ToHexString(again.Fingerprint("installation-key-1"u8));

        Assert.Equal(first, second);
        Assert.Equal(64, first.Length);
    }

    [Fact]
    public void The_fingerprint_differs_by_key()
    {
        var nik = Nik.Parse(BudiNik).Value;

        var withKeyA = Convert.ToHexString(nik.Fingerprint("installation-key-1"u8));
        var withKeyB = Convert.ToHexString(nik.Fingerprint("installation-key-2"u8));

        Assert.NotEqual(withKeyA, withKeyB);
    }

    [Fact]
    public void The_fingerprint_differs_by_nik()
    {
        var budi = Nik.Parse(BudiNik).Value;
        var other = Nik.Parse("6203011505950002").Value;

        var budiPrint = Convert.ToHexString(budi.Fingerprint("installation-key-1"u8));
        var otherPrint = Convert.ToHexString(other.Fingerprint("installation-key-1"u8));

        Assert.NotEqual(budiPrint, otherPrint);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void A_fingerprint_key_shorter_than_32_bytes_is_refused(int length)
    {
        Assert.Throws<ArgumentException>(() => new NikFingerprinter(new byte[length]));
    }

    [Fact]
    public void A_fingerprinter_needs_a_key()
    {
        Assert.Throws<ArgumentNullException>(() => new NikFingerprinter(null!));
    }

    [Fact]
    public void The_fingerprinter_keeps_its_own_copy_of_the_key()
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var fingerprinter = new NikFingerprinter(key);
        var nik = Nik.Parse(BudiNik).Value;
        var expected = Convert.ToHexString(nik.Fingerprint(key));

        key[0] ^= 0xFF;

        Assert.Equal(expected, Convert.ToHexString(fingerprinter.Fingerprint(nik)));
        Assert.NotEqual(expected, Convert.ToHexString(nik.Fingerprint(key)));
    }

    [Fact]
    public void Two_niks_with_the_same_digits_are_equal()
    {
        var a = Nik.Parse(BudiNik).Value;
        var b = Nik.Parse("  " + BudiNik).Value;
        var c = Nik.Parse("6203011505950002").Value;

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
    }
}
