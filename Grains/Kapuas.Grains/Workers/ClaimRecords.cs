using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Family;

namespace Kapuas.Grains.Workers;

// The persisted form of claims and family in the worker's state, and its conversion to and from the domain.
// Field ids are stable: never renumber or reuse them.

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
    [property: Id(24)] CoverageAnswer CoverageAtIntake,
    [property: Id(25)] DateOnly? DiedOn = null,
    [property: Id(26)] ScholarshipDecisionView? ScholarshipDecision = null)
{
    public bool IsDeath => Claim.IsDeathType(Type);

    /// <summary>The claim's reference, without rebuilding the whole claim.</summary>
    public string Number => Claim.NumberOf(Id, Wib.DateOf(IncidentAt));
}

[GenerateSerializer, Immutable, Alias("Kapuas.StoredDocument")]
public sealed record StoredDocument(
    [property: Id(0)] DocumentKind Kind,
    [property: Id(1)] DateOnly? ReceivedOn,
    [property: Id(2)] bool OriginalSighted,
    [property: Id(3)] string? Note,
    [property: Id(4)] IReadOnlyList<AttachmentView> Attachments);

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
    [property: Id(3)] IReadOnlyList<ScholarshipYearView> Years,
    [property: Id(4)] ScholarshipEndReason? EndReason,
    [property: Id(5)] DateOnly? EndedOn);

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

internal static class ClaimMapping
{
    public static Claim ToDomain(this StoredClaim s)
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
        return new Claim(s.Id, s.Type, incident, s.State, documents, history, s.OpenedAt, s.OpenedBy, s.AssignedTo, s.FirstReportedAt,
            s.BpjsReference, s.ApprovedAmount is { } approved ? new Money(approved) : null,
            s.PaidAmount is { } paid ? new Payment(new Money(paid), s.PaidOn!.Value, s.Recipient ?? "") : null, s.Reason)
        {
            DiedOn = s.DiedOn,
        };
    }

    /// <summary>The stored form of a changed claim; what the domain does not know (scholarships, intake coverage) is kept.</summary>
    public static StoredClaim ToStored(this Claim c, StoredClaim? previous, CoverageAnswer coverageAtIntake) => new(
        c.Id, c.Type, c.Incident.At, c.Incident.Place, c.Incident.Description, c.Incident.OnCommute, c.Incident.TrafficAccident,
        c.Incident.Reporter, c.Incident.ReporterName, c.Incident.ReporterContact, c.State,
        [.. c.Documents.Where(d => d.ReceivedOn is not null || d.Note is not null || d.Attachments.Count > 0).Select(d => new StoredDocument(
            d.Requirement.Kind, d.ReceivedOn, d.OriginalSighted, d.Note,
            [.. d.Attachments.Select(a => new AttachmentView(a.Id, a.FileName, a.Type, a.Size, a.At, a.By))]))],
        [.. c.History.Select(t => new StoredTransition(t.From, t.To, t.At, t.UserId, t.UserName, t.Why, t.Details.BpjsReference,
            t.Details.PaidAmount?.Rupiah, t.Details.PaidOn, t.Details.Recipient, t.Details.ApprovedAmount?.Rupiah))],
        c.OpenedAt, c.OpenedBy, c.AssignedTo, c.FirstReportedAt, c.BpjsReference, c.ApprovedAmount?.Rupiah, c.Payment?.Amount.Rupiah,
        c.Payment?.On, c.Payment?.Recipient, c.Reason, previous?.Scholarships ?? [], previous?.CoverageAtIntake ?? coverageAtIntake,
        c.DiedOn, previous?.ScholarshipDecision);

    public static ScholarshipRecord ToDomain(this StoredScholarship s) => new(s.ChildId, s.ChildName, s.BirthDate,
        [.. s.Years.Select(y => new ScholarshipYear(y.Year, y.Level, y.ClaimedOn, y.Paid is { } p ? new Money(p) : null, y.PaidOn))],
        s.EndReason, s.EndedOn);

    public static StoredScholarship ToStored(this ScholarshipRecord r) => new(r.ChildId, r.ChildName, r.BirthDate,
        [.. r.Years.Select(y => new ScholarshipYearView(y.Year, y.Level, y.ClaimedOn, y.Paid?.Rupiah, y.PaidOn))], r.EndReason, r.EndedOn);

    public static FamilyMember ToDomain(this StoredFamilyMember m) => new(m.Id, m.Name,
        m.Nik is null ? null : Domain.Identity.Nik.Parse(m.Nik).Value, m.Relationship, m.BirthDate, m.Level, m.Married, m.Working);
}
