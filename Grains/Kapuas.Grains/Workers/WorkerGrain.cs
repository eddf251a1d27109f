using Kapuas.Domain.Agreements;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Family;
using Kapuas.Domain.Identity;
using Kapuas.Domain.Regions;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Common;
using Kapuas.Grains.ReadModel;
using Microsoft.Extensions.Logging;

namespace Kapuas.Grains.Workers;

/// <summary>
/// A thin shell around the domain: load state, ask the domain, persist, publish to the read model, return a
/// snapshot. Each command runs once per operation id.
/// </summary>
public sealed partial class WorkerGrain(
    [PersistentState("worker", GrainStorage.Name)] IPersistentState<WorkerState> state,
    IRosterStore roster,
    NikFingerprinter fingerprinter,
    IHolidayCalendarSource holidays,
    IInstallationDecisionSource decisions,
    ILogger<WorkerGrain> logger) : Grain, IWorkerGrain
{
    private bool outboxPublished;

    private Guid Id => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Registered && state.State.Outbox.Count > 0)
        {
            await TryPublishAsync();
        }
    }

    public async Task<CommandResult<WorkerView>> RegisterAsync(WorkerProfileInput profile, CommandContext context)
    {
        if (await ReplayAsync(context) is { } replay)
        {
            return replay;
        }

        if (state.State.Registered)
        {
            return CommandResult<WorkerView>.Fail(new WireError("worker.already_registered", "Peserta dengan ID ini sudah terdaftar."));
        }

        var check = WorkerProfile.Create(ToInput(profile), Wib.DateOf(context.At));
        if (!check.IsValid)
        {
            return CommandResult<WorkerView>.Fail(Wire(check.Errors), Wire(check.Warnings));
        }

        var next = Clone(state.State);
        Apply(next, check.Profile!);
        next.Registered = true;
        next.RegisteredAt = context.At;
        next.RegisteredBy = context.UserName;
        return await CommitWithNikAsync(next, context, "worker.registered", check.Profile!.Nik, previousNik: null, Wire(check.Warnings));
    }

    public async Task<CommandResult<WorkerView>> UpdateProfileAsync(WorkerProfileInput profile, CommandContext context)
    {
        if (await ReplayAsync(context) is { } replay)
        {
            return replay;
        }

        if (NotRegistered() is { } missing)
        {
            return missing;
        }

        var check = WorkerProfile.Create(ToInput(profile), Wib.DateOf(context.At));
        if (!check.IsValid)
        {
            return CommandResult<WorkerView>.Fail(Wire(check.Errors), Wire(check.Warnings));
        }

        var next = Clone(state.State);
        Apply(next, check.Profile!);
        var previousNik = Domain.Identity.Nik.Parse(state.State.Nik).Value;
        return await CommitWithNikAsync(next, context, "worker.profile_updated", check.Profile!.Nik, previousNik, Wire(check.Warnings));
    }

    public Task<CommandResult<WorkerView>> EnrollAsync(string agreementId, DateOnly? from, CommandContext context) =>
        EnrollWithAsync(new EnrolmentInput(agreementId, from, StartingRoster: false), context);

    public async Task<CommandResult<WorkerView>> EnrollWithAsync(EnrolmentInput enrolment, CommandContext context)
    {
        if (await ReplayAsync(context) is { } replay)
        {
            return replay;
        }

        if (NotRegistered() is { } missing)
        {
            return missing;
        }

        var agreementId = enrolment.AgreementId;
        if (EnrolledIn(state.State, agreementId))
        {
            return CommandResult<WorkerView>.Fail(new WireError("worker.already_enrolled", $"Peserta sudah terdaftar dalam PKS {agreementId}."));
        }

        var (spans, refused) = await PlanEnrolmentAsync(state.State, enrolment, context);
        if (spans is null)
        {
            return CommandResult<WorkerView>.Fail(refused);
        }

        var next = Clone(state.State);
        next.Spans.AddRange(spans);
        next.Spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        try
        {
            return await CommitAsync(next, context, spans.Count > 1 ? ["worker.enrolled", "worker.gap_bridged"] : ["worker.enrolled"], []);
        }
        catch
        {
            await GrainFactory.GetGrain<IAgreementGrain>(agreementId).ReleaseAsync(Id, context);
            throw;
        }
    }

    private static bool EnrolledIn(WorkerState s, string agreementId) =>
        s.Spans.Any(x => x.AgreementId == agreementId && x.Funding == FundingKind.ApbdKabupaten);

    public async Task<CommandResult<WorkerView>> ImportAsync(WorkerProfileInput profile, string? agreementId, bool startingRoster, CommandContext context)
    {
        if (await ReplayAsync(context) is { } replay)
        {
            return replay;
        }

        var check = WorkerProfile.Create(ToInput(profile), Wib.DateOf(context.At));
        if (!check.IsValid)
        {
            return CommandResult<WorkerView>.Fail(Wire(check.Errors), Wire(check.Warnings));
        }

        var next = Clone(state.State);
        var actions = new List<string>();
        Nik? previousNik = null;
        if (!state.State.Registered)
        {
            Apply(next, check.Profile!);
            next.Registered = true;
            next.RegisteredAt = context.At;
            next.RegisteredBy = context.UserName;
            actions.Add("worker.registered");
        }
        else
        {
            previousNik = Domain.Identity.Nik.Parse(state.State.Nik).Value;
            Apply(next, check.Profile!);
            if (Snapshot(next) is var changed && AuditJson.Serialize(changed) != AuditJson.Serialize(Snapshot(state.State)))
            {
                actions.Add("worker.profile_updated");
            }
        }

        var warnings = Wire(check.Warnings).ToList();
        IAgreementGrain? reservedIn = null;
        if (agreementId is not null && !EnrolledIn(next, agreementId))
        {
            var enrolment = await PlanEnrolmentAsync(next, new EnrolmentInput(agreementId, null, startingRoster), context);
            if (enrolment.Spans is null)
            {
                warnings.Add(new WireError("import.enrol_failed", enrolment.Errors[0].Message));
            }
            else
            {
                next.Spans.AddRange(enrolment.Spans);
                next.Spans.Sort((a, b) => a.Start.CompareTo(b.Start));
                reservedIn = GrainFactory.GetGrain<IAgreementGrain>(agreementId);
                actions.Add("worker.enrolled");
            }
        }

        if (actions.Count == 0)
        {
            return CommandResult<WorkerView>.Ok(View(state.State, Wib.DateOf(context.At)), warnings);
        }

        try
        {
            return await CommitWithNikAsync(next, context, actions, check.Profile!.Nik, previousNik, warnings);
        }
        catch when (reservedIn is not null)
        {
            await reservedIn.ReleaseAsync(Id, context);
            throw;
        }
    }

    /// <summary>
    /// Checks an enrolment against the agreement (never backdated, bpjs-rules.md §3.3) and the timeline, adds the
    /// bridging arrears when asked, and takes the place in the agreement's quota; on refusal the spans are null and the
    /// errors say why.
    /// </summary>
    private async Task<(List<SpanState>? Spans, IReadOnlyList<WireError> Errors)> PlanEnrolmentAsync(
        WorkerState worker, EnrolmentInput enrolment, CommandContext context)
    {
        var agreementId = enrolment.AgreementId;
        var agreementGrain = GrainFactory.GetGrain<IAgreementGrain>(agreementId);
        var snapshot = enrolment.Terms ?? (await agreementGrain.GetAsync())?.Terms;
        if (snapshot is null)
        {
            return (null, [new WireError("agreement.not_found", $"PKS {agreementId} tidak ditemukan.")]);
        }

        var terms = snapshot.ToAgreement(agreementId);
        var period = terms.CoverageFor(Wib.DateOf(context.At), enrolment.From, enrolment.StartingRoster);
        if (!period.IsSuccess)
        {
            return (null, [WireError.From(period.Error!, "Mulai")]);
        }

        var timeline = Timeline(worker);
        var spans = new List<SpanState>();
        if (enrolment.BridgeGap)
        {
            var gap = Bridging.GapBefore(timeline, period.Value.Start);
            if (!gap.IsSuccess)
            {
                return (null, [WireError.From(gap.Error!)]);
            }

            spans.Add(new SpanState(gap.Value.Start, gap.Value.End, FundingKind.Arrears, agreementId, null));
        }

        spans.Add(new SpanState(period.Value.Start, period.Value.End, FundingKind.ApbdKabupaten, agreementId, null, terms.PartialMonthRule));
        foreach (var span in spans)
        {
            var added = timeline.Add(ToDomain(span));
            if (!added.IsSuccess)
            {
                return (null, [WireError.From(added.Error!)]);
            }

            timeline = added.Value;
        }

        if (enrolment.PlaceReserved)
        {
            return (spans, []); // the renewal job took the place for its chunk
        }

        var reserved = await agreementGrain.ReserveAsync(Id, period.Value.Start, context);
        return reserved.Succeeded ? (spans, []) : (null, reserved.Errors);
    }

    public async Task<CommandResult<WorkerView>> AddHistoricalPeriodAsync(HistoricalPeriodInput period, CommandContext context)
    {
        if (await ReplayAsync(context) is { } replay)
        {
            return replay;
        }

        if (NotRegistered() is { } missing)
        {
            return missing;
        }

        if (period.Funding is FundingKind.ApbdKabupaten or FundingKind.Arrears)
        {
            return CommandResult<WorkerView>.Fail(new WireError("coverage.use_enrolment",
                "Periode yang dibiayai PKS Kabupaten (termasuk tunggakan yang dibayar PKS) dicatat melalui pendaftaran ke PKS, bukan sebagai riwayat.", "Sumber"));
        }

        var note = period.Note?.Trim();
        if (note is { Length: > 500 })
        {
            return CommandResult<WorkerView>.Fail(new WireError("coverage.note_too_long", "Catatan paling banyak 500 karakter.", "Catatan"));
        }

        var created = CoveragePeriod.Create(period.Start, period.End);
        if (!created.IsSuccess)
        {
            return CommandResult<WorkerView>.Fail(created.Error!, "Periode");
        }

        var added = Timeline(state.State).Add(new CoverageSpan(created.Value, new Funding(period.Funding, null, note)));
        if (!added.IsSuccess)
        {
            return CommandResult<WorkerView>.Fail(added.Error!, "Periode");
        }

        var next = Clone(state.State);
        next.Spans.Add(new SpanState(period.Start, period.End, period.Funding, null, string.IsNullOrEmpty(note) ? null : note));
        next.Spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        return await CommitAsync(next, context, "worker.period_added", []);
    }

    public async Task<CommandResult<WorkerView>> RecordExitAsync(ExitInput exit, CommandContext context)
    {
        if (await ReplayAsync(context) is { } replay)
        {
            return replay;
        }

        if (NotRegistered() is { } missing)
        {
            return missing;
        }

        var today = Wib.DateOf(context.At);
        if (exit.Date > today)
        {
            return CommandResult<WorkerView>.Fail(new WireError("exit.future",
                $"Tanggal keluar {IndonesianFormat.Date(exit.Date)} belum terjadi.", "Tanggal"));
        }

        if (exit.Date < state.State.BirthDate)
        {
            return CommandResult<WorkerView>.Fail(new WireError("exit.before_birth",
                $"Tanggal keluar {IndonesianFormat.Date(exit.Date)} sebelum tanggal lahir peserta.", "Tanggal"));
        }

        var note = exit.Note?.Trim();
        if (note is { Length: > 500 })
        {
            return CommandResult<WorkerView>.Fail(new WireError("exit.note_too_long", "Catatan paling banyak 500 karakter.", "Catatan"));
        }

        if (!Enum.IsDefined(exit.Reason))
        {
            return CommandResult<WorkerView>.Fail(new WireError("exit.reason_unknown", "Alasan keluar tidak dikenal.", "Alasan"));
        }

        var timeline = Timeline(state.State);
        var recorded = timeline.RecordExit(new Exit(exit.Reason, exit.Date, string.IsNullOrEmpty(note) ? null : note));
        if (!recorded.IsSuccess)
        {
            return CommandResult<WorkerView>.Fail(recorded.Error!);
        }

        var next = Clone(state.State);
        next.Exit = new ExitState(exit.Reason, exit.Date, recorded.Value.Exit!.Note);
        var result = await CommitAsync(next, context, "worker.exited", []);

        // Agreements whose period the exit wipes out entirely give the place back to their quota.
        foreach (var voided in next.Spans.Where(s => s.AgreementId is not null && s.Start > exit.Date))
        {
            await GrainFactory.GetGrain<IAgreementGrain>(voided.AgreementId!).ReleaseAsync(Id, context);
        }

        return result;
    }

    public Task<WorkerView?> GetAsync(DateOnly asOf) =>
        Task.FromResult(state.State.Registered ? View(state.State, asOf) : null);

    public Task<string?> GetNikAsync() => Task.FromResult(state.State.Registered ? state.State.Nik : null);

    public Task<CoverageAnswer> GetCoverageOnAsync(DateOnly date) => Task.FromResult(Answer(Timeline(state.State), date));

    public async Task<bool> RepublishAsync()
    {
        if (!state.State.Registered)
        {
            return false;
        }

        await roster.PublishWorkerAsync(Row(state.State), Periods(state.State), MembershipRows(state.State), await ClaimRowsAsync(state.State), state.State.Outbox);
        return true;
    }

    private CommandResult<WorkerView>? NotRegistered() =>
        state.State.Registered ? null : CommandResult<WorkerView>.Fail(new WireError("worker.not_found", "Peserta tidak ditemukan."));

    /// <summary>A command already applied: publish again (heals a read model a failure left behind) and answer as before.</summary>
    private async Task<CommandResult<WorkerView>?> ReplayAsync(CommandContext context)
    {
        if (!state.State.Operations.Any(o => o.OperationId == context.OperationId))
        {
            return null;
        }

        await TryPublishAsync();
        return CommandResult<WorkerView>.Ok(View(state.State, Wib.DateOf(context.At)));
    }

    private async Task<CommandResult<WorkerView>> CommitWithNikAsync(
        WorkerState next, CommandContext context, string action, Nik nik, Nik? previousNik, IReadOnlyList<WireError> warnings) =>
        await CommitWithNikAsync(next, context, [action], nik, previousNik, warnings);

    private async Task<CommandResult<WorkerView>> CommitWithNikAsync(
        WorkerState next, CommandContext context, IReadOnlyList<string> actions, Nik nik, Nik? previousNik, IReadOnlyList<WireError> warnings)
    {
        var hash = fingerprinter.Fingerprint(nik);
        var changedNik = previousNik is null || previousNik.Value != nik.Value;
        if (changedNik)
        {
            var owner = await roster.ClaimNikAsync(hash, Id);
            if (owner != Id)
            {
                var existing = await roster.DescribeWorkerAsync(owner);
                var who = existing is { } e ? $"{e.Name} ({e.NikMasked})" : "peserta lain";
                return CommandResult<WorkerView>.Fail(
                    [new WireError("nik.duplicate", $"NIK ini sudah terdaftar untuk {who}, ID {owner}. Satu NIK hanya boleh terdaftar sekali.", "NIK")],
                    warnings);
            }
        }

        CommandResult<WorkerView> result;
        try
        {
            result = await CommitAsync(next, context, actions, warnings);
        }
        catch
        {
            if (changedNik)
            {
                await roster.ReleaseNikAsync(hash, Id);
            }

            throw;
        }

        if (changedNik && previousNik is not null)
        {
            await roster.ReleaseNikAsync(fingerprinter.Fingerprint(previousNik), Id);
        }

        return result;
    }

    private Task<CommandResult<WorkerView>> CommitAsync(WorkerState next, CommandContext context, string action, IReadOnlyList<WireError> warnings) =>
        CommitAsync(next, context, [action], warnings);

    private async Task<CommandResult<WorkerView>> CommitAsync(WorkerState next, CommandContext context, IReadOnlyList<string> actions, IReadOnlyList<WireError> warnings)
    {
        await CommitStateAsync(next, context, actions);
        return CommandResult<WorkerView>.Ok(View(next, Wib.DateOf(context.At)), warnings);
    }

    /// <summary>Persists <paramref name="next"/> with its operation record and audit entries, then publishes the read model.</summary>
    private async Task CommitStateAsync(WorkerState next, CommandContext context, IReadOnlyList<string> actions)
    {
        var previous = state.State;
        var before = previous.Registered ? Snapshot(previous) : null;
        next.Version = previous.Version + 1;
        next.UpdatedAt = context.At;
        next.UpdatedBy = context.UserName;
        var log = OperationRecord.ToLog(previous.Operations)
            .Record(context.OperationId, string.Join('+', actions), new Domain.Operations.Actor(context.UserId, context.UserName, context.At)).Log;
        next.Operations = OperationRecord.FromLog(log);
        var after = AuditJson.Serialize(Snapshot(next));
        var audit = actions.Select(action => new AuditRow(context.OperationId, "worker", Id.ToString(), action, context.At, context.UserId,
            context.UserName, AuditJson.Serialize(before), after)).ToList();
        next.Outbox = outboxPublished ? audit : [.. previous.Outbox, .. audit];

        await state.WriteOrRestoreAsync(next);

        outboxPublished = false;
        await TryPublishAsync();
    }

    private async Task TryPublishAsync()
    {
        try
        {
            await roster.PublishWorkerAsync(Row(state.State), Periods(state.State), MembershipRows(state.State), await ClaimRowsAsync(state.State), state.State.Outbox);
            outboxPublished = true;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            // The grain state is the truth and is saved; the read model catches up on the next call or activation.
            LogPublishFailed(Id, e.Message);
        }
    }

    private static void Apply(WorkerState s, WorkerProfile p)
    {
        s.Nik = p.Nik.Value;
        s.Name = p.Name;
        s.Sex = p.Sex;
        s.BirthDate = p.BirthDate;
        s.KecamatanCode = p.Kecamatan.Code;
        s.Desa = p.Desa;
        s.Occupation = p.Occupation.Kind;
        s.OccupationOther = p.Occupation.Other;
        s.Phone = p.Phone;
        s.Kpj = p.Kpj?.Value;
        s.Source = p.Source;
    }

    private static WorkerState Clone(WorkerState s) => new()
    {
        Registered = s.Registered,
        Nik = s.Nik,
        Name = s.Name,
        Sex = s.Sex,
        BirthDate = s.BirthDate,
        KecamatanCode = s.KecamatanCode,
        Desa = s.Desa,
        Occupation = s.Occupation,
        OccupationOther = s.OccupationOther,
        Phone = s.Phone,
        Kpj = s.Kpj,
        Source = s.Source,
        Spans = [.. s.Spans],
        Exit = s.Exit,
        Operations = [.. s.Operations],
        Outbox = [.. s.Outbox],
        Claims = [.. s.Claims],
        Family = [.. s.Family],
        Version = s.Version,
        RegisteredAt = s.RegisteredAt,
        RegisteredBy = s.RegisteredBy,
        UpdatedAt = s.UpdatedAt,
        UpdatedBy = s.UpdatedBy,
    };

    private static ProfileInput ToInput(WorkerProfileInput p) =>
        new(p.Nik, p.Name, p.Sex, p.BirthDate, p.Kecamatan, p.Desa, p.Occupation, p.Phone, p.Kpj, p.Source);

    private static IReadOnlyList<WireError> Wire(IEnumerable<FieldError> errors) => [.. errors.Select(e => WireError.From(e.Error, e.Field))];

    internal static CoverageTimeline Timeline(WorkerState s)
    {
        var spans = s.Spans.Select(ToDomain);
        var exit = s.Exit is { } e ? new Exit(e.Reason, e.Date, e.Note) : null;
        var timeline = CoverageTimeline.From(spans, exit);
        return timeline.IsSuccess ? timeline.Value : throw new InvalidOperationException($"Stored timeline is invalid: {timeline.Error}");
    }

    private static CoverageSpan ToDomain(SpanState x) =>
        new(CoveragePeriod.Of(x.Start, x.End), new Funding(x.Funding, x.AgreementId, x.Note, x.Billing));

    private static string OccupationLabel(WorkerState s) =>
        s.Occupation == OccupationKind.Lainnya
            ? Occupation.OtherThan(s.OccupationOther).Map(o => o.Label).Value
            : Occupation.Of(s.Occupation).Label;

    private static CoverageAnswer Answer(CoverageTimeline timeline, DateOnly date) => timeline.On(date) switch
    {
        CoverageStatus.Covered c => new(date, true, "covered", c.Explain(), c.Span.Period.Start, c.Span.Period.End, c.Span.Funding.AgreementId),
        CoverageStatus.BeforeFirstCoverage b => new(date, false, "before_first_coverage", b.Explain(), b.FirstCoverageStart, null, null),
        CoverageStatus.InGap g => new(date, false, "gap", g.Explain(), g.Gap.Start, g.Gap.End, null),
        CoverageStatus.Exited x => new(date, false, "exited", x.Explain(), x.Exit.Date, null, null),
        CoverageStatus.AfterLastCoverage a => new(date, false, "after_last_coverage", a.Explain(), null, a.LastCoverageEnd, a.LastFunding.AgreementId),
        var other => new(date, false, "never_covered", other.Explain(), null, null, null),
    };

    private WorkerView View(WorkerState s, DateOnly asOf)
    {
        var timeline = Timeline(s);
        var effective = timeline.Effective;
        var periods = timeline.Spans.Select(span =>
        {
            var cut = effective.FirstOrDefault(e => e.Period.Start == span.Period.Start);
            DateOnly? effectiveEnd = cut is null ? null : cut.Period.End;
            return new PeriodView(span.Period.Start, span.Period.End, effectiveEnd, span.Funding.Kind, span.Funding.AgreementId,
                span.Funding.Label, span.Funding.Note);
        }).ToList();
        var gaps = timeline.Gaps().Select(g => new GapView(g.Start, g.End, "Jeda")).ToList();
        var masaIur = timeline.MasaIurOn(asOf);
        var membership = MembershipTimeline.Of(timeline).On(asOf);
        var kecamatan = Kecamatan.Find(s.KecamatanCode);
        return new WorkerView(
            Id, Domain.Identity.Nik.Mask(s.Nik), s.Nik.StartsWith(Domain.Identity.Nik.KapuasPrefix, StringComparison.Ordinal), s.Name, s.Sex,
            s.BirthDate, s.KecamatanCode, kecamatan.IsSuccess ? kecamatan.Value.Name : s.KecamatanCode, s.Desa, s.Occupation,
            s.OccupationOther, OccupationLabel(s), s.Phone, s.Kpj, s.Source, periods,
            s.Exit is { } e ? new ExitView(e.Reason, e.Date, new Exit(e.Reason, e.Date, e.Note).Label, e.Note) : null,
            gaps, Answer(timeline, asOf), new MasaIurView(masaIur.CumulativeMonths, masaIur.SinceLapseMonths, masaIur.SinceLapseFrom, masaIur.LastLapse),
            s.Version, s.RegisteredAt, s.UpdatedAt, s.UpdatedBy,
            [.. s.Claims.OrderByDescending(c => c.IncidentAt).Select(c => new ClaimSummaryView(c.Id, c.Number, c.Type,
                Claim.TypeLabel(c.Type), c.State, ClaimStateMachine.Label(c.State), c.IncidentAt, c.PaidAmount))],
            FamilyViews(s), HeirOrder.Explain(s.Family.Select(m => m.ToDomain())), Membership(membership));
    }

    internal static MembershipView Membership(MembershipOnDate m) => new(
        m.Date, m.Status, MembershipOnDate.Label(m.Status), m.Explain(), m.Segment?.GraceUntil,
        m.Status == MembershipStatus.Lapsed ? m.Segment!.Start : null, m.Segment?.ProtectionEnded);

    /// <summary>What the audit trail keeps of a worker: everything but the full NIK.</summary>
    private static object Snapshot(WorkerState s) => new
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

    private ParticipantRow Row(WorkerState s)
    {
        var nik = Domain.Identity.Nik.Parse(s.Nik).Value;
        var timeline = Timeline(s);
        var effective = timeline.Effective;
        var latest = timeline.Latest;
        return new ParticipantRow(
            Id, fingerprinter.Fingerprint(nik), nik.Masked, nik.IsKapuas, s.Name, WorkerProfile.NameKey(s.Name), s.Sex == Sex.Female ? "P" : "L",
            s.BirthDate, s.KecamatanCode, s.Desa, s.Occupation.ToString(), s.OccupationOther, s.Phone, s.Kpj, s.Source.ToString(),
            s.Exit?.Reason.ToString(), s.Exit?.Date, effective.Count > 0 ? effective[0].Period.Start : null,
            latest?.Period.Start, latest?.Period.End, latest?.Funding.AgreementId,
            s.RegisteredAt, s.UpdatedAt, s.UpdatedBy, s.Version);
    }

    private static IReadOnlyList<MembershipRow> MembershipRows(WorkerState s) =>
        [.. MembershipTimeline.Of(Timeline(s)).Segments.Select(m => new MembershipRow(m.Start, m.End, m.Status.ToString(), m.ProtectionEnded, m.GraceUntil))];

    private static IReadOnlyList<PeriodRow> Periods(WorkerState s) =>
        [.. Timeline(s).Effective.Select(e => new PeriodRow(e.Period.Start, e.Period.End, e.Funding.Kind.ToString(), e.Funding.AgreementId))];


    [LoggerMessage(Level = LogLevel.Warning, Message = "Read model for worker {WorkerId} not updated, will retry: {Reason}")]
    private partial void LogPublishFailed(Guid workerId, string reason);
}
