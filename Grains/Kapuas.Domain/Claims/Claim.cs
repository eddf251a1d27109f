using Kapuas.Domain.Common;
using Kapuas.Domain.Operations;

namespace Kapuas.Domain.Claims;

/// <summary>Who reports the case (Permenaker 1/2025 Pasal 48A lets the group or the health facility report for a BPU worker).</summary>
public enum ReporterKind
{
    Family = 1,
    WorkersGroup = 2,
    HealthFacility = 3,
    Dinsos = 4,
}

/// <summary>What happened, as the first report records it (bpjs-rules.md §4.1: chronology, place, date and time, reporter).</summary>
public sealed record IncidentReport(
    DateTimeOffset At, string Place, string Description, bool OnCommute, bool TrafficAccident,
    ReporterKind Reporter, string ReporterName, string ReporterContact)
{
    public const int MaxPlace = 200;
    public const int MaxDescription = 2000;
    public const int MaxReporterName = 120;
    public const int MaxContact = 60;

    /// <summary>The incident's calendar date in Kapuas (WIB, UTC+7).</summary>
    public DateOnly Date => Wib.DateOf(At);

    /// <summary>Who reported, in words, in the current UI culture.</summary>
    public static string ReporterLabel(ReporterKind kind) => new Phrase(kind switch
    {
        ReporterKind.Family => "reporter.Family",
        ReporterKind.WorkersGroup => "reporter.WorkersGroup",
        ReporterKind.HealthFacility => "reporter.HealthFacility",
        _ => "reporter.Dinsos",
    }).ToString();

    /// <summary>Checks the report; every problem is a field and a message.</summary>
    public static (IncidentReport? Report, IReadOnlyList<(string Field, DomainError Error)> Errors) Create(
        DateTimeOffset? at, string? place, string? description, bool onCommute, bool trafficAccident,
        ReporterKind? reporter, string? reporterName, string? contact, DateTimeOffset now, DateOnly birthDate)
    {
        var errors = new List<(string, DomainError)>();
        if (at is not { } when)
        {
            errors.Add(("Waktu", new DomainError("incident.time_required")));
        }
        else if (when > now)
        {
            errors.Add(("Waktu", new DomainError("incident.future")));
        }
        else if (Wib.DateOf(when) < birthDate)
        {
            errors.Add(("Waktu", new DomainError("incident.before_birth")));
        }

        Text(errors, "Tempat", place, MaxPlace, "field.incident_place", plain: true);
        Text(errors, "Kronologi", description, MaxDescription, "field.incident_description", plain: false);
        Text(errors, "NamaPelapor", reporterName, MaxReporterName, "field.reporter_name", plain: true);
        Text(errors, "KontakPelapor", contact, MaxContact, "field.reporter_contact", plain: true);
        if (reporter is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(("Pelapor", new DomainError("incident.reporter_required")));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new IncidentReport(at!.Value, place!.Trim(), description!.Trim(), onCommute, trafficAccident, reporter!.Value,
            reporterName!.Trim(), contact!.Trim()), []);
    }

    /// <summary>Checks one text field; <paramref name="labelKey"/> names it in the messages.</summary>
    private static void Text(List<(string, DomainError)> errors, string field, string? value, int max, string labelKey, bool plain)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors.Add((field, new DomainError("incident.required", Phrase.Term(labelKey))));
        }
        else if (trimmed.Length > max)
        {
            errors.Add((field, new DomainError("incident.too_long", Phrase.Term(labelKey), $"{max}")));
        }
        else if (plain && PlainText.HasMarkup(trimmed))
        {
            errors.Add((field, PlainText.MarkupError(labelKey)));
        }
    }
}

public sealed record AttachmentRef(Guid Id, string FileName, AttachmentType Type, long Size, DateTimeOffset At, string By);

public sealed record ClaimDocument(
    DocumentRequirement Requirement, DateOnly? ReceivedOn, bool OriginalSighted, string? Note, IReadOnlyList<AttachmentRef> Attachments)
{
    public bool Received => ReceivedOn is not null;

    public bool MissingAndBlocking => Requirement.Blocking && ReceivedOn is null;
}

/// <summary>One move of the claim: from where to where, who, when and why, and what it carried.</summary>
public sealed record ClaimTransition(ClaimState From, ClaimState To, DateTimeOffset At, string UserId, string UserName, string? Why, TransitionDetails Details);

public sealed record Payment(Money Amount, DateOnly On, string Recipient);

public enum ClockStatus
{
    Pending,
    Met,
    MetLate,
    NotApplicable,
}

public sealed record ClaimClock(Deadline Deadline, ClockStatus Status, DateTimeOffset? MetAt)
{
    /// <summary>Where the clock stands, in words, in the current UI culture.</summary>
    public string Describe(DateTimeOffset now) => Description(now).ToString();

    public Phrase Description(DateTimeOffset now) => Status switch
    {
        ClockStatus.Met => new("clock.met"),
        ClockStatus.MetLate => new("clock.met_late", StatutoryClocks.Late(MetAt!.Value - Deadline.Due).AsArgument()),
        ClockStatus.NotApplicable => new("clock.not_applicable"),
        _ when Deadline.IsOverdue(now) => new("clock.overdue", StatutoryClocks.Late(Deadline.Late(now)).AsArgument()),
        _ => new("clock.running"),
    };
}

/// <summary>
/// A JKK or JKM claim from the first report to payout: incident, documents checklist, moves with who/when/why, the
/// first report to BPJS and BPJS's decision. Immutable and pure; the worker grain keeps it beside the timeline.
/// </summary>
public sealed record Claim(
    Guid Id,
    ClaimType Type,
    IncidentReport Incident,
    ClaimState State,
    IReadOnlyList<ClaimDocument> Documents,
    IReadOnlyList<ClaimTransition> History,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    string AssignedTo,
    DateTimeOffset? FirstReportedAt,
    string? BpjsReference,
    Money? ApprovedAmount,
    Payment? Payment,
    string? Reason)
{
    public const int MaxNote = 500;
    public const int MaxReference = 60;
    public const int MaxReason = 1000;
    public const int MaxRecipient = 120;
    public const int MaxAttachmentsPerDocument = 10;

    public bool IsDeath => IsDeathType(Type);

    /// <summary>
    /// For a JKK death, the day the worker died, which can follow the accident by days or months; coverage ends on
    /// it. Null for other claims (a JKM death happens on the incident date).
    /// </summary>
    public DateOnly? DiedOn { get; init; }

    /// <summary>The day of death for a death claim (JKK: <see cref="DiedOn"/>, else the accident; JKM: the incident).</summary>
    public DateOnly? DeathDate => Type switch
    {
        ClaimType.JkmDeath => Incident.Date,
        ClaimType.JkkDeath => DiedOn ?? Incident.Date,
        _ => null,
    };

    /// <summary>Checks the date of death of a JKK death: on or after the accident, and not in the future.</summary>
    public static DomainError? CheckDeathDate(ClaimType type, DateOnly? diedOn, DateOnly incident, DateOnly today) => type switch
    {
        ClaimType.JkkDeath when diedOn is null =>
            new DomainError("claim.death_date_required"),
        ClaimType.JkkDeath when diedOn < incident =>
            new DomainError("claim.death_before_accident", IndonesianFormat.Date(diedOn.Value), IndonesianFormat.Date(incident)),
        ClaimType.JkkDeath when diedOn > today =>
            new DomainError("claim.death_future", IndonesianFormat.Date(diedOn.Value)),
        not ClaimType.JkkDeath when diedOn is not null && diedOn != incident =>
            new DomainError("claim.death_date_jkk_only"),
        _ => null,
    };

    public static bool IsDeathType(ClaimType type) => type is ClaimType.JkmDeath or ClaimType.JkkDeath;

    public bool IsJkk => Type != ClaimType.JkmDeath;

    public int MissingBlocking => Documents.Count(d => d.MissingAndBlocking);

    /// <summary>A short reference caseworkers can read out on the phone.</summary>
    public string Number => NumberOf(Id, Incident.Date);

    public static string NumberOf(Guid id, DateOnly incidentDate) => $"KLM-{incidentDate:yyyyMM}-{id.ToString("N")[..6].ToUpperInvariant()}";

    /// <summary>The claim type in words, in the current UI culture.</summary>
    public static string TypeLabel(ClaimType type) => new Phrase(TypeKey(type)).ToString();

    /// <summary>The claim type as an argument of another text.</summary>
    public static string TypeTerm(ClaimType type) => Phrase.Term(TypeKey(type));

    private static string TypeKey(ClaimType type) => type switch
    {
        ClaimType.JkkAccident => "claim.type.JkkAccident",
        ClaimType.JkkDeath => "claim.type.JkkDeath",
        ClaimType.JkkPermanentTotalDisability => "claim.type.JkkPermanentTotalDisability",
        _ => "claim.type.JkmDeath",
    };

    /// <summary>
    /// The "why" of the first history entry, as stored with every claim since the first version (stored data: it stays
    /// in Bahasa Indonesia; a view shows <c>claim.history.opened</c> in the reader's language instead).
    /// </summary>
    public const string OpenedNote = "Klaim dicatat";

    public static Claim Open(Guid id, ClaimType type, IncidentReport incident, Actor actor, string? assignedTo = null) =>
        new(id, type, incident, ClaimState.Draft,
            [.. DocumentChecklist.For(type, incident.TrafficAccident).Select(r => new ClaimDocument(r, null, false, null, []))],
            [new ClaimTransition(ClaimState.Draft, ClaimState.Draft, actor.At, actor.UserId, actor.DisplayName, OpenedNote, new TransitionDetails())],
            actor.At, actor.DisplayName, string.IsNullOrWhiteSpace(assignedTo) ? actor.UserId : assignedTo, null, null, null, null, null);

    public Result<Claim> RecordDocument(DocumentKind kind, DateOnly? receivedOn, bool originalSighted, string? note, DateOnly today)
    {
        if (Editable() is { } closed)
        {
            return closed;
        }

        var index = Index(kind);
        if (index < 0)
        {
            return new DomainError("document.not_in_checklist", TypeTerm(Type));
        }

        if (receivedOn is { } on && (on > today || on < Incident.Date.AddYears(-1)))
        {
            return new DomainError("document.received_on", IndonesianFormat.Date(on));
        }

        var trimmed = note?.Trim();
        if (trimmed is { Length: > MaxNote })
        {
            return new DomainError("document.note_too_long", $"{MaxNote}");
        }

        if (originalSighted && receivedOn is null)
        {
            return new DomainError("document.sighted_not_received");
        }

        var documents = Documents.ToList();
        documents[index] = documents[index] with { ReceivedOn = receivedOn, OriginalSighted = originalSighted, Note = string.IsNullOrEmpty(trimmed) ? null : trimmed };
        return this with { Documents = documents };
    }

    /// <summary>
    /// The whole checklist in one go (the caseworker's one submit): each row as <see cref="RecordDocument"/> records it,
    /// all or none; a refused row is named in the message.
    /// </summary>
    public Result<Claim> RecordDocuments(IEnumerable<(DocumentKind Kind, DateOnly? ReceivedOn, bool OriginalSighted, string? Note)> rows, DateOnly today)
    {
        var claim = this;
        foreach (var row in rows)
        {
            var next = claim.RecordDocument(row.Kind, row.ReceivedOn, row.OriginalSighted, row.Note, today);
            if (!next.IsSuccess)
            {
                var label = Index(row.Kind) >= 0 ? DocumentChecklist.Term(row.Kind) : row.Kind.ToString();
                return next.Error!.Within(label);
            }

            claim = next.Value;
        }

        return claim;
    }

    /// <summary>Attaches a scan to a checklist item; an item not yet marked received is marked received on the upload date.</summary>
    public Result<Claim> Attach(DocumentKind kind, AttachmentRef attachment)
    {
        if (Editable() is { } closed)
        {
            return closed;
        }

        var index = Index(kind);
        if (index < 0)
        {
            return new DomainError("document.not_in_checklist", TypeTerm(Type));
        }

        var documents = Documents.ToList();
        var item = documents[index];
        if (item.Attachments.Count >= MaxAttachmentsPerDocument)
        {
            return new DomainError("attachment.too_many", $"{MaxAttachmentsPerDocument}");
        }

        documents[index] = item with
        {
            Attachments = [.. item.Attachments, attachment],
            ReceivedOn = item.ReceivedOn ?? Wib.DateOf(attachment.At),
        };
        return this with { Documents = documents };
    }

    /// <summary>Records when the JKK first report (tahap I) reached BPJS; its clock is then met, late or not.</summary>
    /// <summary>Hands the claim to the caseworker who will follow it.</summary>
    public Result<Claim> Assign(string? userName) =>
        string.IsNullOrWhiteSpace(userName) || userName.Trim().Length > 256
            ? new DomainError("claim.assignee")
            : this with { AssignedTo = userName.Trim() };

    public Result<Claim> RecordFirstReport(DateTimeOffset reportedAt, DateTimeOffset now)
    {
        if (!IsJkk)
        {
            return new DomainError("claim.first_report_jkk_only");
        }

        if (Editable() is { } closed)
        {
            return closed;
        }

        if (reportedAt < Incident.At || reportedAt > now)
        {
            return new DomainError("claim.first_report_time");
        }

        return this with { FirstReportedAt = reportedAt };
    }

    /// <summary>Moves the claim through the state machine and records who, when and why.</summary>
    public Result<Claim> Move(ClaimState to, TransitionDetails details, Actor actor)
    {
        var reference = details.BpjsReference?.Trim();
        var reason = details.Reason?.Trim();
        var recipient = details.Recipient?.Trim();
        if (reference is { Length: > MaxReference })
        {
            return new DomainError("claim.reference_too_long", $"{MaxReference}");
        }

        if (reason is { Length: > MaxReason })
        {
            return new DomainError("claim.reason_too_long", $"{MaxReason}");
        }

        if (recipient is { Length: > MaxRecipient })
        {
            return new DomainError("claim.recipient_too_long", $"{MaxRecipient}");
        }

        if (PlainText.HasMarkup(recipient) || PlainText.HasMarkup(reference))
        {
            return PlainText.MarkupError("field.recipient_and_reference");
        }

        if (details.ApprovedAmount is { Rupiah: <= 0 })
        {
            return new DomainError("claim.approved_amount");
        }

        if (details.PaidOn is { } paidOn && (paidOn < Incident.Date || paidOn > Wib.DateOf(actor.At)))
        {
            return new DomainError("claim.paid_on", IndonesianFormat.Date(paidOn));
        }

        var clean = details with
        {
            BpjsReference = string.IsNullOrEmpty(reference) ? null : reference,
            Reason = string.IsNullOrEmpty(reason) ? null : reason,
            Recipient = string.IsNullOrEmpty(recipient) ? null : recipient,
        };
        var moved = ClaimStateMachine.Move(State, to, clean, MissingBlocking);
        if (!moved.IsSuccess)
        {
            return moved.Error!;
        }

        var next = this with
        {
            State = to,
            History = [.. History, new ClaimTransition(State, to, actor.At, actor.UserId, actor.DisplayName, clean.Reason, clean)],
        };
        return to switch
        {
            ClaimState.SubmittedToBpjs => next with { BpjsReference = clean.BpjsReference ?? BpjsReference },
            ClaimState.Approved => next with { ApprovedAmount = clean.ApprovedAmount },
            ClaimState.Rejected => next with { Reason = clean.Reason },
            ClaimState.Paid => next with { Payment = new Payment(clean.PaidAmount!.Value, clean.PaidOn!.Value, clean.Recipient!) },
            ClaimState.Closed when clean.Reason is not null => next with { Reason = clean.Reason },
            _ => next,
        };
    }

    /// <summary>When the file first went to BPJS (the JKK expiry clock is met then).</summary>
    public DateTimeOffset? FirstSubmittedAt => History.FirstOrDefault(t => t.To == ClaimState.SubmittedToBpjs)?.At;

    /// <summary>
    /// When the complete file last went to BPJS: the JKM clock runs from the complete file, so it starts again when the
    /// file is resubmitted complete after BPJS asked for more.
    /// </summary>
    public DateTimeOffset? LastSubmittedAt => History.LastOrDefault(t => t.To == ClaimState.SubmittedToBpjs)?.At;

    /// <summary>The statutory clocks of this claim (bpjs-rules.md §4) and where each stands.</summary>
    public IReadOnlyList<ClaimClock> Clocks(HolidayCalendar holidays)
    {
        var clocks = new List<ClaimClock>();
        // Once the file is with BPJS (or the claim is over), the report and expiry clocks no longer run.
        var finished = State is not (ClaimState.Draft or ClaimState.DocumentsIncomplete or ClaimState.ReadyToSubmit);
        if (IsJkk)
        {
            var report = StatutoryClocks.JkkFirstReport(Incident.At);
            clocks.Add(FirstReportedAt is { } reported
                ? new ClaimClock(report, reported <= report.Due ? ClockStatus.Met : ClockStatus.MetLate, reported)
                : new ClaimClock(report, finished ? ClockStatus.NotApplicable : ClockStatus.Pending, null));

            var expiry = StatutoryClocks.JkkExpiry(Incident.At);
            clocks.Add(FirstSubmittedAt is { } submitted
                ? new ClaimClock(expiry, submitted <= expiry.Due ? ClockStatus.Met : ClockStatus.MetLate, submitted)
                : new ClaimClock(expiry, finished ? ClockStatus.NotApplicable : ClockStatus.Pending, null));
        }
        else if (LastSubmittedAt is { } submitted)
        {
            var payment = StatutoryClocks.JkmPayment(Wib.DateOf(submitted), holidays);
            if (Payment is { } paid)
            {
                var paidAt = Wib.At(paid.On, TimeOnly.MinValue);
                clocks.Add(new ClaimClock(payment, paidAt <= payment.Due ? ClockStatus.Met : ClockStatus.MetLate, paidAt));
            }
            else
            {
                clocks.Add(new ClaimClock(payment, State is ClaimState.SubmittedToBpjs or ClaimState.MoreInformationRequested or ClaimState.Approved
                    ? ClockStatus.Pending : ClockStatus.NotApplicable, null));
            }
        }

        return clocks;
    }

    /// <summary>The earliest clock still running, for the caseworker queue (overdue / due soon).</summary>
    public Deadline? NextDeadline(HolidayCalendar holidays) =>
        Clocks(holidays).Where(c => c.Status == ClockStatus.Pending).Select(c => c.Deadline).MinBy(d => d.Due);

    private int Index(DocumentKind kind)
    {
        for (var i = 0; i < Documents.Count; i++)
        {
            if (Documents[i].Requirement.Kind == kind)
            {
                return i;
            }
        }

        return -1;
    }

    private DomainError? Editable() => State == ClaimState.Closed
        ? new DomainError("claim.closed")
        : null;
}
