using System.Globalization;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Claims;

namespace Kapuas.Admin.Reports;

/// <summary>A part of the claim file: a title, an optional table (header and rows, each cell plain text) and notes.</summary>
public sealed record ClaimFileSection(
    string Id,
    string Title,
    IReadOnlyList<string> Header,
    double[] Widths,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<string> Notes);

/// <summary>The cover letter (surat pengantar) of the claim file, line by line as it is printed.</summary>
public sealed record ClaimFileLetter(
    bool Issued,
    string Office,
    string Address,
    string PlaceAndDate,
    string Number,
    IReadOnlyList<(string Label, string Value)> References,
    IReadOnlyList<string> Recipient,
    IReadOnlyList<string> Body,
    string SignatoryTitle,
    string SignatoryName,
    string SignatoryNip);

/// <summary>
/// The file a caseworker hands to BPJS for a claim: the Dinas Sosial's cover letter, then the worker and the claim, the
/// first report (tahap I) as form KK1 asks for it (bpjs-rules.md §4.1) or the death, the heirs in statutory order
/// (§4.3), the checklist with received dates and originals sighted, and the estimate with its working. It is a
/// document addressed to BPJS, so it is in Bahasa Indonesia whatever language the user reads the site in. The NIK is
/// whole for case handlers (BPJS needs it to find the participant) and masked for everyone else.
/// </summary>
public sealed record ClaimFileDocument(string ClaimNumber, ClaimFileLetter Letter, IReadOnlyList<ClaimFileSection> Sections)
{
    private static readonly double[] TwoColumns = [150, 365];

    public string Title => $"Berkas klaim {ClaimNumber}";

    /// <summary>
    /// The file from views the caller read in Bahasa Indonesia (<see cref="Formatting.InIndonesian"/>): their labels
    /// and working come from the grain as they are; the rest is written here in Bahasa Indonesia.
    /// </summary>
    public static ClaimFileDocument Build(ClaimView claim, WorkerView worker, string nik, IssuedLetter? letter, CoverLetterSettings settings) =>
        new(claim.Number, CoverLetter(claim, worker, letter, letter?.Settings ?? settings),
        [
            Participant(claim, worker, nik),
            Claim(claim),
            claim.Type == ClaimType.JkkAccident ? FirstReport(claim, worker, nik, letter?.Settings ?? settings) : Death(claim),
            Heirs(worker),
            Checklist(claim),
            Estimate(claim),
        ]);

    private static ClaimFileLetter CoverLetter(ClaimView claim, WorkerView worker, IssuedLetter? letter, CoverLetterSettings s)
    {
        var date = letter?.IssuedOn;
        var body = new List<string>
        {
            "Dengan hormat,",
            $"Bersama ini kami sampaikan berkas pengajuan klaim {claim.TypeLabel} atas nama {worker.Name}, peserta BPJS Ketenagakerjaan " +
            $"bukan penerima upah (pekerja rentan) yang iurannya dibayar oleh Pemerintah Kabupaten Kapuas dari APBD, dengan nomor klaim " +
            $"Dinas Sosial {claim.Number}.",
            "Terlampir data peserta dan kepesertaannya pada tanggal kejadian, data kejadian, ahli waris menurut urutan yang berlaku, " +
            "daftar dokumen yang telah kami terima beserta tanggal penerimaan dan keterangan dokumen asli yang telah diperlihatkan, " +
            "serta perkiraan manfaat menurut ketentuan yang berlaku.",
            "Demikian kami sampaikan. Atas perhatian dan kerja samanya kami ucapkan terima kasih.",
        };
        return new ClaimFileLetter(
            letter is not null,
            s.Office,
            s.Address,
            date is { } d ? $"{s.City}, {LongDate(d)}" : $"{s.City}, (tanggal diisi saat surat diterbitkan)",
            letter?.Number ?? "DRAF — belum bernomor",
            [("Nomor", letter?.Number ?? "DRAF — belum bernomor"), ("Lampiran", "1 (satu) berkas"), ("Perihal", $"Pengajuan klaim {claim.TypeLabel} a.n. {worker.Name}")],
            ["Kepada Yth.", s.Addressee, "di " + s.City],
            body,
            s.SignatoryTitle,
            s.SignatoryName.Length > 0 ? s.SignatoryName : "(penanda tangan belum diatur)",
            s.SignatoryNip.Length > 0 ? "NIP " + s.SignatoryNip : "");
    }

    private static ClaimFileSection Participant(ClaimView claim, WorkerView w, string nik)
    {
        var coverage = claim.CoverageOnIncident;
        return Pairs("participant", "A. Data peserta",
        [
            ("Nama", w.Name),
            ("NIK", nik),
            ("Nomor peserta (KPJ)", w.Kpj ?? "belum ada"),
            ("Tanggal lahir", IndonesianFormat.Date(w.BirthDate)),
            ("Alamat", $"Desa/Kel. {w.Desa}, Kec. {w.KecamatanName}, Kabupaten Kapuas"),
            ("Pekerjaan", w.OccupationLabel),
            ("Segmen", "Bukan Penerima Upah (BPU), pekerja rentan; iuran JKK dan JKM dibayar Pemerintah Kabupaten Kapuas (APBD)"),
            ("Perlindungan pada tanggal kejadian", coverage.Explanation),
            ("Masa iur pada tanggal kejadian", $"{claim.Estimate.MasaIurMonths} bulan bersambung; {claim.Estimate.MasaIurCumulativeMonths} bulan kumulatif"),
        ]);
    }

    private static ClaimFileSection Claim(ClaimView c) => Pairs("claim", "B. Data klaim",
    [
        ("Nomor klaim Dinas Sosial", c.Number),
        ("Jenis klaim", c.TypeLabel),
        ("Status", c.StateLabel),
        ("Dibuka", $"{Formatting.Wib(c.OpenedAt)} oleh {c.OpenedBy}"),
        ("Petugas", c.AssignedTo),
        ("Nomor surat BPJS", c.BpjsReference ?? "-"),
    ]);

    private static ClaimFileSection FirstReport(ClaimView c, WorkerView w, string nik, CoverLetterSettings s)
    {
        var i = c.Incident;
        var due = i.At.AddHours(48);
        var reported = c.FirstReportedAt is { } at
            ? $"{Formatting.Wib(at)} ({(at <= due ? "dalam" : "lewat")} batas 2 × 24 jam, {Formatting.Wib(due)})"
            : $"belum dicatat; batas 2 × 24 jam: {Formatting.Wib(due)}";
        return Pairs("first-report", "C. Laporan kecelakaan kerja tahap I (formulir KK1)",
        [
            ("Segmen kepesertaan", "Bukan Penerima Upah (BPU)"),
            ("Wadah / pemberi kerja", $"{s.Office}, sebagai pembayar iuran"),
            ("Nomor peserta (KPJ) / NIK", $"{w.Kpj ?? "-"} / {nik}"),
            ("Nama tenaga kerja", w.Name),
            ("Tanggal dan jam kecelakaan", Formatting.Wib(i.At)),
            ("Tempat kecelakaan", i.Place),
            ("Kronologi dan penyebab", i.Description),
            ("Dalam perjalanan", i.OnCommute ? "ya" : "tidak"),
            ("Kecelakaan lalu lintas", i.TrafficAccident ? "ya (sertakan laporan polisi atau surat jaminan Jasa Raharja)" : "tidak"),
            ("Pelapor", $"{i.ReporterName} ({i.ReporterLabel})"),
            ("Telepon pelapor", i.ReporterContact),
            ("Dilaporkan ke BPJS", reported),
        ],
        ["Isi laporan menurut Permenaker 1/2025 Pasal 48A: nomor peserta atau NIK, kronologi (tempat, penyebab, tanggal dan jam), nama dan telepon pelapor; wajib dilaporkan dalam 2 × 24 jam (PP 44/2015 Pasal 43)."]);
    }

    private static ClaimFileSection Death(ClaimView c) => Pairs("death", "C. Data kematian",
    [
        ("Tanggal meninggal", c.DiedOn is { } d ? IndonesianFormat.Date(d) : IndonesianFormat.Date(DateOnly.FromDateTime(Wib.ToWib(c.Incident.At).DateTime))),
        ("Tempat", c.Incident.Place),
        ("Keterangan", c.Incident.Description),
        ("Pelapor", $"{c.Incident.ReporterName} ({c.Incident.ReporterLabel}), {c.Incident.ReporterContact}"),
    ]);

    private static ClaimFileSection Heirs(WorkerView w) => new(
        "heirs",
        "D. Ahli waris menurut urutan (janda/duda atau anak; orang tua, cucu, kakek/nenek; saudara kandung; mertua; yang ditunjuk dalam wasiat)",
        ["Urutan", "Nama", "Hubungan", "NIK", "Tanggal lahir", "Berhak"],
        [45, 150, 90, 100, 70, 60],
        [.. w.Family.Select(m => (IReadOnlyList<string>)
        [
            m.HeirRank.ToString(CultureInfo.InvariantCulture), m.Name, m.RelationshipLabel, m.NikMasked ?? "-",
            m.BirthDate is { } b ? IndonesianFormat.Date(b) : "-", m.EntitledHeir ? "ya" : "tidak",
        ])],
        [w.Family.Count == 0 ? "Belum ada anggota keluarga yang dicatat." : w.HeirExplanation]);

    private static ClaimFileSection Checklist(ClaimView c) => new(
        "checklist",
        "E. Daftar dokumen",
        ["Dokumen", "Wajib", "Diterima", "Asli dilihat", "Catatan dan pindaian"],
        [190, 50, 70, 60, 145],
        [.. c.Documents.Select(d => (IReadOnlyList<string>)
        [
            d.Label, d.Blocking ? "wajib" : d.Required ? "bila ada" : "tambahan",
            d.ReceivedOn is { } r ? IndonesianFormat.Date(r) : "belum", d.ReceivedOn is null ? "-" : d.OriginalSighted ? "ya" : "tidak",
            string.Join("; ", new[] { d.Note, d.Attachments.Count > 0 ? $"{d.Attachments.Count} pindaian" : null }.Where(x => !string.IsNullOrEmpty(x))),
        ])],
        [c.MissingBlocking == 0 ? "Semua dokumen wajib telah diterima." : $"{c.MissingBlocking} dokumen wajib belum diterima."]);

    private static ClaimFileSection Estimate(ClaimView c)
    {
        var e = c.Estimate;
        var rows = e.Components.Select(x => (IReadOnlyList<string>)
            [x.Label, Formatting.Rupiah(x.Amount) + (x.PerMonth ? " per bulan" : ""), x.Working, x.Source]).ToList();
        rows.Add(["Jumlah sekaligus", Formatting.Rupiah(e.Total), "", ""]);
        rows.AddRange(e.Scholarships.Select(s => (IReadOnlyList<string>)
            [$"Beasiswa: {s.ChildName}", s.Eligible ? Formatting.Rupiah(s.YearlyAmount) + " per tahun" : "-", s.Reason, "PP 82/2019"]));
        var notes = new List<string>();
        if (e.Error is { } error)
        {
            notes.Add(error);
        }

        notes.Add($"Penghasilan yang dilaporkan {Formatting.Rupiah(e.DeclaredIncome)}; masa iur {e.MasaIurMonths} bulan.");
        notes.AddRange(e.Notes);
        if (e.ScholarshipVerdict is { } verdict)
        {
            notes.Add(verdict);
        }

        notes.Add("Perkiraan ini dihitung Dinas Sosial menurut ketentuan yang berlaku; besaran akhir ditetapkan BPJS Ketenagakerjaan.");
        return new ClaimFileSection("estimate", "F. Perkiraan manfaat dan perhitungannya", ["Manfaat", "Jumlah", "Perhitungan", "Dasar"],
            [120, 95, 200, 100], rows, notes);
    }

    private static ClaimFileSection Pairs(string id, string title, IEnumerable<(string Label, string Value)> pairs, IReadOnlyList<string>? notes = null) =>
        new(id, title, [], TwoColumns, [.. pairs.Select(p => (IReadOnlyList<string>)[p.Label, p.Value])], notes ?? []);

    private static readonly string[] Months =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    /// <summary>1 Desember 2026, as an Indonesian letter is dated.</summary>
    public static string LongDate(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";

    public byte[] Pdf(string printedBy, DateTimeOffset at)
    {
        var pdf = new PdfReport();
        var l = Letter;
        pdf.Bold(l.Office).Line(l.Address).Blank().Line(l.PlaceAndDate).Blank();
        foreach (var (label, value) in l.References)
        {
            pdf.Row([80, 435], label, ": " + value);
        }

        pdf.Blank();
        foreach (var line in l.Recipient)
        {
            pdf.Line(line);
        }

        pdf.Blank();
        foreach (var paragraph in l.Body)
        {
            pdf.Line(paragraph).Blank();
        }

        pdf.Blank().Line(l.SignatoryTitle).Blank().Blank().Blank().Bold(l.SignatoryName).Line(l.SignatoryNip);
        pdf.PageBreak().Bold($"Lampiran surat nomor {l.Number}: berkas klaim {ClaimNumber}");
        foreach (var section in Sections)
        {
            pdf.Heading(section.Title);
            if (section.Header.Count > 0)
            {
                pdf.HeaderRow(section.Widths, [.. section.Header]);
            }

            foreach (var row in section.Rows)
            {
                pdf.Row(section.Widths, [.. row]);
            }

            foreach (var note in section.Notes)
            {
                pdf.Line(note);
            }
        }

        return pdf.Build(Title, $"Kapuas.Actors · {Title} · dicetak {Formatting.Wib(at)} oleh {printedBy}", titleOnEveryPage: false);
    }
}
