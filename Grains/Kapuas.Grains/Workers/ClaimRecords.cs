using System.Collections.Immutable;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Family;
using Kapuas.Domain.Workers;

namespace Kapuas.Grains.Workers;

// The persisted form of claims and family in the worker's state, and its conversion to and from the domain. These
// records are storage only, never sent to a caller or shown: a view can change without touching stored workers.
// Field ids are stable: never renumber or reuse them, and keep each alias (StoredStateCompatibilityTests loads states
// written by earlier versions).

[GenerateSerializer, Immutable, Alias("Kapuas.StoredClaim")]
public sealed record StoredClaim(
    [property: Id(0)] Guid Id,
    [property: Id(1)] ClaimType Type,
    [property: Id(2)] DateTimeOffset IncidentAt,
    [property: Id(3)] string Place,
    [property: Id(4)] string Description,
    [property: Id(5)] bool OnCommute,
    [property: Id(6)] bool TrafficAccident,
    [property: Id(7)] ReporterKind Reporter,
    [property: Id(8)] string ReporterName,
    [property: Id(9)] string ReporterContact,
    [property: Id(10)] ClaimState State,
    [property: Id(11)] IReadOnlyList<StoredDocument> Documents,
    [property: Id(12)] IReadOnlyList<StoredTransition> History,
    [property: Id(13)] DateTimeOffset OpenedAt,
    [property: Id(14)] string OpenedBy,
    [property: Id(15)] string AssignedTo,
    [property: Id(16)] DateTimeOffset? FirstReportedAt,
    [property: Id(17)] string? BpjsReference,
    [property: Id(18)] long? ApprovedAmount,
    [property: Id(19)] long? PaidAmount,
    [property: Id(20)] DateOnly? PaidOn,
    [property: Id(21)] string? Recipient,
    [property: Id(22)] string? Reason,
    [property: Id(23)] IReadOnlyList<StoredScholarship> Scholarships,
    [property: Id(24)] StoredCoverage CoverageAtIntake,
    [property: Id(25)] DateOnly? DiedOn = null,
    [property: Id(26)] StoredScholarshipDecision? ScholarshipDecision = null);

/// <summary>
/// Coverage on the incident date as found at intake (written as <c>CoverageAnswer</c> before 2026-12; the field layout is
/// the same). <see cref="Explanation"/> is the explanation in Bahasa Indonesia; since 2027-01 its text key and
/// arguments are kept beside it so that it can be shown in the reader's language (absent in states written earlier).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kapuas.StoredCoverage")]
public sealed record StoredCoverage(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] bool IsCovered,
    [property: Id(2)] string Reason,
    [property: Id(3)] string Explanation,
    [property: Id(4)] DateOnly? From,
    [property: Id(5)] DateOnly? Until,
    [property: Id(6)] string? AgreementId,
    [property: Id(7)] string? ExplanationKey = null,
    [property: Id(8)] IReadOnlyList<string>? ExplanationArgs = null);

[GenerateSerializer, Immutable, Alias("Kapuas.StoredDocument")]
public sealed record StoredDocument(
    [property: Id(0)] DocumentKind Kind,
    [property: Id(1)] DateOnly? ReceivedOn,
    [property: Id(2)] bool OriginalSighted,
    [property: Id(3)] string? Note,
    [property: Id(4)] IReadOnlyList<StoredAttachment> Attachments);

/// <summary>A scan's reference. Stored inside typed lists under the alias the view type had until 2026-12, which it keeps.</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.AttachmentView")]
public sealed record StoredAttachment(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string FileName,
    [property: Id(2)] AttachmentType Type,
    [property: Id(3)] long Size,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string By);

[GenerateSerializer, Immutable, Alias("Kapuas.StoredTransition")]
public sealed record StoredTransition(
    [property: Id(0)] ClaimState From,
    [property: Id(1)] ClaimState To,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string UserId,
    [property: Id(4)] string UserName,
    [property: Id(5)] string? Why,
    [property: Id(6)] string? BpjsReference,
    [property: Id(7)] long? Amount,
    [property: Id(8)] DateOnly? PaidOn,
    [property: Id(9)] string? Recipient,
    [property: Id(10)] long? ApprovedAmount);

[GenerateSerializer, Immutable, Alias("Kapuas.StoredScholarship")]
public sealed record StoredScholarship(
    [property: Id(0)] Guid ChildId,
    [property: Id(1)] string ChildName,
    [property: Id(2)] DateOnly BirthDate,
    [property: Id(3)] IReadOnlyList<StoredScholarshipYear> Years,
    [property: Id(4)] ScholarshipEndReason? EndReason,
    [property: Id(5)] DateOnly? EndedOn);

/// <summary>One school year of a scholarship. Stored inside typed lists under the alias the view type had until 2026-12, which it keeps.</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.ScholarshipYearView")]
public sealed record StoredScholarshipYear(
    [property: Id(0)] int Year,
    [property: Id(1)] SchoolLevel Level,
    [property: Id(2)] DateOnly? ClaimedOn,
    [property: Id(3)] long? Paid,
    [property: Id(4)] DateOnly? PaidOn);

/// <summary>BPJS's decision on a scholarship (written as <c>ScholarshipDecisionView</c> before 2026-12; the field layout is the same).</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.StoredScholarshipDecision")]
public sealed record StoredScholarshipDecision(
    [property: Id(0)] bool Granted,
    [property: Id(1)] string? BpjsReference,
    [property: Id(2)] string? Note,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string By);

[GenerateSerializer, Immutable, Alias("Kapuas.StoredFamilyMember")]
public sealed record StoredFamilyMember(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Nik,
    [property: Id(3)] Relationship Relationship,
    [property: Id(4)] DateOnly? BirthDate,
    [property: Id(5)] SchoolLevel Level,
    [property: Id(6)] bool Married,
    [property: Id(7)] bool Working)
{
    public override string ToString() => $"StoredFamilyMember {{ Id = {Id}, Relationship = {Relationship} }}";
}

public static class ClaimStorage
{
    public static WorkerClaim ToDomain(this StoredClaim s)
    {
        var incident = new IncidentReport(s.IncidentAt, s.Place, s.Description, s.OnCommute, s.TrafficAccident, s.Reporter, s.ReporterName, s.ReporterContact);
        var stored = s.Documents.ToDictionary(d => d.Kind);
        var documents = DocumentChecklist.For(s.Type, s.TrafficAccident)
            .Select(r => stored.TryGetValue(r.Kind, out var d)
                ? new ClaimDocument(r, d.ReceivedOn, d.OriginalSighted, d.Note, [.. d.Attachments.Select(a => new AttachmentRef(a.Id, a.FileName, a.Type, a.Size, a.At, a.By))])
                : new ClaimDocument(r, null, false, null, []))
            .ToList();
        var history = s.History.Select(t => new ClaimTransition(t.From, t.To, t.At, t.UserId, t.UserName, t.Why,
            new TransitionDetails(t.BpjsReference, t.Why, t.Amount is { } a ? new Money(a) : null, t.PaidOn, t.Recipient,
                t.ApprovedAmount is { } x ? new Money(x) : null))).ToList();
        var claim = new Claim(s.Id, s.Type, incident, s.State, documents, history, s.OpenedAt, s.OpenedBy, s.AssignedTo, s.FirstReportedAt,
            s.BpjsReference, s.ApprovedAmount is { } approved ? new Money(approved) : null,
            s.PaidAmount is { } paid ? new Payment(new Money(paid), s.PaidOn!.Value, s.Recipient ?? "") : null, s.Reason)
        {
            DiedOn = s.DiedOn,
        };
        var c = s.CoverageAtIntake;
        return new WorkerClaim(claim, new CoverageFinding(c.Date, c.IsCovered, c.Reason, c.Explanation, c.From, c.Until, c.AgreementId)
            {
                Explained = c.ExplanationKey is { } key ? new Phrase(key, [.. c.ExplanationArgs ?? []]) : null,
            },
            [.. s.Scholarships.Select(ToDomain)],
            s.ScholarshipDecision is { } d ? new ScholarshipDecision(d.Granted, d.BpjsReference, d.Note, d.At, d.By) : null);
    }

    public static StoredClaim ToStored(this WorkerClaim w)
    {
        var c = w.Claim;
        var i = w.AtIntake;
        return new(
            c.Id, c.Type, c.Incident.At, c.Incident.Place, c.Incident.Description, c.Incident.OnCommute, c.Incident.TrafficAccident,
            c.Incident.Reporter, c.Incident.ReporterName, c.Incident.ReporterContact, c.State,
            [.. c.Documents.Where(d => d.ReceivedOn is not null || d.Note is not null || d.Attachments.Count > 0).Select(d => new StoredDocument(
                d.Requirement.Kind, d.ReceivedOn, d.OriginalSighted, d.Note,
                [.. d.Attachments.Select(a => new StoredAttachment(a.Id, a.FileName, a.Type, a.Size, a.At, a.By))]))],
            [.. c.History.Select(t => new StoredTransition(t.From, t.To, t.At, t.UserId, t.UserName, t.Why, t.Details.BpjsReference,
                t.Details.PaidAmount?.Rupiah, t.Details.PaidOn, t.Details.Recipient, t.Details.ApprovedAmount?.Rupiah))],
            c.OpenedAt, c.OpenedBy, c.AssignedTo, c.FirstReportedAt, c.BpjsReference, c.ApprovedAmount?.Rupiah, c.Payment?.Amount.Rupiah,
            c.Payment?.On, c.Payment?.Recipient, c.Reason, [.. w.Scholarships.Select(ToStored)],
            new StoredCoverage(i.Date, i.IsCovered, i.Reason, i.Explanation, i.From, i.Until, i.AgreementId, i.Explained?.Key, i.Explained?.Args),
            c.DiedOn, w.Decision is { } d ? new StoredScholarshipDecision(d.Granted, d.BpjsReference, d.Note, d.At, d.By) : null);
    }

    private static ScholarshipRecord ToDomain(StoredScholarship s) => new(s.ChildId, s.ChildName, s.BirthDate,
        [.. s.Years.Select(y => new ScholarshipYear(y.Year, y.Level, y.ClaimedOn, y.Paid is { } p ? new Money(p) : null, y.PaidOn))],
        s.EndReason, s.EndedOn);

    private static StoredScholarship ToStored(ScholarshipRecord r) => new(r.ChildId, r.ChildName, r.BirthDate,
        [.. r.Years.Select(y => new StoredScholarshipYear(y.Year, y.Level, y.ClaimedOn, y.Paid?.Rupiah, y.PaidOn))], r.EndReason, r.EndedOn);

    public static FamilyMember ToDomain(this StoredFamilyMember m) => new(m.Id, m.Name,
        m.Nik is null ? null : Domain.Identity.Nik.Parse(m.Nik).Value, m.Relationship, m.BirthDate, m.Level, m.Married, m.Working);

    public static StoredFamilyMember ToStored(this FamilyMember m) =>
        new(m.Id, m.Name, m.Nik?.Value, m.Relationship, m.BirthDate, m.Level, m.Married, m.Working);
}
