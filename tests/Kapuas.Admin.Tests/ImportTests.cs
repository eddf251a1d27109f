using System.Net;
using System.Text;
using System.Text.Json;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Infrastructure.Spreadsheets;
using Kapuas.Testing;

namespace Kapuas.Admin.Tests;

/// <summary>Roster import through the pages: preview, commit as a job on the silo, re-import, hostile files.</summary>
[Collection(AdminCollection.Name)]
public sealed class ImportTests(AdminFixture fixture)
{
    private const string Header = "NIK;Nama;Jenis Kelamin;Tanggal Lahir;Kecamatan;Desa/Kelurahan;Pekerjaan;No HP;KPJ;Sumber Data";

    private static string Row(string nik, string name, string desa = "Sei Tatas", string sex = "L", string born = "15/05/1995") =>
        $"{nik};{name};{sex};{born};Selat;{desa};Petani;081234567890;;DTKS";

    private static string MaleNik() => TestData.Nik(Sex.Male, new DateOnly(1995, 5, 15));

    private static byte[] Csv(params string[] lines) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines))];

    private async Task<Guid> UploadAsync(HttpClient client, string fileName, byte[] content, string? agreement = null)
    {
        var response = await AdminFixture.UploadAsync(client, "/Import", "Input.File", fileName, content,
            agreement is null ? [] : new() { ["Input.AgreementId"] = agreement });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private async Task CommitAndWaitAsync(HttpClient client, Guid batch)
    {
        var response = await AdminFixture.PostFormAsync(client, $"/Import/Batch/{batch}?handler=Commit", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Eventually.UntilAsync(async () =>
        {
            var json = await client.GetStringAsync($"/Import/Batch/{batch}?handler=Progress");
            return JsonDocument.Parse(json).RootElement.GetProperty("status").GetString() == "completed";
        }, TimeSpan.FromSeconds(60), "the import job completed");
    }

    private async Task<string> SignedAgreementAsync(int quota)
    {
        var code = $"PKS-IMP-{Guid.NewGuid():N}"[..20];
        var agreement = fixture.Silo.Grains.GetGrain<IAgreementGrain>(code);
        (await agreement.DefineAsync(TestData.Agreement2026(quota), TestData.Context("admin"))).Expect();
        (await agreement.ChangeStatusAsync(AgreementStatus.Signed, TestData.Context("admin"))).Expect();
        return code;
    }

    [Fact]
    public async Task Preview_then_commit_registers_the_valid_rows_and_reports_the_rejected_ones()
    {
        var client = await fixture.AdministratorAsync();
        var agreement = await SignedAgreementAsync(quota: 100);
        var niks = Enumerable.Range(0, 3).Select(_ => MaleNik()).ToList();
        var file = Csv(
            Header,
            Row(niks[0], "Ahmad Fauzi"),
            Row(niks[1], "Rudi Hartono"),
            Row(niks[2], "=HYPERLINK(\"http://x\")"),
            Row("62030115059", "Nik Pendek"),
            Row(niks[1], "Rudi Ganda"),
            Row(MaleNik(), "<script>alert(1)</script>"),
            Row("12345", "@SUM(1)"));

        var batch = await UploadAsync(client, "peserta.csv", file, agreement);
        var preview = await client.GetStringAsync($"/Import/Batch/{batch}");

        Assert.Contains("NIK harus 16 digit; yang diisi 11 digit.", preview, StringComparison.Ordinal);
        Assert.Contains("NIK yang sama sudah ada di baris 3.", preview, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", preview, StringComparison.Ordinal);
        Assert.Contains("Nama tidak boleh berisi tanda &lt; atau &gt;.", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", preview, StringComparison.Ordinal);
        Assert.Contains("Akan didaftarkan", preview, StringComparison.Ordinal);
        Assert.Contains("Nama tidak boleh diawali =, +, - atau @: itu rumus spreadsheet, bukan isian.", WebUtility.HtmlDecode(preview), StringComparison.Ordinal);

        await CommitAndWaitAsync(client, batch);

        Assert.Equal(2L, await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM app.participants p JOIN app.agreement_enrolments e ON e.worker_id = p.worker_id AND e.agreement_id = '{agreement}'"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.participants WHERE name LIKE '%<script>%'"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.participants WHERE name LIKE '=HYPERLINK%'"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.participants WHERE name IN ('Nik Pendek', 'Rudi Ganda', '@SUM(1)')"));

        var report = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/Import/Batch/{batch}?handler=Report&format=csv"));
        Assert.Contains("'@SUM(1)", report, StringComparison.Ordinal);
        Assert.DoesNotContain(";@SUM(1)", report, StringComparison.Ordinal);
        Assert.Contains("NIK yang sama sudah ada di baris 3.", report, StringComparison.Ordinal);

        var xlsx = await client.GetByteArrayAsync($"/Import/Batch/{batch}?handler=Report&format=xlsx");
        var table = TabularFile.Read(new MemoryStream(xlsx), "laporan.xlsx", xlsx.Length);
        Assert.True(table.IsSuccess, table.Error?.Message);
        Assert.Equal(["Baris", "Nama", "Kolom", "Isi", "Alasan"], table.Value.Header);
        Assert.Contains(table.Value.Rows, r => r.Cells[1] == "'@SUM(1)");
    }

    [Fact]
    public async Task Re_importing_the_same_file_changes_nothing_and_an_updated_file_lists_what_changed()
    {
        var client = await fixture.AdministratorAsync();
        var niks = Enumerable.Range(0, 2).Select(_ => MaleNik()).ToList();
        var original = Csv(Header, Row(niks[0], "Joko Susilo"), Row(niks[1], "Eko Prasetyo"));
        await CommitAndWaitAsync(client, await UploadAsync(client, "awal.csv", original));
        var audited = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.audit_log");

        var again = await UploadAsync(client, "awal.csv", original);
        var page = await client.GetStringAsync($"/Import/Batch/{again}");

        Assert.Equal(2L, await fixture.Database.ScalarAsync<long>($"SELECT unchanged_rows FROM app.import_batches WHERE batch_id = '{again}'"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT new_rows + update_rows FROM app.import_batches WHERE batch_id = '{again}'"));
        Assert.DoesNotContain("Simpan impor", page, StringComparison.Ordinal);
        Assert.Equal(audited, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.audit_log"));

        var updated = await UploadAsync(client, "ubah.csv", Csv(Header, Row(niks[0], "Joko Susilo", desa: "Pulau Kupang"), Row(niks[1], "Eko Prasetyo")));
        var updatePage = WebUtility.HtmlDecode(await client.GetStringAsync($"/Import/Batch/{updated}"));
        Assert.Contains("Desa/Kelurahan: 'Sei Tatas' → 'Pulau Kupang'", updatePage, StringComparison.Ordinal);

        await CommitAndWaitAsync(client, updated);
        Assert.Equal("Pulau Kupang", await fixture.Database.ScalarAsync<string>("SELECT desa FROM app.participants WHERE name = 'Joko Susilo'"));
        Assert.Equal(audited + 1, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.audit_log"));
    }

    [Fact]
    public async Task An_xlsx_file_is_read_like_a_csv_file()
    {
        var client = await fixture.AdministratorAsync();
        var nik = MaleNik();
        var xlsx = SpreadsheetExport.Xlsx("Peserta", Header.Split(';'), [Row(nik, "Bambang Excel").Split(';')]);

        var batch = await UploadAsync(client, "peserta.xlsx", xlsx);
        await CommitAndWaitAsync(client, batch);

        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.participants WHERE name = 'Bambang Excel'"));
    }

    [Fact]
    public async Task An_import_over_the_agreement_quota_shows_the_numbers_and_cannot_be_committed()
    {
        var client = await fixture.AdministratorAsync();
        var agreement = await SignedAgreementAsync(quota: 1);

        var batch = await UploadAsync(client, "terlalu-banyak.csv", Csv(Header, Row(MaleNik(), "Satu"), Row(MaleNik(), "Dua")), agreement);
        var page = await client.GetStringAsync($"/Import/Batch/{batch}");
        var commit = await AdminFixture.PostFormAsync(client, $"/Import/Batch/{batch}?handler=Commit", [], tokenFrom: $"/Import/Batch/{batch}");

        Assert.Contains("Kuota PKS terlampaui sebanyak 1 peserta.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, commit.StatusCode);
        Assert.Equal("previewed", await fixture.Database.ScalarAsync<string>($"SELECT status FROM app.import_batches WHERE batch_id = '{batch}'"));
    }

    /// <summary>The files are built inside the test: a 20 MB theory argument would be serialised by test discovery.</summary>
    private static byte[] HostileFile(string fileName) => fileName switch
    {
        "kosong.csv" => [],
        "judul.csv" => Csv(Header),
        "besar.csv" => BigFile(),
        "gambar.csv" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52],
        "lebar.csv" => Csv(Header, string.Join(';', Enumerable.Repeat("x", 200))),
        "dokumen.pdf" => Encoding.ASCII.GetBytes("%PDF-1.4"),
        "palsu.xlsx" => Encoding.UTF8.GetBytes(Header),
        "kolom.csv" => Csv("Nama;Alamat", "Budi;Jl. Merdeka"),
        _ => throw new ArgumentOutOfRangeException(nameof(fileName)),
    };

    [Theory]
    [InlineData("kosong.csv", "File kosong")]
    [InlineData("judul.csv", "hanya berisi baris judul")]
    [InlineData("besar.csv", "File terlalu besar")]
    [InlineData("gambar.csv", "bukan teks CSV")]
    [InlineData("lebar.csv", "kolom")]
    [InlineData("dokumen.pdf", "tidak didukung")]
    [InlineData("palsu.xlsx", "bukan buku kerja Excel")]
    [InlineData("kolom.csv", "tidak memiliki kolom wajib")]
    public async Task A_broken_or_hostile_file_is_refused_with_a_clear_message_and_nothing_is_stored(string fileName, string message)
    {
        var content = HostileFile(fileName);
        var client = await fixture.AdministratorAsync();
        var batches = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.import_batches");

        var response = await AdminFixture.UploadAsync(client, "/Import", "Input.File", fileName, content, []);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Equal(batches, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.import_batches"));
    }

    [Fact]
    public async Task Excel_plain_csv_in_windows_1252_is_read_with_its_accents_and_the_preview_says_so()
    {
        var client = await fixture.AdministratorAsync();
        var agreement = await SignedAgreementAsync(quota: 10);
        var nik = MaleNik();
        var windows1252 = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var file = windows1252.GetBytes(string.Join("\r\n", Header, Row(nik, "José Hernández", desa: "Sei Tatas Hilir")));
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(file));

        var batch = await UploadAsync(client, "excel-biasa.csv", file, agreement);
        var preview = WebUtility.HtmlDecode(await client.GetStringAsync($"/Import/Batch/{batch}"));
        await CommitAndWaitAsync(client, batch);

        Assert.Contains("id=\"file-encoding\"", preview, StringComparison.Ordinal);
        Assert.Contains("dibaca sebagai Windows-1252", preview, StringComparison.Ordinal);
        Assert.Contains("José Hernández", preview, StringComparison.Ordinal);
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.participants WHERE name = 'José Hernández'"));
        var utf8 = await UploadAsync(client, "utf8.csv", Csv(Header, Row(MaleNik(), "Sri Wahyuni")), agreement);
        Assert.DoesNotContain("id=\"file-encoding\"", await client.GetStringAsync($"/Import/Batch/{utf8}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caseworkers_cannot_import()
    {
        var client = await fixture.CaseworkerAsync();

        var response = await client.GetAsync("/Import");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static byte[] BigFile()
    {
        var line = Encoding.UTF8.GetBytes(Row("6203011505950001", "Nama Yang Cukup Panjang Untuk Mengisi") + "\r\n");
        var count = (int)(TabularFile.MaxBytes / line.Length) + 10;
        var bytes = new byte[Encoding.UTF8.GetByteCount(Header + "\r\n") + (line.Length * count)];
        Encoding.UTF8.GetBytes(Header + "\r\n").CopyTo(bytes, 0);
        for (var i = 0; i < count; i++)
        {
            line.CopyTo(bytes, Encoding.UTF8.GetByteCount(Header + "\r\n") + (i * line.Length));
        }

        return bytes;
    }
}
