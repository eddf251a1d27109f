using System.Globalization;
using Kapuas.Domain.Common;
using Kapuas.Domain.Workers;

namespace Kapuas.Domain.Import;

/// <summary>The columns of a roster file, matched by header name in Bahasa Indonesia or English, case-insensitively.</summary>
public enum RosterColumn
{
    Nik,
    Nama,
    JenisKelamin,
    TanggalLahir,
    Kecamatan,
    Desa,
    Pekerjaan,
    NoHp,
    Kpj,
    SumberData,
}

/// <summary>Where each known column sits in a file's header row.</summary>
public sealed record RosterHeader(IReadOnlyDictionary<RosterColumn, int> Positions, IReadOnlyList<string> Ignored, int Width)
{
    public static readonly IReadOnlyList<RosterColumn> Required =
        [RosterColumn.Nik, RosterColumn.Nama, RosterColumn.JenisKelamin, RosterColumn.TanggalLahir, RosterColumn.Kecamatan, RosterColumn.Desa, RosterColumn.Pekerjaan];

    private static readonly Dictionary<string, RosterColumn> Aliases = new(StringComparer.Ordinal)
    {
        ["nik"] = RosterColumn.Nik, ["noktp"] = RosterColumn.Nik, ["nomorktp"] = RosterColumn.Nik,
        ["nomorindukkependudukan"] = RosterColumn.Nik, ["nationalid"] = RosterColumn.Nik, ["idnumber"] = RosterColumn.Nik,
        ["nama"] = RosterColumn.Nama, ["namalengkap"] = RosterColumn.Nama, ["name"] = RosterColumn.Nama, ["fullname"] = RosterColumn.Nama,
        ["jeniskelamin"] = RosterColumn.JenisKelamin, ["jk"] = RosterColumn.JenisKelamin, ["lp"] = RosterColumn.JenisKelamin,
        ["sex"] = RosterColumn.JenisKelamin, ["gender"] = RosterColumn.JenisKelamin,
        ["tanggallahir"] = RosterColumn.TanggalLahir, ["tgllahir"] = RosterColumn.TanggalLahir, ["tgllhr"] = RosterColumn.TanggalLahir,
        ["birthdate"] = RosterColumn.TanggalLahir, ["dateofbirth"] = RosterColumn.TanggalLahir, ["dob"] = RosterColumn.TanggalLahir,
        ["kecamatan"] = RosterColumn.Kecamatan, ["kec"] = RosterColumn.Kecamatan, ["district"] = RosterColumn.Kecamatan, ["subdistrict"] = RosterColumn.Kecamatan,
        ["desa"] = RosterColumn.Desa, ["kelurahan"] = RosterColumn.Desa, ["desakelurahan"] = RosterColumn.Desa, ["village"] = RosterColumn.Desa,
        ["pekerjaan"] = RosterColumn.Pekerjaan, ["occupation"] = RosterColumn.Pekerjaan, ["job"] = RosterColumn.Pekerjaan,
        ["nohp"] = RosterColumn.NoHp, ["nomorhp"] = RosterColumn.NoHp, ["hp"] = RosterColumn.NoHp, ["telepon"] = RosterColumn.NoHp,
        ["notelp"] = RosterColumn.NoHp, ["phone"] = RosterColumn.NoHp, ["phonenumber"] = RosterColumn.NoHp,
        ["kpj"] = RosterColumn.Kpj, ["nokpj"] = RosterColumn.Kpj, ["nomorkpj"] = RosterColumn.Kpj,
        ["sumberdata"] = RosterColumn.SumberData, ["sumber"] = RosterColumn.SumberData, ["datasource"] = RosterColumn.SumberData, ["source"] = RosterColumn.SumberData,
    };

    /// <summary>The column's name in the current UI culture.</summary>
    public static string Label(RosterColumn column) => new Phrase(Key(column)).ToString();

    /// <summary>The text key of the column's name.</summary>
    public static string Key(RosterColumn column) => $"roster.column.{(Enum.IsDefined(column) ? column : RosterColumn.SumberData)}";

    private static string Term(RosterColumn column) => Phrase.Term(Key(column));

    /// <summary>Matches header cells to columns; refuses a header without the required columns or with one twice.</summary>
    public static Result<RosterHeader> Match(IReadOnlyList<string> cells)
    {
        var positions = new Dictionary<RosterColumn, int>();
        var ignored = new List<string>();
        for (var i = 0; i < cells.Count; i++)
        {
            var key = new string(cells[i].Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
            if (key.Length == 0)
            {
                continue;
            }

            if (!Aliases.TryGetValue(key, out var column))
            {
                ignored.Add(cells[i].Trim());
                continue;
            }

            if (positions.TryGetValue(column, out var earlier))
            {
                return new DomainError("import.duplicate_column", Term(column), $"{earlier + 1}", $"{i + 1}");
            }

            positions[column] = i;
        }

        var missing = Required.Where(c => !positions.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return new DomainError("import.missing_columns", Phrase.List(missing.Select(Term)));
        }

        return new RosterHeader(positions, ignored, cells.Count);
    }
}

/// <summary>One data row after reading: the profile input, or what is wrong, cell by cell.</summary>
public sealed record RosterRow(
    int RowNumber, ProfileInput? Input, WorkerProfile? Profile, IReadOnlyList<RowProblem> Errors, IReadOnlyList<RowProblem> Warnings, string Name)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// A problem with one cell: row number as the spreadsheet shows it, column, the value as given, the reason. It is kept
/// (as JSON) with its texts in Bahasa Indonesia and, beside them, their keys and arguments, so that
/// <see cref="In"/> can show it in the reader's language; a problem kept before the keys existed shows as it was kept.
/// </summary>
public sealed record RowProblem(int RowNumber, string Column, string Value, string Code, string Message)
{
    /// <summary>The text key of <see cref="Message"/>, when it came from a rule.</summary>
    public string? Key { get; init; }

    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>The text key of <see cref="Column"/>.</summary>
    public string? ColumnKey { get; init; }

    /// <summary>The text key of <see cref="Value"/>, when it is a description rather than the cell as given.</summary>
    public string? ValueKey { get; init; }

    public IReadOnlyList<string>? ValueArgs { get; init; }

    /// <summary>A refusal of a rule about one column; the texts kept are the Indonesian ones.</summary>
    public static RowProblem Of(int rowNumber, string columnKey, string value, DomainError error) =>
        new(rowNumber, DomainText.Render(columnKey, [], DomainText.Indonesian), value, error.Code, error.Text(DomainText.Indonesian))
        {
            Key = error.Key,
            Args = error.Args,
            ColumnKey = columnKey,
        };

    /// <summary>The problem with its texts in <paramref name="culture"/> (those kept without keys stay as kept).</summary>
    public RowProblem In(System.Globalization.CultureInfo culture) => this with
    {
        Column = ColumnKey is null ? Column : DomainText.Render(ColumnKey, [], culture),
        Message = Key is null ? Message : DomainText.Render(Key, Args ?? [], culture),
        Value = ValueKey is null ? Value : DomainText.Render(ValueKey, ValueArgs ?? [], culture),
    };
}

/// <summary>Turns one row of cells into a validated profile input (pure: no registry, no clock but <c>asOf</c>).</summary>
public static class RosterRowReader
{
    public const int MaxCellLength = 500;

    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy"];

    public static RosterRow Read(RosterHeader header, int rowNumber, IReadOnlyList<string> cells, DateOnly asOf)
    {
        var errors = new List<RowProblem>();
        var warnings = new List<RowProblem>();

        string? Cell(RosterColumn column) =>
            header.Positions.TryGetValue(column, out var i) && i < cells.Count ? cells[i] : null;

        void Error(RosterColumn column, DomainError error) =>
            errors.Add(RowProblem.Of(rowNumber, RosterHeader.Key(column), Shorten(Cell(column)), error));

        var width = header.Positions.Values.Max() + 1;
        var extra = cells.Skip(Math.Max(width, header.Width)).Count(c => !string.IsNullOrWhiteSpace(c));
        if (extra > 0)
        {
            var value = new Phrase("import.row_cells", $"{cells.Count}");
            errors.Add(RowProblem.Of(rowNumber, "roster.column.row", value.Render(DomainText.Indonesian),
                new DomainError("import.extra_cells", $"{extra}", $"{header.Width}")) with { ValueKey = value.Key, ValueArgs = value.Args });
            return new RosterRow(rowNumber, null, null, errors, warnings, Shorten(Cell(RosterColumn.Nama)));
        }

        var tooLong = header.Positions.Keys.Where(c => (Cell(c)?.Length ?? 0) > MaxCellLength).ToList();
        foreach (var column in tooLong)
        {
            Error(column, new DomainError("import.cell_too_long", $"{Cell(column)!.Length}", $"{MaxCellLength}"));
        }

        if (tooLong.Count > 0)
        {
            return new RosterRow(rowNumber, null, null, errors, warnings, Shorten(Cell(RosterColumn.Nama)));
        }

        var sex = ParseSex(Cell(RosterColumn.JenisKelamin), out var sexError);
        if (sexError is not null)
        {
            Error(RosterColumn.JenisKelamin, sexError);
        }

        var birthDate = ParseDate(Cell(RosterColumn.TanggalLahir), out var dateError);
        if (dateError is not null)
        {
            Error(RosterColumn.TanggalLahir, dateError);
        }

        var source = ParseSource(Cell(RosterColumn.SumberData), out var sourceError);
        if (sourceError is not null)
        {
            Error(RosterColumn.SumberData, sourceError);
        }

        var input = new ProfileInput(Cell(RosterColumn.Nik), Cell(RosterColumn.Nama), sex, birthDate, Cell(RosterColumn.Kecamatan),
            Cell(RosterColumn.Desa), Cell(RosterColumn.Pekerjaan), Cell(RosterColumn.NoHp), Cell(RosterColumn.Kpj), source);
        var check = WorkerProfile.Create(input, asOf);
        foreach (var problem in check.Errors)
        {
            var column = ColumnOf(problem.Field);
            // A sex or date the reader could not read is already reported; the profile only repeats "required".
            if ((column == RosterColumn.JenisKelamin && sexError is not null) || (column == RosterColumn.TanggalLahir && dateError is not null))
            {
                continue;
            }

            errors.Add(RowProblem.Of(rowNumber, RosterHeader.Key(column), Shorten(Cell(column)), problem.Error));
        }

        warnings.AddRange(check.Warnings.Select(w =>
            RowProblem.Of(rowNumber, RosterHeader.Key(ColumnOf(w.Field)), Shorten(Cell(ColumnOf(w.Field))), w.Error)));
        var valid = errors.Count == 0;
        return new RosterRow(rowNumber, valid ? input : null, valid ? check.Profile : null, errors, warnings, Shorten(Cell(RosterColumn.Nama)));
    }

    public static Sex? ParseSex(string? value, out DomainError? error)
    {
        error = null;
        var text = value?.Trim().ToLowerInvariant() ?? "";
        switch (text)
        {
            case "":
                return null;
            case "l" or "lk" or "laki-laki" or "laki laki" or "lakilaki" or "pria" or "m" or "male":
                return Sex.Male;
            case "p" or "pr" or "perempuan" or "wanita" or "f" or "female":
                return Sex.Female;
            default:
                error = new DomainError("sex.invalid", Shorten(value));
                return null;
        }
    }

    public static DateOnly? ParseDate(string? value, out DomainError? error)
    {
        error = null;
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        // A spreadsheet date cell read as its serial number (days since 1899-12-30).
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        }

        error = new DomainError("birthdate.invalid", Shorten(value));
        return null;
    }

    public static DataSource ParseSource(string? value, out DomainError? error)
    {
        error = null;
        var text = value?.Trim().ToUpperInvariant() ?? "";
        switch (text)
        {
            case "":
                return DataSource.Unknown;
            case "DTKS":
                return DataSource.Dtks;
            case "DTSEN":
                return DataSource.Dtsen;
            case "USULAN DESA" or "DESA" or "USULAN":
                return DataSource.UsulanDesa;
            default:
                error = new DomainError("source.invalid", Shorten(value));
                return DataSource.Unknown;
        }
    }

    private static RosterColumn ColumnOf(string field) => field switch
    {
        "NIK" => RosterColumn.Nik,
        "Nama" => RosterColumn.Nama,
        "JenisKelamin" => RosterColumn.JenisKelamin,
        "TanggalLahir" => RosterColumn.TanggalLahir,
        "Kecamatan" => RosterColumn.Kecamatan,
        "Desa" => RosterColumn.Desa,
        "Pekerjaan" => RosterColumn.Pekerjaan,
        "NoHP" => RosterColumn.NoHp,
        "KPJ" => RosterColumn.Kpj,
        _ => RosterColumn.SumberData,
    };

    private static string Shorten(string? value) =>
        value is null ? "" : value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 77), "...");
}
