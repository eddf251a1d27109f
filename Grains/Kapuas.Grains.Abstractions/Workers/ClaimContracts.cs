using Kapuas.Domain.Claims;
using Kapuas.Domain.Family;

namespace Kapuas.Grains.Workers;

[GenerateSerializer, Immutable, Alias("Kapuas.ClaimIntakeInput")]
public sealed record ClaimIntakeInput(
    [property: Id(0)] ClaimType? Type,
    [property: Id(1)] DateTimeOffset? IncidentAt,
    [property: Id(2)] string? Place,
    [property: Id(3)] string? Description,
    [property: Id(4)] bool OnCommute,
    [property: Id(5)] bool TrafficAccident,
    [property: Id(6)] ReporterKind? Reporter,
    [property: Id(7)] string? ReporterName,
    [property: Id(8)] string? ReporterContact,
    [property: Id(9)] Guid? ClaimId = null,
    [property: Id(10)] DateOnly? DiedOn = null);

/// <summary>BPJS's answer on the scholarship when the rules leave it to BPJS (masa iur reading not yet recorded).</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.ScholarshipDecisionInput")]
public sealed record ScholarshipDecisionInput(
    [property: Id(0)] bool Granted,
    [property: Id(1)] string? BpjsReference,
    [property: Id(2)] string? Note);

[GenerateSerializer, Immutable, Alias("Kapuas.ScholarshipDecisionView")]
public sealed record ScholarshipDecisionView(
    [property: Id(0)] bool Granted,
    [property: Id(1)] string? BpjsReference,
    [property: Id(2)] string? Note,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string By);

[GenerateSerializer, Immutable, Alias("Kapuas.DocumentInput")]
public sealed record DocumentInput(
    [property: Id(0)] DocumentKind Kind,
    [property: Id(1)] DateOnly? ReceivedOn,
    [property: Id(2)] bool OriginalSighted,
    [property: Id(3)] string? Note);

/// <summary>A scan already stored (bytes in PostgreSQL); the grain records it on the checklist item.</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.AttachmentInput")]
public sealed record AttachmentInput(
    [property: Id(0)] DocumentKind Kind,
    [property: Id(1)] Guid AttachmentId,
    [property: Id(2)] string FileName,
    [property: Id(3)] AttachmentType Type,
    [property: Id(4)] long Size);

[GenerateSerializer, Immutable, Alias("Kapuas.TransitionInput")]
public sealed record TransitionInput(
    [property: Id(0)] ClaimState To,
    [property: Id(1)] string? BpjsReference = null,
    [property: Id(2)] string? Reason = null,
    [property: Id(3)] long? PaidAmount = null,
    [property: Id(4)] DateOnly? PaidOn = null,
    [property: Id(5)] string? Recipient = null,
    [property: Id(6)] long? ApprovedAmount = null);

[GenerateSerializer, Immutable, Alias("Kapuas.FamilyMemberInput")]
public sealed record FamilyMemberInput(
    [property: Id(0)] Guid? Id,
    [property: Id(1)] string? Name,
    [property: Id(2)] string? Nik,
    [property: Id(3)] Relationship? Relationship,
    [property: Id(4)] DateOnly? BirthDate,
    [property: Id(5)] SchoolLevel Level,
    [property: Id(6)] bool Married,
    [property: Id(7)] bool Working)
{
    /// <summary>Never prints the NIK.</summary>
    public override string ToString() => $"FamilyMemberInput {{ Name = {Name}, Relationship = {Relationship} }}";
}

[GenerateSerializer, Immutable, Alias("Kapuas.ScholarshipInput")]
public sealed record ScholarshipInput(
    [property: Id(0)] Guid ChildId,
    [property: Id(1)] int Year,
    [property: Id(2)] SchoolLevel Level,
    [property: Id(3)] DateOnly? ClaimedOn,
    [property: Id(4)] long? Paid,
    [property: Id(5)] DateOnly? PaidOn,
    [property: Id(6)] ScholarshipEndReason? EndReason = null,
    [property: Id(7)] DateOnly? EndedOn = null);

[GenerateSerializer, Immutable, Alias("Kapuas.FamilyMemberView")]
public sealed record FamilyMemberView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? NikMasked,
    [property: Id(3)] Relationship Relationship,
    [property: Id(4)] string RelationshipLabel,
    [property: Id(5)] DateOnly? BirthDate,
    [property: Id(6)] SchoolLevel Level,
    [property: Id(7)] bool Married,
    [property: Id(8)] bool Working,
    [property: Id(9)] int HeirRank,
    [property: Id(10)] bool EntitledHeir);

[GenerateSerializer, Immutable, Alias("Kapuas.ClaimSummaryView")]
public sealed record ClaimSummaryView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Number,
    [property: Id(2)] ClaimType Type,
    [property: Id(3)] string TypeLabel,
    [property: Id(4)] ClaimState State,
    [property: Id(5)] string StateLabel,
    [property: Id(6)] DateTimeOffset IncidentAt,
    [property: Id(7)] long? PaidAmount);

[GenerateSerializer, Immutable, Alias("Kapuas.IncidentView")]
public sealed record IncidentView(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Place,
    [property: Id(2)] string Description,
    [property: Id(3)] bool OnCommute,
    [property: Id(4)] bool TrafficAccident,
    [property: Id(5)] ReporterKind Reporter,
    [property: Id(6)] string ReporterLabel,
    [property: Id(7)] string ReporterName,
    [property: Id(8)] string ReporterContact);

[GenerateSerializer, Immutable, Alias("Kapuas.Wire.AttachmentView")]
public sealed record AttachmentView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string FileName,
    [property: Id(2)] AttachmentType Type,
    [property: Id(3)] long Size,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string By);

[GenerateSerializer, Immutable, Alias("Kapuas.DocumentView")]
public sealed record DocumentView(
    [property: Id(0)] DocumentKind Kind,
    [property: Id(1)] string Label,
    [property: Id(2)] bool Required,
    [property: Id(3)] bool Blocking,
    [property: Id(4)] DateOnly? ReceivedOn,
    [property: Id(5)] bool OriginalSighted,
    [property: Id(6)] string? Note,
    [property: Id(7)] IReadOnlyList<AttachmentView> Attachments,
    [property: Id(8)] string Source);

[GenerateSerializer, Immutable, Alias("Kapuas.TransitionView")]
public sealed record TransitionView(
    [property: Id(0)] ClaimState From,
    [property: Id(1)] ClaimState To,
    [property: Id(2)] string FromLabel,
    [property: Id(3)] string ToLabel,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string UserName,
    [property: Id(6)] string? Why,
    [property: Id(7)] string? Detail);

[GenerateSerializer, Immutable, Alias("Kapuas.ClockView")]
public sealed record ClockView(
    [property: Id(0)] string Label,
    [property: Id(1)] DateTimeOffset Due,
    [property: Id(2)] string Source,
    [property: Id(3)] ClockStatus Status,
    [property: Id(4)] DateTimeOffset? MetAt,
    [property: Id(5)] bool Overdue,
    [property: Id(6)] bool DueWithinThreeDays,
    [property: Id(7)] string Description);

[GenerateSerializer, Immutable, Alias("Kapuas.BenefitComponentView")]
public sealed record BenefitComponentView(
    [property: Id(0)] string Label,
    [property: Id(1)] long Amount,
    [property: Id(2)] string Working,
    [property: Id(3)] string Source,
    [property: Id(4)] bool PerMonth = false);

[GenerateSerializer, Immutable, Alias("Kapuas.ScholarshipEligibilityView")]
public sealed record ScholarshipEligibilityView(
    [property: Id(0)] string ChildName,
    [property: Id(1)] DateOnly BirthDate,
    [property: Id(2)] SchoolLevel Level,
    [property: Id(3)] bool Eligible,
    [property: Id(4)] string Reason,
    [property: Id(5)] long YearlyAmount);

/// <summary>What the rules say BPJS should pay, with the inputs it used, so the caseworker can explain it.</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.BenefitEstimateView")]
public sealed record BenefitEstimateView(
    [property: Id(0)] bool Covered,
    [property: Id(1)] IReadOnlyList<BenefitComponentView> Components,
    [property: Id(2)] IReadOnlyList<ScholarshipEligibilityView> Scholarships,
    [property: Id(3)] IReadOnlyList<string> Notes,
    [property: Id(4)] long Total,
    [property: Id(5)] long DeclaredIncome,
    [property: Id(6)] int MasaIurMonths,
    [property: Id(7)] string? Error,
    [property: Id(8)] int MasaIurCumulativeMonths = 0,
    [property: Id(9)] ScholarshipRight ScholarshipRight = ScholarshipRight.NotTriggered,
    [property: Id(10)] string? ScholarshipVerdict = null);

[GenerateSerializer, Immutable, Alias("Kapuas.Wire.ScholarshipYearView")]
public sealed record ScholarshipYearView(
    [property: Id(0)] int Year,
    [property: Id(1)] SchoolLevel Level,
    [property: Id(2)] DateOnly? ClaimedOn,
    [property: Id(3)] long? Paid,
    [property: Id(4)] DateOnly? PaidOn);

[GenerateSerializer, Immutable, Alias("Kapuas.ScholarshipView")]
public sealed record ScholarshipView(
    [property: Id(0)] Guid ChildId,
    [property: Id(1)] string ChildName,
    [property: Id(2)] DateOnly BirthDate,
    [property: Id(3)] IReadOnlyList<ScholarshipYearView> Years,
    [property: Id(4)] ScholarshipEndReason? EndReason,
    [property: Id(5)] DateOnly? EndedOn,
    [property: Id(6)] long TotalPaid);

/// <summary>Everything the claim page shows, as of a moment (the clocks are read against it).</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.ClaimView")]
public sealed record ClaimView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid WorkerId,
    [property: Id(2)] string Number,
    [property: Id(3)] ClaimType Type,
    [property: Id(4)] string TypeLabel,
    [property: Id(5)] ClaimState State,
    [property: Id(6)] string StateLabel,
    [property: Id(7)] IncidentView Incident,
    [property: Id(8)] CoverageAnswer CoverageOnIncident,
    [property: Id(9)] IReadOnlyList<DocumentView> Documents,
    [property: Id(10)] int MissingBlocking,
    [property: Id(11)] IReadOnlyList<TransitionView> History,
    [property: Id(12)] IReadOnlyList<ClockView> Clocks,
    [property: Id(13)] BenefitEstimateView Estimate,
    [property: Id(14)] string? BpjsReference,
    [property: Id(15)] long? ApprovedAmount,
    [property: Id(16)] long? PaidAmount,
    [property: Id(17)] DateOnly? PaidOn,
    [property: Id(18)] string? Recipient,
    [property: Id(19)] string? Reason,
    [property: Id(20)] IReadOnlyList<ClaimState> Next,
    [property: Id(21)] IReadOnlyList<ScholarshipView> Scholarships,
    [property: Id(22)] DateTimeOffset? FirstReportedAt,
    [property: Id(23)] DateTimeOffset OpenedAt,
    [property: Id(24)] string OpenedBy,
    [property: Id(25)] string AssignedTo,
    [property: Id(26)] string WorkerName,
    [property: Id(27)] string NikMasked,
    [property: Id(28)] string KecamatanName,
    [property: Id(29)] string HeirExplanation,
    [property: Id(30)] DateOnly? DiedOn = null,
    [property: Id(31)] ScholarshipDecisionView? ScholarshipDecision = null);
