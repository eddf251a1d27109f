using System.Globalization;
using Kapuas.Domain.Common;

namespace Kapuas.Admin;

/// <summary>How the site shows numbers, money, dates and times: the Indonesian way, in WIB.</summary>
public static class Formatting
{
    public static string Number(long value) => IndonesianFormat.Number(value);

    public static string Rupiah(long value) => new Money(value).ToString();

    public static string Date(DateOnly date) => IndonesianFormat.Date(date);

    public static string Wib(DateTimeOffset at) =>
        Domain.Common.Wib.ToWib(at).ToString("dd/MM/yyyy HH.mm", CultureInfo.InvariantCulture) + " WIB";

    /// <summary>The calendar date in Kapuas at a moment.</summary>
    public static DateOnly WibDate(DateTimeOffset at) => Domain.Common.Wib.DateOf(at);

    public static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours} j {span.Minutes} m" : span.TotalMinutes >= 1 ? $"{span.Minutes} m {span.Seconds} d" : $"{Math.Max(0, span.Seconds)} d";

    public static string SchoolLevel(Domain.Claims.SchoolLevel level) => level switch
    {
        Domain.Claims.SchoolLevel.Tk => "TK",
        Domain.Claims.SchoolLevel.Sd => "SD",
        Domain.Claims.SchoolLevel.Smp => "SMP",
        Domain.Claims.SchoolLevel.Sma => "SMA/SMK",
        Domain.Claims.SchoolLevel.HigherEducation => "perguruan tinggi",
        _ => "belum sekolah",
    };

    /// <summary>An audit action as the trail shows it; several actions of one command are joined with "+".</summary>
    public static string AuditAction(string action) => string.Join(" + ", action.Split('+').Select(a => a switch
    {
        "worker.registered" => "didaftarkan",
        "worker.profile_updated" => "data diri diubah",
        "worker.enrolled" => "didaftarkan ke PKS",
        "worker.period_added" => "riwayat perlindungan ditambah",
        "worker.exited" => "keluar dicatat",
        "worker.death_recorded" => "kematian dicatat",
        "worker.death_reversed" => "catatan kematian dibatalkan",
        "claim.opened" => "klaim dicatat",
        "claim.document_recorded" => "dokumen klaim dicatat",
        "claim.attachment_added" => "pindaian dilampirkan",
        "claim.first_report_recorded" => "laporan tahap I dicatat",
        "claim.assigned" => "petugas klaim diganti",
        "claim.scholarship_recorded" => "beasiswa dicatat",
        "family.saved" => "data keluarga disimpan",
        "family.removed" => "anggota keluarga dihapus",
        _ when a.StartsWith("claim.moved.", StringComparison.Ordinal) &&
               Enum.TryParse<Domain.Claims.ClaimState>(a["claim.moved.".Length..], out var state) => "status klaim: " + Domain.Claims.ClaimStateMachine.Label(state),
        _ => a,
    }));

    public static string AgreementStatus(string status) => status switch
    {
        "Draft" => "draf",
        "Signed" => "ditandatangani",
        "Active" => "aktif",
        "Closed" => "ditutup",
        _ => status,
    };

    public static string RenewalStatus(string status) => status switch
    {
        "previewed" => "pratinjau",
        "approved" => "disetujui",
        "scheduled" => "dijadwalkan",
        "running" => "sedang berjalan",
        "completed" => "selesai",
        "failed" => "gagal",
        _ => status,
    };

    public static string BatchStatus(string status) => status switch
    {
        "previewed" => "pratinjau",
        "queued" => "dalam antrean",
        "running" => "sedang berjalan",
        "completed" => "selesai",
        "failed" => "gagal",
        _ => status,
    };
}
