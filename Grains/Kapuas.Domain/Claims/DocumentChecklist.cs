namespace Kapuas.Domain.Claims;

public enum DocumentKind
{
    KpjCard = 1,
    WorkerKtp = 2,
    HeirKtp = 3,
    DeathCertificate = 4,
    FamilyCard = 5,
    HeirshipLetter = 6,
    MarriageBook = 7,
    SavingsBook = 8,
    FirstReportForm = 9,
    SecondReportForm = 10,
    DoctorStatement = 11,
    ChronologyWithWitnesses = 12,
    PoliceReportOrJasaRaharja = 13,
    MedicalReceipts = 14,
    TransportReceipts = 15,
    Npwp = 16,
}

/// <summary>One item of a claim's checklist: whether the file needs it, and whether BPJS refuses the file without it.</summary>
public sealed record DocumentRequirement(DocumentKind Kind, string Label, bool Required, bool Blocking, string Source);

/// <summary>
/// The documents each claim type needs (bpjs-rules.md §4.1 for JKK, §4.2 for JKM). Blocking items are those without
/// which BPJS does not accept the file; the others are asked for but do not hold the submission.
/// </summary>
public static class DocumentChecklist
{
    private const string Jkk = "Permenaker 5/2021 Pasal 19; daftar klaim JKK BPU (bpjs-rules.md §4.1)";
    private const string Jkm = "Persyaratan klaim JKM (bpjs-rules.md §4.2)";

    /// <summary>BPJS asks for an NPWP when the payout is above Rp 50 juta (bpjs-rules.md §4.1).</summary>
    public static readonly Common.Money NpwpThreshold = new(50_000_000);

    public static IReadOnlyList<DocumentRequirement> For(ClaimType type, bool trafficAccident)
    {
        var items = new List<DocumentRequirement>
        {
            new(DocumentKind.KpjCard, "Kartu peserta BPJS Ketenagakerjaan (KPJ)", true, true, type == ClaimType.JkmDeath ? Jkm : Jkk),
            new(DocumentKind.WorkerKtp, "KTP peserta", true, true, type == ClaimType.JkmDeath ? Jkm : Jkk),
        };

        if (type != ClaimType.JkmDeath)
        {
            items.Add(new(DocumentKind.FirstReportForm, "Formulir laporan kecelakaan kerja tahap I (KK1)", true, true, Jkk));
            items.Add(new(DocumentKind.SecondReportForm, "Formulir laporan kecelakaan kerja tahap II (KK2)", true, true, Jkk));
            items.Add(new(DocumentKind.DoctorStatement, "Surat keterangan dokter (KK3/3b)", true, true, Jkk));
            items.Add(trafficAccident
                ? new(DocumentKind.PoliceReportOrJasaRaharja, "Laporan polisi atau surat jaminan Jasa Raharja (kecelakaan lalu lintas)", true, true, Jkk)
                : new(DocumentKind.ChronologyWithWitnesses, "Kronologi kejadian dan fotokopi KTP 2 orang saksi", true, true, Jkk));
            items.Add(new(DocumentKind.MedicalReceipts, "Kuitansi pengobatan", true, false, Jkk));
            items.Add(new(DocumentKind.TransportReceipts, "Kuitansi biaya pengangkutan", false, false, Jkk));
        }

        if (type is ClaimType.JkmDeath or ClaimType.JkkDeath)
        {
            var source = type == ClaimType.JkmDeath ? Jkm : Jkk + "; " + Jkm;
            items.Add(new(DocumentKind.DeathCertificate, "Akta atau surat keterangan kematian", true, true, source));
            items.Add(new(DocumentKind.FamilyCard, "Kartu Keluarga (KK)", true, true, source));
            items.Add(new(DocumentKind.HeirshipLetter, "Surat keterangan ahli waris dari pejabat berwenang", true, true, source));
            items.Add(new(DocumentKind.HeirKtp, "KTP ahli waris", true, true, source));
            items.Add(new(DocumentKind.MarriageBook, "Buku nikah (bila peserta menikah)", false, false, source));
        }

        items.Add(new(DocumentKind.SavingsBook, "Buku tabungan penerima", true, false, type == ClaimType.JkmDeath ? Jkm : Jkk));
        if (type is ClaimType.JkkDeath or ClaimType.JkkPermanentTotalDisability)
        {
            items.Add(new(DocumentKind.Npwp, "NPWP penerima (pembayaran di atas Rp 50.000.000)", true, false, Jkk));
        }

        return items;
    }
}

public enum AttachmentType
{
    Pdf = 1,
    Jpeg = 2,
    Png = 3,
}

/// <summary>
/// Checks a scanned document by its content, not its name: only PDF, JPEG and PNG, up to <see cref="MaxBytes"/>.
/// </summary>
public static class AttachmentCheck
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public const int MaxFileNameLength = 200;

    public static Common.Result<AttachmentType> Check(ReadOnlySpan<byte> content, string? fileName)
    {
        if (content.Length == 0)
        {
            return new Common.DomainError("attachment.empty", "Berkas kosong.");
        }

        if (content.Length > MaxBytes)
        {
            return new Common.DomainError("attachment.too_large",
                $"Berkas {content.Length / 1024.0 / 1024.0:0.0} MB; paling besar {MaxBytes / 1024 / 1024} MB.");
        }

        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > MaxFileNameLength)
        {
            return new Common.DomainError("attachment.name", $"Nama berkas wajib diisi, paling panjang {MaxFileNameLength} karakter.");
        }

        if (content.StartsWith("%PDF-"u8))
        {
            return AttachmentType.Pdf;
        }

        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
        {
            return AttachmentType.Jpeg;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return AttachmentType.Png;
        }

        return new Common.DomainError("attachment.type",
            "Isi berkas bukan PDF, JPEG atau PNG (jenis diperiksa dari isinya, bukan dari nama berkas).");
    }

    public static string ContentType(AttachmentType type) => type switch
    {
        AttachmentType.Pdf => "application/pdf",
        AttachmentType.Jpeg => "image/jpeg",
        _ => "image/png",
    };

    /// <summary>A file name safe to store and to send back: no path, no control characters.</summary>
    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var cleaned = new string([.. name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?'))]).Trim();
        return cleaned.Length == 0 ? "berkas" : cleaned;
    }
}
