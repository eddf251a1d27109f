using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Family;
using Kapuas.Domain.Regions;
using Kapuas.Domain.Workers;
using Kapuas.Grains.ReadModel;

namespace Kapuas.Grains.Workers;

/// <summary>
/// Pure projections of the <see cref="Worker"/> aggregate: the views callers get, the read-model rows, and the audit
/// snapshot. No I/O: what they need from elsewhere (a NIK fingerprint, the holiday calendar, an estimate) is passed in.
/// Views carry their texts in the current UI culture (the caller's, when it sent one with the call); read-model rows
/// carry them in Bahasa Indonesia, whoever caused the write.
/// </summary>
public static class WorkerProjection
{
    public static CoverageAnswer Answer(CoverageFinding f) => new(f.Date, f.IsCovered, f.Reason, f.Text, f.From, f.Until, f.AgreementId);

    public static WorkerView View(Guid id, Worker w, DateOnly asOf)
    {
        var d = w.Registered;
        var timeline = w.Timeline;
        var effective = timeline.Effective;
        var periods = timeline.Spans.Select(span =>
        {
            var cut = effective.FirstOrDefault(e => e.Period.Start == span.Period.Start);
            DateOnly? effectiveEnd = cut is null ? null : cut.Period.End;
            return new PeriodView(span.Period.Start, span.Period.End, effectiveEnd, span.Funding.Kind, span.Funding.AgreementId,
                span.Funding.Label, span.Funding.Note);
        }).ToList();
        var gaps = timeline.Gaps().Select(g => new GapView(g.Start, g.End, new Phrase("gap.label").ToString())).ToList();
        var masaIur = timeline.MasaIurOn(asOf);
        var membership = MembershipTimeline.Of(timeline).On(asOf);
        return new WorkerView(
            id, Domain.Identity.Nik.Mask(d.Nik), d.Nik.StartsWith(Domain.Identity.Nik.KapuasPrefix, StringComparison.Ordinal), d.Name, d.Sex,
            d.BirthDate, d.KecamatanCode, KecamatanName(d.KecamatanCode), d.Desa, d.Occupation, d.OccupationOther, d.OccupationLabel, d.Phone, d.Kpj,
            d.Source, periods, timeline.Exit is { } e ? new ExitView(e.Reason, e.Date, e.Label, e.Note) : null,
            gaps, Answer(w.CoverageOn(asOf)), new MasaIurView(masaIur.CumulativeMonths, masaIur.SinceLapseMonths, masaIur.SinceLapseFrom, masaIur.LastLapse),
            w.Version, w.RegisteredAt, w.UpdatedAt, w.UpdatedBy,
            [.. w.Claims.OrderByDescending(c => c.Claim.Incident.At).Select(c => new ClaimSummaryView(c.Id, c.Claim.Number, c.Claim.Type,
                Claim.TypeLabel(c.Claim.Type), c.Claim.State, ClaimStateMachine.Label(c.Claim.State), c.Claim.Incident.At, c.Claim.Payment?.Amount.Rupiah))],
            FamilyViews(w), HeirOrder.Explain(w.Family), Membership(membership),
            [.. w.HeldCovers.Select(h => new PeriodView(h.Period.Start, h.Period.End, null, h.Funding.Kind, h.Funding.AgreementId, h.Funding.Label, h.Funding.Note))]);
    }

    public static MembershipView Membership(MembershipOnDate m) => new(
        m.Date, m.Status, MembershipOnDate.Label(m.Status), m.Explain(), m.Segment?.GraceUntil,
        m.Status == MembershipStatus.Lapsed ? m.Segment!.Start : null, m.Segment?.ProtectionEnded);

    private static string KecamatanName(string code) => Kecamatan.Find(code) is { IsSuccess: true } k ? k.Value.Name : code;

    private static List<FamilyMemberView> FamilyViews(Worker w)
    {
        var entitled = HeirOrder.Entitled(w.Family).Select(m => m.Id).ToHashSet();
        return [.. w.Family.OrderBy(m => HeirOrder.Rank(m.Relationship)).ThenBy(m => m.BirthDate).Select(m => new FamilyMemberView(
            m.Id, m.Name, m.Nik?.Masked, m.Relationship, FamilyMember.Label(m.Relationship), m.BirthDate, m.Level, m.Married, m.Working,
            HeirOrder.Rank(m.Relationship), entitled.Contains(m.Id)))];
    }

    public static ClaimView ClaimView(Guid workerId, Worker w, WorkerClaim stored, ClaimEstimate estimated, HolidayCalendar calendar, DateTimeOffset now)
    {
        var claim = stored.Claim;
        var (estimate, income, masaIur, coverage) = estimated;
        var estimateView = estimate.IsSuccess
            ? new BenefitEstimateView(estimate.Value.Covered,
                [.. estimate.Value.Components.Select(c => new BenefitComponentView(c.Label, c.Amount.Rupiah, c.Working, c.Source, c.PerMonth))],
                [.. estimate.Value.Scholarships.Select(x => new ScholarshipEligibilityView(x.Child.Name, x.Child.BirthDate, x.Child.Level, x.Eligible, x.Reason, x.YearlyAmount.Rupiah))],
                estimate.Value.Notes, estimate.Value.Total.Rupiah, income.Rupiah, masaIur.SinceLapseMonths, null, masaIur.CumulativeMonths,
                estimate.Value.Verdict.Right, estimate.Value.Verdict.Explanation)
            : new BenefitEstimateView(false, [], [], [], 0, income.Rupiah, masaIur.SinceLapseMonths, estimate.Error!.Message, masaIur.CumulativeMonths);
        var incident = claim.Incident;
        var d = w.Registered;
        return new ClaimView(
            claim.Id, workerId, claim.Number, claim.Type, Claim.TypeLabel(claim.Type), claim.State, ClaimStateMachine.Label(claim.State),
            new IncidentView(incident.At, incident.Place, incident.Description, incident.OnCommute, incident.TrafficAccident, incident.Reporter,
                IncidentReport.ReporterLabel(incident.Reporter), incident.ReporterName, incident.ReporterContact),
            Answer(coverage),
            [.. claim.Documents.Select(x => new DocumentView(x.Requirement.Kind, x.Requirement.Label, x.Requirement.Required, x.Requirement.Blocking,
                x.ReceivedOn, x.OriginalSighted, x.Note, [.. x.Attachments.Select(a => new AttachmentView(a.Id, a.FileName, a.Type, a.Size, a.At, a.By))],
                x.Requirement.Source))],
            claim.MissingBlocking,
            [.. claim.History.Select(t => new TransitionView(t.From, t.To, ClaimStateMachine.Label(t.From), ClaimStateMachine.Label(t.To), t.At,
                t.UserName, t.From == t.To && t.Why == Claim.OpenedNote ? new Phrase("claim.history.opened").ToString() : t.Why, Describe(t.Details)))],
            [.. claim.Clocks(calendar).Select(c => new ClockView(c.Deadline.Label, c.Deadline.Due, c.Deadline.Source, c.Status, c.MetAt,
                c.Status == ClockStatus.Pending && c.Deadline.IsOverdue(now),
                c.Status == ClockStatus.Pending && c.Deadline.FallsDueWithin(now, TimeSpan.FromDays(3)), c.Describe(now)))],
            estimateView, claim.BpjsReference, claim.ApprovedAmount?.Rupiah, claim.Payment?.Amount.Rupiah, claim.Payment?.On,
            claim.Payment?.Recipient, claim.Reason, ClaimStateMachine.Next(claim.State),
            [.. stored.Scholarships.Select(x => new ScholarshipView(x.ChildId, x.ChildName, x.BirthDate,
                [.. x.Years.Select(y => new ScholarshipYearView(y.Year, y.Level, y.ClaimedOn, y.Paid?.Rupiah, y.PaidOn))], x.EndReason, x.EndedOn,
                x.TotalPaid.Rupiah))],
            claim.FirstReportedAt, claim.OpenedAt, claim.OpenedBy, claim.AssignedTo, d.Name, Domain.Identity.Nik.Mask(d.Nik),
            KecamatanName(d.KecamatanCode), HeirOrder.Explain(w.Family), claim.DiedOn,
            stored.Decision is { } decision ? new ScholarshipDecisionView(decision.Granted, decision.BpjsReference, decision.Note, decision.At, decision.By) : null);
    }

    private static string? Describe(TransitionDetails d)
    {
        var parts = new List<string>();
        if (d.BpjsReference is not null)
        {
            parts.Add(new Phrase("transition.reference", d.BpjsReference).ToString());
        }

        if (d.ApprovedAmount is { } approved)
        {
            parts.Add(new Phrase("transition.approved", approved.ToString()).ToString());
        }

        if (d.PaidAmount is { } paid)
        {
            parts.Add(new Phrase("transition.paid", paid.ToString(), d.PaidOn is { } on ? IndonesianFormat.Date(on) : "-", d.Recipient ?? "").ToString());
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    public static ParticipantRow Row(Guid id, Worker w, byte[] nikHash)
    {
        var d = w.Registered;
        var nik = Domain.Identity.Nik.Parse(d.Nik).Value;
        var effective = w.Timeline.Effective;
        var latest = w.Timeline.Latest;
        return new ParticipantRow(
            id, nikHash, nik.Masked, nik.IsKapuas, d.Name, WorkerProfile.NameKey(d.Name), d.Sex == Sex.Female ? "P" : "L",
            d.BirthDate, d.KecamatanCode, d.Desa, d.Occupation.ToString(), d.OccupationOther, d.Phone, d.Kpj, d.Source.ToString(),
            w.Timeline.Exit?.Reason.ToString(), w.Timeline.Exit?.Date, effective.Count > 0 ? effective[0].Period.Start : null,
            latest?.Period.Start, latest?.Period.End, latest?.Funding.AgreementId,
            w.RegisteredAt, w.UpdatedAt, w.UpdatedBy, w.Version, ScholarshipRights.LastDays(w.Family));
    }

    /// <summary>The effective periods, then the held double covers (cut at the exit too), which only their payer's bill reads.</summary>
    public static IReadOnlyList<PeriodRow> Periods(Worker w) =>
        [.. w.Timeline.Effective.Select(e => new PeriodRow(e.Period.Start, e.Period.End, e.Funding.Kind.ToString(), e.Funding.AgreementId)),
            .. w.HeldCovers.Select(h => (Span: h, Period: w.Timeline.Exit is { } exit ? h.Period.EndingNoLaterThan(exit.Date) : h.Period))
                .Where(h => h.Period is not null)
                .Select(h => new PeriodRow(h.Period!.Value.Start, h.Period.Value.End, h.Span.Funding.Kind.ToString(), h.Span.Funding.AgreementId, Held: true))];

    public static IReadOnlyList<MembershipRow> MembershipRows(Worker w) =>
        [.. MembershipTimeline.Of(w.Timeline).Segments.Select(m => new MembershipRow(m.Start, m.End, m.Status.ToString(), m.ProtectionEnded, m.GraceUntil))];

    /// <summary>The claims as the caseworker queue lists them; the next deadline is the earliest statutory clock still running.</summary>
    public static IReadOnlyList<ClaimRow> ClaimRows(Worker w, HolidayCalendar calendar) =>
        [.. w.Claims.Select(stored =>
        {
            var claim = stored.Claim;
            var next = claim.NextDeadline(calendar);
            return new ClaimRow(claim.Id, claim.Number, claim.Type.ToString(), claim.State.ToString(), claim.Incident.At, claim.OpenedAt,
                claim.OpenedBy, claim.AssignedTo, stored.AtIntake.IsCovered, claim.MissingBlocking, next?.Due, next is null ? null : new Phrase(next.LabelKey).Render(DomainText.Indonesian),
                claim.ApprovedAmount?.Rupiah, claim.Payment?.Amount.Rupiah, claim.Payment?.On,
                claim.History.Count > 0 ? claim.History[^1].At : claim.OpenedAt);
        })];

    /// <summary>What the audit trail keeps of a worker, from its stored form: everything but the full NIK.</summary>
    public static object? AuditSnapshot(WorkerState s) => !s.Registered ? null : new
    {
        nik = Domain.Identity.Nik.Mask(s.Nik),
        s.Name,
        sex = s.Sex,
        s.BirthDate,
        kecamatan = s.KecamatanCode,
        s.Desa,
        occupation = s.Occupation,
        s.OccupationOther,
        s.Phone,
        s.Kpj,
        source = s.Source,
        periods = s.Spans.Select(p => new { p.Start, p.End, funding = p.Funding, p.AgreementId, p.Note, billing = p.Billing }),
        heldCovers = s.HeldCovers.Select(p => new { p.Start, p.End, funding = p.Funding, p.AgreementId, billing = p.Billing }),
        exit = s.Exit is { } e ? new { reason = e.Reason, e.Date, e.Note } : null,
        family = s.Family.Select(m => new { m.Id, m.Name, nik = m.Nik is null ? null : Domain.Identity.Nik.Mask(m.Nik), m.Relationship, m.BirthDate, m.Level, m.Married, m.Working }),
        claims = s.Claims.Select(c => new
        {
            c.Id, type = c.Type, state = c.State, c.IncidentAt, c.AssignedTo, c.FirstReportedAt, c.BpjsReference, c.ApprovedAmount, c.PaidAmount, c.PaidOn,
            c.Recipient, c.Reason, c.DiedOn, scholarshipDecision = c.ScholarshipDecision,
            documents = c.Documents.Select(d => new { kind = d.Kind, d.ReceivedOn, d.OriginalSighted, d.Note, attachments = d.Attachments.Select(a => a.Id) }),
            scholarships = c.Scholarships.Select(x => new { x.ChildId, x.Years, x.EndReason, x.EndedOn }),
        }),
    };
}
