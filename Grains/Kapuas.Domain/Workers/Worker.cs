using System.Collections.Immutable;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Continuity;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Family;
using Kapuas.Domain.Operations;

namespace Kapuas.Domain.Workers;

/// <summary>
/// A worker's record as kept: the facts (codes and text, not parsed value objects, so that a record written under
/// older rules still loads), checked by <see cref="WorkerProfile.Create"/> before they get here.
/// </summary>
public sealed record WorkerDetails(
    string Nik, string Name, Sex Sex, DateOnly BirthDate, string KecamatanCode, string Desa, OccupationKind Occupation,
    string? OccupationOther, string? Phone, string? Kpj, DataSource Source)
{
    public static WorkerDetails From(WorkerProfile p) =>
        new(p.Nik.Value, p.Name, p.Sex, p.BirthDate, p.Kecamatan.Code, p.Desa, p.Occupation.Kind, p.Occupation.Other, p.Phone, p.Kpj?.Value, p.Source);

    public string OccupationLabel => Occupation == OccupationKind.Lainnya
        ? Workers.Occupation.OtherThan(OccupationOther).Map(o => o.Label).Value
        : Workers.Occupation.Of(Occupation).Label;
}

/// <summary>BPJS's answer on a scholarship the rules left to BPJS.</summary>
public sealed record ScholarshipDecision(bool Granted, string? BpjsReference, string? Note, DateTimeOffset At, string By);

/// <summary>A claim with what the worker's record adds to it: coverage as found at intake, the children's scholarships, BPJS's decision.</summary>
public sealed record WorkerClaim(Claim Claim, CoverageFinding AtIntake, ImmutableArray<ScholarshipRecord> Scholarships, ScholarshipDecision? Decision)
{
    public Guid Id => Claim.Id;
}

/// <summary>A refusal or warning, with the input field it concerns when there is one.</summary>
public sealed record Problem(DomainError Error, string? Field = null);

/// <summary>What a command did: the worker after it, the audit actions, and the quota places the caller must give back.</summary>
public sealed record WorkerChange(Worker Next, ImmutableArray<string> Actions, ImmutableArray<string> PlacesToRelease);

/// <summary>A command's answer: a change (none when nothing changed), or the errors that refused it; warnings either way.</summary>
public sealed record WorkerOutcome(WorkerChange? Change, ImmutableArray<Problem> Errors, ImmutableArray<Problem> Warnings)
{
    public bool Refused => Errors.Length > 0;

    public static WorkerOutcome Refuse(DomainError error, string? field = null) => new(null, [new Problem(error, field)], []);

    public WorkerOutcome Warn(IEnumerable<Problem> warnings) => this with { Warnings = [.. Warnings, .. warnings] };
}

/// <summary>What a benefit estimate of a claim rests on, besides the worker's record.</summary>
public sealed record ClaimEstimate(Result<BenefitEstimate> Estimate, Money Income, MasaIur MasaIur, CoverageFinding Coverage);

/// <summary>
/// The worker aggregate: profile, coverage timeline, claims and family, with every rule that changes them. Pure: the
/// time comes with the <see cref="Actor"/>, what lives elsewhere (agreement terms, declared income, the installation's
/// masa iur reading) comes as arguments, and quota places are the caller's to take and give back.
/// </summary>
public sealed partial record Worker
{
    public const int MaxFamilyMembers = 30;
    public const int MaxNote = 500;

    public static Worker Unregistered { get; } = new();

    /// <summary>Null until the worker is registered.</summary>
    public WorkerDetails? Details { get; init; }

    public CoverageTimeline Timeline { get; init; } = CoverageTimeline.Empty;

    public ImmutableArray<WorkerClaim> Claims { get; init; } = [];

    public ImmutableArray<FamilyMember> Family { get; init; } = [];

    /// <summary>
    /// Periods another payer enrolled the worker for on days the timeline already covers (double cover, issue 18):
    /// billed by that payer and holding its quota place, but not in the timeline (coverage answers are unchanged) until
    /// an administrator chooses which payer keeps the worker (<see cref="ResolveDoubleCover"/>).
    /// </summary>
    public ImmutableArray<CoverageSpan> HeldCovers { get; init; } = [];

    /// <summary>Counts changes; the read model keeps the row with the highest version.</summary>
    public long Version { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }

    public string RegisteredBy { get; init; } = "";

    public DateTimeOffset UpdatedAt { get; init; }

    public string UpdatedBy { get; init; } = "";

    public bool IsRegistered => Details is not null;

    public WorkerDetails Registered => Details ?? throw new InvalidOperationException("The worker is not registered.");

    public WorkerClaim? FindClaim(Guid claimId) => Claims.FirstOrDefault(c => c.Id == claimId);

    public bool EnrolledIn(string agreementId) =>
        Timeline.Spans.Any(x => x.Funding.AgreementId == agreementId && x.Funding.IsAgreementPeriod)
        || HeldCovers.Any(x => x.Funding.AgreementId == agreementId);

    public CoverageFinding CoverageOn(DateOnly date) => CoverageFinding.Of(Timeline, date);

    public static readonly DomainError NotFound = new("worker.not_found");

    public static readonly DomainError ClaimNotFound = new("claim.not_found");

    public static DomainError AgreementNotFound(string agreementId) => new("agreement.not_found", agreementId);

    // ---- Profile ----------------------------------------------------------------------------------------------------

    public WorkerOutcome Register(ProfileInput input, Actor actor)
    {
        if (IsRegistered)
        {
            return WorkerOutcome.Refuse(new DomainError("worker.already_registered"));
        }

        var check = WorkerProfile.Create(input, Wib.DateOf(actor.At));
        return check.IsValid
            ? Changed(this with { Details = WorkerDetails.From(check.Profile!), RegisteredAt = actor.At, RegisteredBy = actor.DisplayName },
                actor, ["worker.registered"]).Warn(Problems(check.Warnings))
            : Refused(check);
    }

    public WorkerOutcome UpdateProfile(ProfileInput input, Actor actor)
    {
        if (!IsRegistered)
        {
            return WorkerOutcome.Refuse(NotFound);
        }

        var check = WorkerProfile.Create(input, Wib.DateOf(actor.At));
        return check.IsValid
            ? Changed(this with { Details = WorkerDetails.From(check.Profile!) }, actor, ["worker.profile_updated"]).Warn(Problems(check.Warnings))
            : Refused(check);
    }

    /// <summary>
    /// One import row: registers the worker or updates the profile (an action only when something changed), then
    /// adds the enrolment the caller planned and secured a place for; a refused enrolment is a warning, not a refusal.
    /// </summary>
    public WorkerOutcome Import(ProfileInput input, Actor actor, Func<Worker, Result<ImmutableArray<CoverageSpan>>>? enrol,
        Func<Worker, Result<CoverageSpan>>? hold = null)
    {
        var check = WorkerProfile.Create(input, Wib.DateOf(actor.At));
        if (!check.IsValid)
        {
            return Refused(check);
        }

        var details = WorkerDetails.From(check.Profile!);
        var actions = new List<string>();
        var next = this with { Details = details };
        if (!IsRegistered)
        {
            next = next with { RegisteredAt = actor.At, RegisteredBy = actor.DisplayName };
            actions.Add("worker.registered");
        }
        else if (details != Details)
        {
            actions.Add("worker.profile_updated");
        }

        var warnings = Problems(check.Warnings).ToList();
        if (enrol?.Invoke(next) is { } planned)
        {
            if (planned.IsSuccess)
            {
                next = next with { Timeline = next.WithSpans(planned.Value) };
                actions.Add("worker.enrolled");
            }
            else if (planned.Error!.Code == "coverage.overlap" && hold?.Invoke(next) is { IsSuccess: true } held)
            {
                next = next with { HeldCovers = [.. next.HeldCovers, held.Value] };
                actions.Add(DoubleCoverHeldAction);
            }
            else
            {
                warnings.Add(new Problem(new DomainError("import.enrol_failed", planned.Error!.Phrase.AsArgument())));
            }
        }

        return actions.Count == 0
            ? new WorkerOutcome(null, [], [.. warnings])
            : Changed(next, actor, [.. actions]).Warn(warnings);
    }

    // ---- Coverage ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// The periods an enrolment adds: the agreement's period for this worker (never backdated, bpjs-rules.md §3.3)
    /// and, when asked, the arrears bridging the gap before it, checked against the timeline. The place in the quota
    /// is the caller's to take.
    /// </summary>
    public Result<ImmutableArray<CoverageSpan>> PlanEnrolment(Agreement agreement, DateOnly? from, bool startingRoster, bool bridgeGap, DateOnly today)
    {
        var (spans, refusal) = Plan(agreement, from, startingRoster, bridgeGap, today);
        return refusal is null ? spans : refusal.Error;
    }

    private (ImmutableArray<CoverageSpan> Spans, Problem? Refusal) Plan(Agreement agreement, DateOnly? from, bool startingRoster, bool bridgeGap, DateOnly today)
    {
        var period = agreement.CoverageFor(today, from, startingRoster);
        if (!period.IsSuccess)
        {
            return ([], new Problem(period.Error!, "Mulai"));
        }

        var spans = new List<CoverageSpan>();
        if (bridgeGap)
        {
            var gap = Bridging.GapBefore(Timeline, period.Value.Start);
            if (!gap.IsSuccess)
            {
                return ([], new Problem(gap.Error!));
            }

            spans.Add(new CoverageSpan(gap.Value, new Funding(FundingKind.Arrears, agreement.Id, null)));
        }

        spans.Add(new CoverageSpan(period.Value, new Funding(agreement.Payer, agreement.Id, null, agreement.PartialMonthRule)));
        var timeline = Timeline;
        foreach (var span in spans)
        {
            var added = timeline.Add(span);
            if (!added.IsSuccess)
            {
                return ([], new Problem(added.Error!));
            }

            timeline = added.Value;
        }

        return ([.. spans], null);
    }

    /// <summary>Enrols in an agreement (<paramref name="agreement"/> null: not found) with the periods <see cref="PlanEnrolment"/> gives.</summary>
    public WorkerOutcome Enrol(string agreementId, Agreement? agreement, DateOnly? from, bool startingRoster, bool bridgeGap, Actor actor)
    {
        if (!IsRegistered)
        {
            return WorkerOutcome.Refuse(NotFound);
        }

        if (EnrolledIn(agreementId))
        {
            return WorkerOutcome.Refuse(new DomainError("worker.already_enrolled", agreementId));
        }

        if (agreement is null)
        {
            return WorkerOutcome.Refuse(AgreementNotFound(agreementId));
        }

        var (spans, refusal) = Plan(agreement, from, startingRoster, bridgeGap, Wib.DateOf(actor.At));
        if (refusal is not null)
        {
            return new WorkerOutcome(null, [refusal], []);
        }

        var elsewhere = Details is { } d ? agreement.ResidenceWarning(d.KecamatanCode, d.Desa) : null;
        return Changed(this with { Timeline = WithSpans(spans) }, actor, spans.Length > 1 ? ["worker.enrolled", "worker.gap_bridged"] : ["worker.enrolled"])
            .Warn(elsewhere is null ? [] : [new Problem(elsewhere)]);
    }

    private CoverageTimeline WithSpans(IEnumerable<CoverageSpan> spans) =>
        CoverageTimeline.From([.. Timeline.Spans, .. spans], Timeline.Exit).Value;

    /// <summary>A period funded otherwise than by a PKS of the regency (self-paid, APBDes, earlier BPJS history).</summary>
    public WorkerOutcome AddHistoricalPeriod(DateOnly start, DateOnly end, FundingKind funding, string? note, Actor actor)
    {
        if (!IsRegistered)
        {
            return WorkerOutcome.Refuse(NotFound);
        }

        if (funding is FundingKind.ApbdKabupaten or FundingKind.Arrears)
        {
            return WorkerOutcome.Refuse(new DomainError("coverage.use_enrolment"), "Sumber");
        }

        var trimmed = note?.Trim();
        if (trimmed is { Length: > MaxNote })
        {
            return WorkerOutcome.Refuse(new DomainError("coverage.note_too_long", $"{MaxNote}"), "Catatan");
        }

        var created = CoveragePeriod.Create(start, end);
        if (!created.IsSuccess)
        {
            return WorkerOutcome.Refuse(created.Error!, "Periode");
        }

        var added = Timeline.Add(new CoverageSpan(created.Value, new Funding(funding, null, string.IsNullOrEmpty(trimmed) ? null : trimmed)));
        return added.IsSuccess
            ? Changed(this with { Timeline = added.Value }, actor, ["worker.period_added"])
            : WorkerOutcome.Refuse(added.Error!, "Periode");
    }

    /// <summary>Records an exit; agreements whose period it wipes out entirely give their place back.</summary>
    public WorkerOutcome RecordExit(ExitReason reason, DateOnly date, string? note, Actor actor)
    {
        if (!IsRegistered)
        {
            return WorkerOutcome.Refuse(NotFound);
        }

        if (date > Wib.DateOf(actor.At))
        {
            return WorkerOutcome.Refuse(new DomainError("exit.future", IndonesianFormat.Date(date)), "Tanggal");
        }

        if (date < Registered.BirthDate)
        {
            return WorkerOutcome.Refuse(new DomainError("exit.before_birth", IndonesianFormat.Date(date)), "Tanggal");
        }

        var trimmed = note?.Trim();
        if (trimmed is { Length: > MaxNote })
        {
            return WorkerOutcome.Refuse(new DomainError("exit.note_too_long", $"{MaxNote}"), "Catatan");
        }

        if (!Enum.IsDefined(reason))
        {
            return WorkerOutcome.Refuse(new DomainError("exit.reason_unknown"), "Alasan");
        }

        var recorded = Timeline.RecordExit(new Exit(reason, date, string.IsNullOrEmpty(trimmed) ? null : trimmed));
        return recorded.IsSuccess
            ? Changed(this with { Timeline = recorded.Value }, actor, ["worker.exited"], PlacesWipedOutAfter(date))
            : WorkerOutcome.Refuse(recorded.Error!);
    }

    private ImmutableArray<string> PlacesWipedOutAfter(DateOnly date) =>
        [.. Timeline.Spans.Where(s => s.Funding.AgreementId is not null && s.Period.Start > date).Select(s => s.Funding.AgreementId!)];

    /// <summary>
    /// Checks that a recorded death may be reversed; on success, the agreement periods it had wiped out, whose quota
    /// places the caller must take back before calling <see cref="ReverseDeath"/>.
    /// </summary>
    public Result<ImmutableArray<CoverageSpan>> CheckDeathReversal(string? reason)
    {
        if (!IsRegistered)
        {
            return NotFound;
        }

        var why = reason?.Trim() ?? "";
        if (why.Length == 0 || why.Length > Claim.MaxReason)
        {
            return new DomainError("death.reason_required", $"{Claim.MaxReason}");
        }

        if (Timeline.Exit is not { Reason: ExitReason.Died } died)
        {
            return new DomainError("death.none");
        }

        if (Claims.FirstOrDefault(c => c.Claim.IsDeath && c.Claim.State is ClaimState.SubmittedToBpjs or ClaimState.MoreInformationRequested
                or ClaimState.Approved or ClaimState.Paid) is { } sent)
        {
            return new DomainError("death.claim_with_bpjs", sent.Claim.Number, ClaimStateMachine.Term(sent.Claim.State));
        }

        return ImmutableArray.CreateRange(Timeline.Spans.Where(s => s.Funding.AgreementId is not null && s.Period.Start > died.Date));
    }

    /// <summary>
    /// Removes a wrongly recorded death: open death claims are closed with the reason, and the periods the death had
    /// wiped out count again, except those whose quota place is gone (<paramref name="dropped"/>, with why).
    /// </summary>
    public WorkerOutcome ReverseDeath(string reason, IReadOnlyList<(CoverageSpan Span, string Why)> dropped, Actor actor)
    {
        var check = CheckDeathReversal(reason);
        if (!check.IsSuccess)
        {
            return WorkerOutcome.Refuse(check.Error!, check.Error!.Code == "death.reason_required" ? "Alasan" : null);
        }

        var why = reason.Trim();
        // The closing reason is kept in the claim's history as data (in Bahasa Indonesia, like every reason a user typed).
        var claims = Claims.Select(c => c.Claim.IsDeath && c.Claim.State is ClaimState.Draft or ClaimState.DocumentsIncomplete or ClaimState.ReadyToSubmit
            ? c with { Claim = c.Claim.Move(ClaimState.Closed, new TransitionDetails(Reason: $"Kematian dibatalkan: {why}"), actor).Value }
            : c);
        var gone = dropped.Select(d => d.Span).ToHashSet();
        var timeline = CoverageTimeline.From(Timeline.Spans.Where(s => !gone.Contains(s)), null).Value;
        var warnings = dropped.Select(d => new Problem(new DomainError("death.period_dropped", d.Span.Funding.AgreementId ?? "", d.Why)));
        return Changed(this with { Timeline = timeline, Claims = [.. claims] }, actor, ["worker.death_reversed"]).Warn(warnings);
    }

    // ---- Family -----------------------------------------------------------------------------------------------------

    /// <summary>Adds (<paramref name="id"/> new) or changes a family member; a NIK left out on a change keeps the one stored.</summary>
    public WorkerOutcome SaveFamilyMember(Guid id, bool isNew, string? name, string? nik, Relationship? relationship, DateOnly? birthDate,
        SchoolLevel level, bool married, bool working, Actor actor)
    {
        if (!IsRegistered)
        {
            return WorkerOutcome.Refuse(NotFound);
        }

        var existing = Family.FirstOrDefault(m => m.Id == id);
        if (!isNew && existing is null)
        {
            return WorkerOutcome.Refuse(new DomainError("family.not_found"));
        }

        if (existing is null && Family.Length >= MaxFamilyMembers)
        {
            return WorkerOutcome.Refuse(new DomainError("family.too_many", $"{MaxFamilyMembers}"));
        }

        var created = FamilyMember.Create(id, name, nik ?? existing?.Nik?.Value, relationship, birthDate, level, married, working, Wib.DateOf(actor.At));
        if (!created.IsSuccess)
        {
            return WorkerOutcome.Refuse(created.Error!, FamilyField(created.Error!.Code));
        }

        var member = created.Value;
        if (member.Nik is { } memberNik && memberNik.Value == Registered.Nik)
        {
            return WorkerOutcome.Refuse(new DomainError("family.own_nik"), "NIK");
        }

        var family = existing is null ? Family.Add(member) : Family.Replace(existing, member);
        return Changed(this with { Family = family }, actor, ["family.saved"]);
    }

    public WorkerOutcome RemoveFamilyMember(Guid memberId, Actor actor)
    {
        if (!IsRegistered)
        {
            return WorkerOutcome.Refuse(NotFound);
        }

        if (Claims.Any(c => c.Scholarships.Any(x => x.ChildId == memberId)))
        {
            return WorkerOutcome.Refuse(new DomainError("family.has_scholarship"));
        }

        var kept = Family.RemoveAll(m => m.Id == memberId);
        return kept.Length == Family.Length
            ? WorkerOutcome.Refuse(new DomainError("family.not_found"))
            : Changed(this with { Family = kept }, actor, ["family.removed"]);
    }

    private static string? FamilyField(string code) => code switch
    {
        "family.name_required" or "family.name_too_long" => "Nama",
        "family.relationship_required" => "Hubungan",
        "family.birth_date" or "family.child_birth_date" => "TanggalLahir",
        "family.level_unknown" => "Jenjang",
        _ when code.StartsWith("nik.", StringComparison.Ordinal) => "NIK",
        _ => null,
    };

    // ---- Claims -----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Opens a claim, keeping whether the worker was covered on the incident date; a death claim records the death
    /// (unless an exit is already recorded) and the agreements whose period it wipes out give their place back.
    /// </summary>
    public WorkerOutcome OpenClaim(Guid claimId, ClaimType? type, DateTimeOffset? incidentAt, string? place, string? description, bool onCommute,
        bool trafficAccident, ReporterKind? reporter, string? reporterName, string? reporterContact, DateOnly? diedOn, Actor actor)
    {
        if (!IsRegistered)
        {
            return WorkerOutcome.Refuse(NotFound);
        }

        if (type is not { } kind || !Enum.IsDefined(kind))
        {
            return WorkerOutcome.Refuse(new DomainError("claim.type_required"), "Jenis");
        }

        var (report, errors) = IncidentReport.Create(incidentAt, place, description, onCommute, trafficAccident, reporter, reporterName,
            reporterContact, actor.At, Registered.BirthDate);
        if (report is null)
        {
            return new WorkerOutcome(null, [.. errors.Select(e => new Problem(e.Error, e.Field))], []);
        }

        if (FindClaim(claimId) is not null)
        {
            return WorkerOutcome.Refuse(new DomainError("claim.exists"));
        }

        var date = report.Date;
        if (Claim.CheckDeathDate(kind, diedOn, date, Wib.DateOf(actor.At)) is { } deathDate)
        {
            return WorkerOutcome.Refuse(deathDate, "TanggalMeninggal");
        }

        if (Timeline.Exit is { Reason: ExitReason.Died } died && date > died.Date)
        {
            return WorkerOutcome.Refuse(new DomainError("claim.after_death", IndonesianFormat.Date(date), IndonesianFormat.Date(died.Date)), "Waktu");
        }

        var claim = Claim.Open(claimId, kind, report, actor, actor.DisplayName) with { DiedOn = kind == ClaimType.JkkDeath ? diedOn : null };
        if (claim.IsDeath && Claims.FirstOrDefault(c => c.Claim.IsDeath && c.Claim.State is not (ClaimState.Closed or ClaimState.Rejected)) is { } open)
        {
            return WorkerOutcome.Refuse(new DomainError("claim.death_exists", open.Claim.Number), "Jenis");
        }

        var coverage = CoverageOn(date);
        var next = this with { Claims = Claims.Add(new WorkerClaim(claim, coverage, [], null)) };
        var actions = new List<string> { "claim.opened" };
        var warnings = new List<Problem>();
        if (!coverage.IsCovered)
        {
            warnings.Add(new Problem(new DomainError("claim.not_covered", coverage.Explained?.AsArgument() ?? coverage.Explanation)));
        }

        var released = ImmutableArray<string>.Empty;
        var deathOn = claim.DeathDate ?? date;
        if (claim.IsDeath)
        {
            switch (Timeline.Exit)
            {
                case null:
                    // The exit's note is kept as data and names the claim by its number.
                    next = next with { Timeline = CoverageTimeline.From(Timeline.Spans, new Exit(ExitReason.Died, deathOn, $"Klaim {claim.Number}")).Value };
                    actions.Add("worker.death_recorded");
                    released = PlacesWipedOutAfter(deathOn);
                    break;
                case { Reason: ExitReason.Died } recorded when recorded.Date != deathOn:
                    warnings.Add(new Problem(new DomainError("claim.death_date_differs", IndonesianFormat.Date(recorded.Date), IndonesianFormat.Date(deathOn))));
                    break;
                case { Reason: not ExitReason.Died } other:
                    warnings.Add(new Problem(new DomainError("claim.exited_before", other.LabelPhrase.AsArgument(), IndonesianFormat.Date(other.Date))));
                    break;
            }
        }

        return Changed(next, actor, [.. actions], released).Warn(warnings);
    }

    /// <summary>Applies one change to one claim.</summary>
    public WorkerOutcome ChangeClaim(Guid claimId, string action, Func<Claim, Result<Claim>> change, Actor actor) =>
        ChangeClaim(claimId, action, claim => change(claim.Claim).Map(c => claim with { Claim = c }), actor);

    private WorkerOutcome ChangeClaim(Guid claimId, string action, Func<WorkerClaim, Result<WorkerClaim>> change, Actor actor)
    {
        if (FindClaim(claimId) is not { } claim)
        {
            return WorkerOutcome.Refuse(ClaimNotFound);
        }

        var changed = change(claim);
        return changed.IsSuccess
            ? Changed(this with { Claims = Claims.Replace(claim, changed.Value) }, actor, [action])
            : WorkerOutcome.Refuse(changed.Error!);
    }

    /// <summary>Moves a claim; on approval of a death or disability claim each eligible child gets a scholarship record.</summary>
    public WorkerOutcome MoveClaim(Guid claimId, ClaimState to, TransitionDetails details, Func<Claim, ClaimEstimate> estimate, Actor actor)
    {
        if (details.PaidAmount is { Rupiah: < 0 } || details.ApprovedAmount is { Rupiah: < 0 })
        {
            return WorkerOutcome.Refuse(new DomainError("claim.amount_negative"), "Jumlah");
        }

        if (!Enum.IsDefined(to))
        {
            return WorkerOutcome.Refuse(new DomainError("claim.state_unknown"));
        }

        return ChangeClaim(claimId, $"claim.moved.{to}", claim => claim.Claim.Move(to, details, actor).Map(moved =>
            moved.State == ClaimState.Approved && moved.Type != ClaimType.JkkAccident
                ? claim with { Claim = moved, Scholarships = ScholarshipRecords(estimate(moved).Estimate, claim.Scholarships) }
                : claim with { Claim = moved }), actor);
    }

    /// <summary>A school year paid, or the end of a child's scholarship; the cap counts every child on every claim (bpjs-rules.md §2.3).</summary>
    public WorkerOutcome RecordScholarship(Guid claimId, Guid childId, ScholarshipEndReason? endReason, DateOnly? endedOn, ScholarshipYear year, Actor actor)
    {
        if (FindClaim(claimId) is not { } claim)
        {
            return WorkerOutcome.Refuse(ClaimNotFound);
        }

        if (claim.Scholarships.FirstOrDefault(x => x.ChildId == childId) is not { } record)
        {
            return WorkerOutcome.Refuse(new DomainError("scholarship.not_found"));
        }

        if (year.Paid is { Rupiah: < 0 })
        {
            return WorkerOutcome.Refuse(new DomainError("scholarship.paid#negative"), "Dibayar");
        }

        var today = Wib.DateOf(actor.At);
        var rules = BenefitRules.On(claim.Claim.Incident.Date)!;
        var others = Money.Sum(Claims.SelectMany(c => c.Scholarships.Where(x => c.Id != claimId || x.ChildId != childId)).Select(x => x.TotalPaid));
        var changed = endReason is { } reason ? record.End(reason, endedOn ?? today, today) : record.RecordYear(year, others, rules, today);
        return changed.IsSuccess
            ? ChangeClaim(claimId, "claim.scholarship_recorded", c => Result<WorkerClaim>.Ok(c with { Scholarships = c.Scholarships.Replace(record, changed.Value) }), actor)
            : WorkerOutcome.Refuse(changed.Error!);
    }

    /// <summary>BPJS's decision on a scholarship the rules leave to BPJS; when granted, the children get their records.</summary>
    public WorkerOutcome RecordScholarshipDecision(Guid claimId, bool granted, string? bpjsReference, string? note, ClaimEstimate estimate, Actor actor)
    {
        if (FindClaim(claimId) is not { } claim)
        {
            return WorkerOutcome.Refuse(ClaimNotFound);
        }

        if (!estimate.Estimate.IsSuccess || estimate.Estimate.Value.Verdict.Right != ScholarshipRight.NeedsBpjsConfirmation)
        {
            return WorkerOutcome.Refuse(new DomainError("scholarship.decision_not_needed"));
        }

        if (claim.Claim.State is not (ClaimState.Approved or ClaimState.Paid or ClaimState.Closed or ClaimState.Rejected))
        {
            return WorkerOutcome.Refuse(new DomainError("scholarship.decision_too_early"));
        }

        var reference = bpjsReference?.Trim();
        var trimmed = note?.Trim();
        if (reference is { Length: > Claim.MaxReference } || trimmed is { Length: > Claim.MaxNote } || PlainText.HasMarkup(reference))
        {
            return WorkerOutcome.Refuse(new DomainError("scholarship.decision_text", $"{Claim.MaxReference}", $"{Claim.MaxNote}"));
        }

        var decision = new ScholarshipDecision(granted, string.IsNullOrEmpty(reference) ? null : reference,
            string.IsNullOrEmpty(trimmed) ? null : trimmed, actor.At, actor.DisplayName);
        return ChangeClaim(claimId, "claim.scholarship_decision_recorded", c => Result<WorkerClaim>.Ok(c with
        {
            Decision = decision,
            Scholarships = granted ? ScholarshipRecords(estimate.Estimate, c.Scholarships, grantedByBpjs: true) : c.Scholarships,
        }), actor);
    }

    /// <summary>
    /// Each child the estimate makes eligible gets a scholarship record (kept if there already); when the verdict
    /// needs BPJS's confirmation, only once BPJS granted it.
    /// </summary>
    private ImmutableArray<ScholarshipRecord> ScholarshipRecords(Result<BenefitEstimate> estimate, ImmutableArray<ScholarshipRecord> records, bool grantedByBpjs = false)
    {
        if (!estimate.IsSuccess || !(estimate.Value.Verdict.Right == ScholarshipRight.Entitled
            || (grantedByBpjs && estimate.Value.Verdict.Right == ScholarshipRight.NeedsBpjsConfirmation)))
        {
            return records;
        }

        var children = Family.Where(m => m.Relationship == Relationship.Child && m.BirthDate is not null).ToList();
        var result = records.ToBuilder();
        foreach (var eligible in estimate.Value.Scholarships.Where(x => x.Eligible || grantedByBpjs))
        {
            var child = children.First(c => c.Name == eligible.Child.Name && c.BirthDate == eligible.Child.BirthDate);
            if (result.All(r => r.ChildId != child.Id))
            {
                result.Add(new ScholarshipRecord(child.Id, child.Name, child.BirthDate!.Value, [], null, null));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>What BPJS should pay on a claim: the rules in force on the incident, the worker's masa iur and children.</summary>
    public ClaimEstimate Estimate(Claim claim, Money declaredIncome, MasaIurReading reading, DateOnly today)
    {
        var date = claim.Incident.Date;
        var coverage = CoverageOn(date);
        var masaIur = Timeline.MasaIurOn(claim.DeathDate ?? date);
        var children = Family.Select(m => m.AsChild()).OfType<Child>().ToList();
        return new ClaimEstimate(BenefitEstimator.Estimate(claim.Type, date, coverage.IsCovered, masaIur, reading, declaredIncome, children, today),
            declaredIncome, masaIur, coverage);
    }

    // ---- Bookkeeping ------------------------------------------------------------------------------------------------

    private WorkerOutcome Changed(Worker next, Actor actor, ImmutableArray<string> actions, ImmutableArray<string> placesToRelease = default) =>
        new(new WorkerChange(next with { Version = Version + 1, UpdatedAt = actor.At, UpdatedBy = actor.DisplayName }, actions,
            placesToRelease.IsDefault ? [] : placesToRelease), [], []);

    private static WorkerOutcome Refused(ProfileCheck check) => new(null, [.. Problems(check.Errors)], [.. Problems(check.Warnings)]);

    private static IEnumerable<Problem> Problems(IEnumerable<FieldError> errors) => errors.Select(e => new Problem(e.Error, e.Field));
}

/// <summary>
/// Covered on a date, and if not, why (a reason code, an explanation and the dates that explain it).
/// <see cref="Explanation"/> is the explanation in Bahasa Indonesia, as a claim keeps it; <see cref="Explained"/> is the
/// same as a phrase (absent from findings kept before it existed), and <see cref="Text"/> the one to show.
/// </summary>
public sealed record CoverageFinding(DateOnly Date, bool IsCovered, string Reason, string Explanation, DateOnly? From, DateOnly? Until, string? AgreementId)
{
    public Phrase? Explained { get; init; }

    /// <summary>The explanation in the current UI culture (as kept when there is no phrase).</summary>
    public string Text => Explained?.ToString() ?? Explanation;

    public static CoverageFinding Of(CoverageTimeline timeline, DateOnly date)
    {
        var status = timeline.On(date);
        var finding = status switch
        {
            CoverageStatus.Covered c => new CoverageFinding(date, true, "covered", "", c.Span.Period.Start, c.Span.Period.End, c.Span.Funding.AgreementId),
            CoverageStatus.BeforeFirstCoverage b => new(date, false, "before_first_coverage", "", b.FirstCoverageStart, null, null),
            CoverageStatus.InGap g => new(date, false, "gap", "", g.Gap.Start, g.Gap.End, null),
            CoverageStatus.Exited x => new(date, false, "exited", "", x.Exit.Date, null, null),
            CoverageStatus.AfterLastCoverage a => new(date, false, "after_last_coverage", "", null, a.LastCoverageEnd, a.LastFunding.AgreementId),
            _ => new(date, false, "never_covered", "", null, null, null),
        };
        return finding with { Explanation = status.Explanation.Render(DomainText.Indonesian), Explained = status.Explanation };
    }
}
