using System.Text;
using Kapuas.Infrastructure.Spreadsheets;

namespace Kapuas.Integration.Tests;

/// <summary>The roster file reader's CSV: the quoting rules, the lines it reports, the encodings it accepts.</summary>
public sealed class TabularFileTests
{
    private static Kapuas.Domain.Common.Result<Table> Read(string text, Encoding? encoding = null)
    {
        var bytes = (encoding ?? new UTF8Encoding(false)).GetBytes(text);
        return TabularFile.Read(new MemoryStream(bytes), "peserta.csv", bytes.Length);
    }

    [Fact]
    public void Quoted_separators_doubled_quotes_and_line_breaks_are_cells_and_each_row_keeps_the_line_it_starts_on()
    {
        var table = Read("Nama;Catatan\r\n\"Siti; Aminah\";\"kata \"\"ya\"\"\"\r\n\r\n\"Budi\";\"baris satu\r\nbaris dua\"\r\nAni;biasa\r\n");

        Assert.True(table.IsSuccess, table.Error?.Message);
        Assert.Equal(["Nama", "Catatan"], table.Value.Header);
        Assert.Equal([2, 4, 6], table.Value.Rows.Select(r => r.Number));
        Assert.Equal(["Siti; Aminah", "kata \"ya\""], table.Value.Rows[0].Cells);
        Assert.Equal(["Budi", "baris satu\r\nbaris dua"], table.Value.Rows[1].Cells);
        Assert.Equal(["Ani", "biasa"], table.Value.Rows[2].Cells);
        Assert.Equal(TabularFile.CsvKind, table.Value.Kind);
    }

    [Fact]
    public void Commas_separate_when_the_header_has_more_commas_than_semicolons()
    {
        var table = Read("Nama,Desa\n\"Nur, Aini\",Selat\n");

        Assert.True(table.IsSuccess, table.Error?.Message);
        Assert.Equal(["Nur, Aini", "Selat"], table.Value.Rows.Single().Cells);
    }

    [Theory]
    [InlineData("Nama;Desa\nSiti;Selat\nBudi;\"Pulau\nTelo\n", 3)]
    [InlineData("Nama;Desa\n\"Siti\nAminah\";Selat\nBudi;\"Pulau\n", 4)]
    public void A_quote_never_closed_is_refused_with_the_line_it_was_opened_on(string text, int line)
    {
        var table = Read(text);

        Assert.False(table.IsSuccess);
        Assert.Equal("file.unclosed_quote", table.Error!.Code);
        Assert.Contains($"baris {line} tidak pernah ditutup", table.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_read_as_windows_1252_and_says_so()
    {
        var table = Read("Nama;Desa\r\nJosé Hernández;Sei Tatas\r\n", CodePagesEncodingProvider.Instance.GetEncoding(1252));
        var utf8 = Read("\uFEFFNama;Desa\r\nJosé;Selat\r\n");

        Assert.True(table.IsSuccess, table.Error?.Message);
        Assert.Equal(TabularFile.CsvWindows1252Kind, table.Value.Kind);
        Assert.Equal("José Hernández", table.Value.Rows.Single().Cells[0]);
        Assert.Equal(TabularFile.CsvKind, utf8.Value.Kind);
        Assert.Equal(["Nama", "Desa"], utf8.Value.Header);
        Assert.Equal("José", utf8.Value.Rows.Single().Cells[0]);
    }
}
