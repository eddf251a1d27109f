using Kapuas.Domain.Workers;
using static Kapuas.Domain.Tests.TestData;

namespace Kapuas.Domain.Tests;

public sealed class OccupationTests
{
    [Theory]
    [InlineData("Petani", OccupationKind.Petani)]
    [InlineData("farmer", OccupationKind.Petani)]
    [InlineData("Nelayan", OccupationKind.Nelayan)]
    [InlineData("Fisherman", OccupationKind.Nelayan)]
    [InlineData("  pedagang   pasar ", OccupationKind.PedagangPasar)]
    [InlineData("market trader", OccupationKind.PedagangPasar)]
    [InlineData("Buruh Harian Lepas", OccupationKind.BuruhHarianLepas)]
    [InlineData("BHL", OccupationKind.BuruhHarianLepas)]
    [InlineData("day labourer", OccupationKind.BuruhHarianLepas)]
    public void The_four_named_occupations_are_read_in_indonesian_or_english(string input, OccupationKind expected)
    {
        var occupation = Occupation.Parse(input).Value;

        Assert.Equal(expected, occupation.Kind);
        Assert.Null(occupation.Other);
    }

    [Theory]
    [InlineData("lainnya: tukang ojek", "tukang ojek")]
    [InlineData("Lainnya (penjahit)", "penjahit")]
    [InlineData("LAINNYA - guru honorer", "guru honorer")]
    [InlineData("Tukang Ojek", "Tukang Ojek")]
    [InlineData("  tukang   ojek  ", "tukang ojek")]
    [InlineData("Penyadap karet", "Penyadap karet")]
    public void Other_text_is_kept_as_lainnya_with_its_description(string input, string description)
    {
        var occupation = Occupation.Parse(input).Value;

        Assert.Equal(OccupationKind.Lainnya, occupation.Kind);
        Assert.Equal(description, occupation.Other);
        Assert.Equal($"Lainnya: {description}", occupation.Label);
    }

    [Theory]
    [InlineData(null, "occupation.required")]
    [InlineData("", "occupation.required")]
    [InlineData("   ", "occupation.required")]
    [InlineData("lainnya", "occupation.other_required")]
    [InlineData("Lainnya: ", "occupation.other_required")]
    [InlineData("lainnya ()", "occupation.other_required")]
    public void A_missing_occupation_or_description_is_refused(string? input, string expectedCode)
    {
        Assert.Equal(expectedCode, Code(Occupation.Parse(input)));
    }

    [Theory]
    [InlineData(100, "ok")]
    [InlineData(101, "occupation.other_too_long")]
    public void A_description_is_at_most_a_hundred_characters(int length, string expectedCode)
    {
        Assert.Equal(expectedCode, Code(Occupation.Parse(new string('x', length))));
    }

    [Theory]
    [InlineData(OccupationKind.Petani, "Petani")]
    [InlineData(OccupationKind.Nelayan, "Nelayan")]
    [InlineData(OccupationKind.PedagangPasar, "Pedagang pasar")]
    [InlineData(OccupationKind.BuruhHarianLepas, "Buruh harian lepas")]
    public void A_named_occupation_has_an_indonesian_label(OccupationKind kind, string label)
    {
        var occupation = Occupation.Of(kind);

        Assert.Equal(label, occupation.Label);
        Assert.Equal(label, occupation.ToString());
    }

    [Fact]
    public void Lainnya_cannot_be_made_without_a_description()
    {
        Assert.Throws<ArgumentException>(() => Occupation.Of(OccupationKind.Lainnya));
    }
}

public sealed class WorkerProfileTests
{
    private static readonly DateOnly AsOf = new(2026, 6, 1);

    private static ProfileInput Valid() => new(
        Nik: "6203011505950001",
        Name: "Budi Santoso",
        Sex: Sex.Male,
        BirthDate: new DateOnly(1995, 5, 15),
        Kecamatan: "Selat",
        Desa: "Sei Tatas",
        Occupation: "Petani",
        Phone: "0812-3456-7890",
        Kpj: null,
        Source: DataSource.Dtks);

    [Fact]
    public void A_valid_input_gives_a_profile_without_errors_or_warnings()
    {
        var check = WorkerProfile.Create(Valid(), AsOf);

        Assert.True(check.IsValid);
        Assert.Empty(check.Errors);
        Assert.Empty(check.Warnings);
        var profile = check.Profile;
        Assert.NotNull(profile);
        Assert.Equal("6203011505950001", profile.Nik.Value);
        Assert.Equal("Budi Santoso", profile.Name);
        Assert.Equal(Sex.Male, profile.Sex);
        Assert.Equal(new DateOnly(1995, 5, 15), profile.BirthDate);
        Assert.Equal("62.03.01", profile.Kecamatan.Code);
        Assert.Equal("Sei Tatas", profile.Desa);
        Assert.Equal(OccupationKind.Petani, profile.Occupation.Kind);
        Assert.Equal("081234567890", profile.Phone);
        Assert.Null(profile.Kpj);
        Assert.Equal(DataSource.Dtks, profile.Source);
    }

    [Fact]
    public void Names_and_villages_are_trimmed_and_their_spaces_folded()
    {
        var input = Valid() with { Name = "  Budi \t  Santoso ", Desa = " Sei   Tatas ", Kecamatan = "kec. selat", Kpj = " 00012345678 " };

        var profile = WorkerProfile.Create(input, AsOf).Profile;

        Assert.NotNull(profile);
        Assert.Equal("Budi Santoso", profile.Name);
        Assert.Equal("Sei Tatas", profile.Desa);
        Assert.Equal("Selat", profile.Kecamatan.Name);
        Assert.NotNull(profile.Kpj);
        Assert.Equal("00012345678", profile.Kpj.Value);
    }

    [Fact]
    public void Every_wrong_field_is_reported_at_once()
    {
        var input = new ProfileInput(
            Nik: "123", Name: " ", Sex: null, BirthDate: null, Kecamatan: "Sebangau", Desa: "", Occupation: "",
            Phone: "12ab", Kpj: "1<3");

        var check = WorkerProfile.Create(input, AsOf);

        Assert.False(check.IsValid);
        Assert.Null(check.Profile);
        Assert.Equal(
            "Nama:name.required,JenisKelamin:sex.required,TanggalLahir:birthdate.required,NIK:nik.length,"
            + "Kecamatan:kecamatan.unknown,Desa:desa.required,Pekerjaan:occupation.required,NoHP:phone.invalid,KPJ:kpj.invalid",
            string.Join(",", check.Errors.Select(e => $"{e.Field}:{e.Error.Code}")));
    }

    [Theory]
    [InlineData("name too long", "Nama", "name.too_long")]
    [InlineData("name with a control character", "Nama", "name.control")]
    [InlineData("no sex", "JenisKelamin", "sex.required")]
    [InlineData("birth date tomorrow", "TanggalLahir", "birthdate.future")]
    [InlineData("born over 120 years ago", "TanggalLahir", "birthdate.too_old")]
    [InlineData("nik day 32", "NIK", "nik.day")]
    [InlineData("no kecamatan", "Kecamatan", "kecamatan.required")]
    [InlineData("desa too long", "Desa", "desa.too_long")]
    [InlineData("lainnya without description", "Pekerjaan", "occupation.other_required")]
    [InlineData("phone with 7 digits", "NoHP", "phone.invalid")]
    [InlineData("phone with 16 digits", "NoHP", "phone.invalid")]
    [InlineData("phone with letters", "NoHP", "phone.invalid")]
    [InlineData("phone with two plus signs", "NoHP", "phone.invalid")]
    [InlineData("kpj with markup", "KPJ", "kpj.invalid")]
    [InlineData("name that is a formula", "Nama", "text.formula")]
    [InlineData("name starting with a plus", "Nama", "text.formula")]
    [InlineData("name starting with a minus", "Nama", "text.formula")]
    [InlineData("desa starting with an at sign", "Desa", "text.formula")]
    public void One_wrong_field_gives_one_error_on_that_field(string defect, string field, string code)
    {
        var input = defect switch
        {
            "name too long" => Valid() with { Name = new string('a', WorkerProfile.MaxNameLength + 1) },
            "name with a control character" => Valid() with { Name = "Budi\u0007Santoso" },
            "no sex" => Valid() with { Sex = null },
            "birth date tomorrow" => Valid() with { BirthDate = AsOf.AddDays(1) },
            "born over 120 years ago" => Valid() with { BirthDate = AsOf.AddYears(-120).AddDays(-1) },
            "nik day 32" => Valid() with { Nik = "6203013205950001" },
            "no kecamatan" => Valid() with { Kecamatan = null },
            "desa too long" => Valid() with { Desa = new string('d', WorkerProfile.MaxDesaLength + 1) },
            "lainnya without description" => Valid() with { Occupation = "lainnya:" },
            "phone with 7 digits" => Valid() with { Phone = "0812345" },
            "phone with 16 digits" => Valid() with { Phone = "0812345678901234" },
            "phone with letters" => Valid() with { Phone = "0812-ABC-7890" },
            "phone with two plus signs" => Valid() with { Phone = "++6281234567890" },
            "kpj with markup" => Valid() with { Kpj = "<b>1234</b>" },
            "name that is a formula" => Valid() with { Name = "=HYPERLINK(\"http://x\",\"Budi\")" },
            "name starting with a plus" => Valid() with { Name = "+62 Budi" },
            "name starting with a minus" => Valid() with { Name = "-Budi" },
            "desa starting with an at sign" => Valid() with { Desa = "@SUM(A1)" },
            _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, null),
        };

        var check = WorkerProfile.Create(input, AsOf);

        Assert.Null(check.Profile);
        var error = Assert.Single(check.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(code, error.Error.Code);
    }

    [Theory]
    [InlineData("name of exactly 150 characters")]
    [InlineData("born today")]
    [InlineData("born exactly 120 years ago")]
    [InlineData("desa of exactly 100 characters")]
    [InlineData("phone of 8 digits")]
    [InlineData("phone of 15 digits")]
    [InlineData("no phone")]
    [InlineData("formula signs inside a name and a desa")]
    public void Values_on_the_boundary_are_accepted(string boundary)
    {
        var input = boundary switch
        {
            "name of exactly 150 characters" => Valid() with { Name = new string('a', WorkerProfile.MaxNameLength) },
            "born today" => Valid() with { Nik = "6203010106260001", BirthDate = AsOf },
            "born exactly 120 years ago" => Valid() with { Nik = "6203010106060001", BirthDate = AsOf.AddYears(-120) },
            "desa of exactly 100 characters" => Valid() with { Desa = new string('d', WorkerProfile.MaxDesaLength) },
            "phone of 8 digits" => Valid() with { Phone = "05132123" },
            "phone of 15 digits" => Valid() with { Phone = "081234567890123" },
            "no phone" => Valid() with { Phone = "  " },
            "formula signs inside a name and a desa" => Valid() with { Name = "Siti Nur-Aini = Ani", Desa = "Pulau Telo-Baru" },
            _ => throw new ArgumentOutOfRangeException(nameof(boundary), boundary, null),
        };

        var check = WorkerProfile.Create(input, AsOf);

        Assert.True(check.IsValid);
        Assert.Empty(check.Errors);
    }

    [Theory]
    [InlineData("+62 812-3456-7890", "081234567890")]
    [InlineData("6281234567890", "081234567890")]
    [InlineData("0812 3456 7890", "081234567890")]
    [InlineData("(0513) 21234", "051321234")]
    [InlineData(" 081234567890 ", "081234567890")]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    public void A_phone_number_is_normalised_to_the_national_form(string? phone, string? expected)
    {
        var profile = WorkerProfile.Create(Valid() with { Phone = phone }, AsOf).Profile;

        Assert.NotNull(profile);
        Assert.Equal(expected, profile.Phone);
    }

    [Fact]
    public void A_future_birth_date_is_refused_with_the_date_in_the_message()
    {
        var check = WorkerProfile.Create(Valid() with { BirthDate = new DateOnly(2026, 6, 2) }, AsOf);

        var error = Assert.Single(check.Errors);
        Assert.Equal("birthdate.future", error.Error.Code);
        Assert.Contains("02/06/2026", error.Error.Message);
    }

    [Fact]
    public void Nik_warnings_are_passed_through_and_the_declared_data_is_kept()
    {
        // A woman's NIK from Palangka Raya (62.71), declared as a man: valid, with two warnings.
        var input = Valid() with { Nik = "6271015505950001", Sex = Sex.Male };

        var check = WorkerProfile.Create(input, AsOf);

        Assert.True(check.IsValid);
        Assert.Empty(check.Errors);
        Assert.Equal(
            "NIK:nik.outside_kapuas,NIK:nik.sex_mismatch",
            string.Join(",", check.Warnings.Select(w => $"{w.Field}:{w.Error.Code}")));
        Assert.NotNull(check.Profile);
        Assert.Equal(Sex.Male, check.Profile.Sex);
    }

    [Fact]
    public void Warnings_are_returned_even_when_there_are_errors()
    {
        var input = Valid() with { Nik = "6271011505950001", Name = "" };

        var check = WorkerProfile.Create(input, AsOf);

        Assert.False(check.IsValid);
        Assert.Equal("Nama", Assert.Single(check.Errors).Field);
        Assert.Equal("nik.outside_kapuas", Assert.Single(check.Warnings).Error.Code);
    }

    [Fact]
    public void A_birth_date_that_does_not_match_the_nik_is_a_warning_not_an_error()
    {
        var check = WorkerProfile.Create(Valid() with { BirthDate = new DateOnly(1995, 5, 16) }, AsOf);

        Assert.True(check.IsValid);
        var warning = Assert.Single(check.Warnings);
        Assert.Equal("NIK", warning.Field);
        Assert.Equal("nik.birthdate_mismatch", warning.Error.Code);
    }
}
