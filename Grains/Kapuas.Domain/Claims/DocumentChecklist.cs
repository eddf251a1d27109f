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

/// <summary>
/// One item of a claim's checklist: whether the file needs it, and whether BPJS refuses the file without it. Its name
/// and the rule it comes from are texts, rendered in the current UI culture when read.
/// </summary>
public sealed record DocumentRequirement(DocumentKind Kind, bool Required, bool Blocking, string SourceKey)
{
    public string Label => DocumentChecklist.Label(Kind);

    public string Source => new Common.Phrase(SourceKey).ToString();
}

/// <summary>
/// The documents each claim type needs (bpjs-rules.md §4.1 for JKK, §4.2 for JKM). Blocking items are those without
/// which BPJS does not accept the file; the others are asked for but do not hold the submission.
/// </summary>
public static class DocumentChecklist
{
    private const string Jkk = "document.source.jkk";
    private const string Jkm = "document.source.jkm";
    private const string JkkAndJkm = "document.source.jkk_jkm";

    /// <summary>BPJS asks for an NPWP when the payout is above Rp 50 juta (bpjs-rules.md §4.1).</summary>
    public static readonly Common.Money NpwpThreshold = new(50_000_000);

    /// <summary>The document's name in the current UI culture.</summary>
    public static string Label(DocumentKind kind) => new Common.Phrase(Key(kind)).ToString();

    /// <summary>The document's name as an argument of another text.</summary>
    public static string Term(DocumentKind kind) => Common.Phrase.Term(Key(kind));

    private static string Key(DocumentKind kind) => $"document.kind.{(Enum.IsDefined(kind) ? kind : DocumentKind.KpjCard)}";

    public static IReadOnlyList<DocumentRequirement> For(ClaimType type, bool trafficAccident)
    {
        var items = new List<DocumentRequirement>
        {
            new(DocumentKind.KpjCard, true, true, type == ClaimType.JkmDeath ? Jkm : Jkk),
            new(DocumentKind.WorkerKtp, true, true, type == ClaimType.JkmDeath ? Jkm : Jkk),
        };

        if (type != ClaimType.JkmDeath)
        {
            items.Add(new(DocumentKind.FirstReportForm, true, true, Jkk));
            items.Add(new(DocumentKind.SecondReportForm, true, true, Jkk));
            items.Add(new(DocumentKind.DoctorStatement, true, true, Jkk));
            items.Add(trafficAccident
                ? new(DocumentKind.PoliceReportOrJasaRaharja, true, true, Jkk)
                : new(DocumentKind.ChronologyWithWitnesses, true, true, Jkk));
            items.Add(new(DocumentKind.MedicalReceipts, true, false, Jkk));
            items.Add(new(DocumentKind.TransportReceipts, false, false, Jkk));
        }

        if (type is ClaimType.JkmDeath or ClaimType.JkkDeath)
        {
            var source = type == ClaimType.JkmDeath ? Jkm : JkkAndJkm;
            items.Add(new(DocumentKind.DeathCertificate, true, true, source));
            items.Add(new(DocumentKind.FamilyCard, true, true, source));
            items.Add(new(DocumentKind.HeirshipLetter, true, true, source));
            items.Add(new(DocumentKind.HeirKtp, true, true, source));
            items.Add(new(DocumentKind.MarriageBook, false, false, source));
        }

        items.Add(new(DocumentKind.SavingsBook, true, false, type == ClaimType.JkmDeath ? Jkm : Jkk));
        if (type is ClaimType.JkkDeath or ClaimType.JkkPermanentTotalDisability)
        {
            items.Add(new(DocumentKind.Npwp, true, false, Jkk));
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
            return new Common.DomainError("attachment.empty");
        }

        if (content.Length > MaxBytes)
        {
            return new Common.DomainError("attachment.too_large", $"{content.Length / 1024.0 / 1024.0:0.0}", $"{MaxBytes / 1024 / 1024}");
        }

        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > MaxFileNameLength)
        {
            return new Common.DomainError("attachment.name", $"{MaxFileNameLength}");
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

        return new Common.DomainError("attachment.type");
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
