using System.Globalization;
using System.Resources;
using Kapuas.Domain.Common;

namespace Kapuas.Admin;

/// <summary>
/// How the site shows numbers, money, dates and times: the Indonesian way, in WIB. Words (statuses, units, school
/// levels) come from the site's resources in the language of the request (<see cref="CultureInfo.CurrentUICulture"/>,
/// set per request by the localization middleware), except where a method says it is for the official documents.
/// </summary>
public static class Formatting
{
    /// <summary>The same texts <c>IStringLocalizer&lt;SharedResource&gt;</c> reads (<c>Resources/SharedResource*.resx</c>).</summary>
    private static readonly ResourceManager Texts = new("Kapuas.Admin.Resources.SharedResource", typeof(Formatting).Assembly);

    /// <summary>The text of <paramref name="key"/> in the request's language, or the key itself.</summary>
    private static string Text(string key) => Texts.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary>The text of <paramref name="key"/> in the request's language, filled with <paramref name="arguments"/>.</summary>
    private static string Format(string key, params object[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Text(key), arguments);

    public static string Number(long value) => IndonesianFormat.Number(value);

    /// <summary>
    /// Until disposed, texts (the site's, the rules', and the grains' answers) come in Bahasa Indonesia whatever the
    /// reader chose: for documents addressed to BPJS and exports. Call it in the handler itself, before its awaits.
    /// </summary>
    public static IDisposable InIndonesian() => DomainText.Use(DomainText.Indonesian);

    public static string Rupiah(long value) => new Money(value).ToString();

    public static string Date(DateOnly date) => IndonesianFormat.Date(date);

    public static string Wib(DateTimeOffset at) =>
        Domain.Common.Wib.ToWib(at).ToString("dd/MM/yyyy HH.mm", CultureInfo.InvariantCulture) + " WIB";

    /// <summary>The calendar date in Kapuas at a moment.</summary>
    public static DateOnly WibDate(DateTimeOffset at) => Domain.Common.Wib.DateOf(at);

    /// <summary>A remaining time, short: <c>1 j 5 m</c>, <c>5 m 3 d</c>, <c>3 d</c> (in English <c>1 h 5 m</c>, <c>5 m 3 s</c>, <c>3 s</c>).</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? Format("FormattingDurationHours", (int)span.TotalHours, span.Minutes)
        : span.TotalMinutes >= 1 ? Format("FormattingDurationMinutes", span.Minutes, span.Seconds)
        : Format("FormattingDurationSeconds", Math.Max(0, span.Seconds));

    public static string SchoolLevel(Domain.Claims.SchoolLevel level) => level switch
    {
        Domain.Claims.SchoolLevel.Tk => "TK",
        Domain.Claims.SchoolLevel.Sd => "SD",
        Domain.Claims.SchoolLevel.Smp => "SMP",
        Domain.Claims.SchoolLevel.Sma => "SMA/SMK",
        Domain.Claims.SchoolLevel.HigherEducation => Text("FormattingSchoolHigherEducation"),
        _ => Text("FormattingSchoolNotYet"),
    };

    /// <summary>
    /// An audit action as the trail shows it, in the current UI culture (the worker-history exports run in Bahasa
    /// Indonesia through <see cref="InIndonesian"/>); several actions of one command are joined with "+".
    /// </summary>
    public static string AuditAction(string action) => string.Join(" + ", action.Split('+').Select(a => a switch
    {
        "worker.registered" => Text("FormattingAuditWorkerRegistered"),
        "worker.profile_updated" => Text("FormattingAuditWorkerProfileUpdated"),
        "worker.enrolled" => Text("FormattingAuditWorkerEnrolled"),
        "worker.period_added" => Text("FormattingAuditWorkerPeriodAdded"),
        "worker.exited" => Text("FormattingAuditWorkerExited"),
        "worker.death_recorded" => Text("FormattingAuditWorkerDeathRecorded"),
        "worker.death_reversed" => Text("FormattingAuditWorkerDeathReversed"),
        "worker.double_cover_held" => Text("FormattingAuditWorkerDoubleCoverHeld"),
        "worker.double_cover_resolved" => Text("FormattingAuditWorkerDoubleCoverResolved"),
        "claim.opened" => Text("FormattingAuditClaimOpened"),
        "claim.document_recorded" => Text("FormattingAuditClaimDocumentRecorded"),
        "claim.attachment_added" => Text("FormattingAuditClaimAttachmentAdded"),
        "claim.first_report_recorded" => Text("FormattingAuditClaimFirstReportRecorded"),
        "claim.assigned" => Text("FormattingAuditClaimAssigned"),
        "claim.scholarship_recorded" => Text("FormattingAuditClaimScholarshipRecorded"),
        "family.saved" => Text("FormattingAuditFamilySaved"),
        "family.removed" => Text("FormattingAuditFamilyRemoved"),
        _ when a.StartsWith("claim.moved.", StringComparison.Ordinal) &&
               Enum.TryParse<Domain.Claims.ClaimState>(a["claim.moved.".Length..], out var state) =>
            Format("FormattingAuditClaimMoved", Domain.Claims.ClaimStateMachine.Label(state)),
        _ => a,
    }));

    public static string AgreementStatus(string status) => status switch
    {
        "Draft" => Text("FormattingAgreementDraft"),
        "Signed" => Text("FormattingAgreementSigned"),
        "Active" => Text("FormattingAgreementActive"),
        "Closed" => Text("FormattingAgreementClosed"),
        _ => status,
    };

    public static string RenewalStatus(string status) => status switch
    {
        "previewed" => Text("FormattingRunPreviewed"),
        "approved" => Text("FormattingRunApproved"),
        "scheduled" => Text("FormattingRunScheduled"),
        "running" => Text("FormattingRunRunning"),
        "completed" => Text("FormattingRunCompleted"),
        "failed" => Text("FormattingRunFailed"),
        _ => status,
    };

    public static string BatchStatus(string status) => status switch
    {
        "previewed" => Text("FormattingRunPreviewed"),
        "queued" => Text("FormattingRunQueued"),
        "running" => Text("FormattingRunRunning"),
        "completed" => Text("FormattingRunCompleted"),
        "failed" => Text("FormattingRunFailed"),
        _ => status,
    };
}
