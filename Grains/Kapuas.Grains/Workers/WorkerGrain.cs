using System.Collections.Immutable;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Identity;
using Kapuas.Domain.Operations;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Common;
using Kapuas.Grains.ReadModel;
using Microsoft.Extensions.Logging;

namespace Kapuas.Grains.Workers;

/// <summary>
/// A thin shell around the <see cref="Worker"/> aggregate: load state, fetch what the rules need from elsewhere,
/// ask the aggregate, take or give back quota places, persist, publish to the read model, and answer with a
/// projection. Each command runs once per operation id. Its answers' texts are in the caller's language when the call
/// says which (<see cref="CallCulture"/>), else in Bahasa Indonesia.
/// </summary>
public sealed partial class WorkerGrain(
    [PersistentState("worker", GrainStorage.Name)] IPersistentState<WorkerState> state,
    IRosterStore roster,
    NikFingerprinter fingerprinter,
    IHolidayCalendarSource holidays,
    IInstallationDecisionSource decisions,
    ILogger<WorkerGrain> logger) : Grain, IWorkerGrain, IIncomingGrainCallFilter
{
    private readonly Dictionary<string, Money> declaredIncomes = new(StringComparer.Ordinal);
    private readonly List<string> placesTaken = [];
    private Worker worker = Worker.Unregistered;
    private bool outboxPublished;

    // The audit snapshot of the state as stored, kept from the last write: the next change's "before" (null until then).
    private string? storedSnapshot;

    private Guid Id => this.GetPrimaryKey();

    /// <summary>Every call runs in the caller's UI culture, or Bahasa Indonesia.</summary>
    Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context) => CallCulture.InvokeAsync(context);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        worker = state.State.ToDomain();
        if (worker.IsRegistered && state.State.Outbox.Count > 0)
        {
            await TryPublishAsync();
        }
    }

    // ---- Profile and coverage ---------------------------------------------------------------------------------------

    public Task<CommandResult<WorkerView>> RegisterAsync(WorkerProfileInput profile, CommandContext context) =>
        WorkerCommandAsync(context, w => Task.FromResult(w.Register(ToInput(profile), Actor(context))));

    public Task<CommandResult<WorkerView>> UpdateProfileAsync(WorkerProfileInput profile, CommandContext context) =>
        WorkerCommandAsync(context, w => Task.FromResult(w.UpdateProfile(ToInput(profile), Actor(context))));

    public Task<CommandResult<WorkerView>> EnrollAsync(string agreementId, DateOnly? from, CommandContext context) =>
        EnrollWithAsync(new EnrolmentInput(agreementId, from, StartingRoster: false), context);

    /// <summary>
    /// Enrols with the agreement's terms (as the renewal job sends them, or read from the agreement) and takes the
    /// place in its quota, unless the caller already did (the renewal job reserves a chunk's places at once).
    /// </summary>
    public Task<CommandResult<WorkerView>> EnrollWithAsync(EnrolmentInput enrolment, CommandContext context) =>
        WorkerCommandAsync(context, async w =>
        {
            var id = enrolment.AgreementId;
            var terms = w.IsRegistered && !w.EnrolledIn(id) ? await TermsAsync(id, enrolment.Terms) : null;
            var outcome = w.Enrol(id, terms, enrolment.From, enrolment.StartingRoster, enrolment.BridgeGap, Actor(context));
            if (outcome.Change is { } change && !enrolment.PlaceReserved && await TakePlaceAsync(change, id, context) is { } refused)
            {
                return outcome with { Change = null, Errors = refused };
            }

            return outcome.Change is { } enrolled ? outcome.Warn(await DoubleCoverWarningsAsync(enrolled.Next, id, terms!)) : outcome;
        });

    public Task<CommandResult<WorkerView>> ImportAsync(WorkerProfileInput profile, EnrolmentInput? enrolment, CommandContext context) =>
        WorkerCommandAsync(context, async w =>
        {
            var input = ToInput(profile);
            var actor = Actor(context);
            if (enrolment is null || w.EnrolledIn(enrolment.AgreementId))
            {
                return w.Import(input, actor, enrol: null);
            }

            var id = enrolment.AgreementId;
            var terms = await TermsAsync(id, enrolment.Terms);
            var today = Wib.DateOf(context.At);
            var outcome = w.Import(input, actor,
                next => terms is null ? Worker.AgreementNotFound(id) : next.PlanEnrolment(terms, enrolment.From, enrolment.StartingRoster, enrolment.BridgeGap, today),
                next => terms is null ? Worker.AgreementNotFound(id) : next.PlanHeldCover(terms, enrolment.From, enrolment.StartingRoster, today));
            var enrolled = outcome.Change is { } change && (change.Actions.Contains("worker.enrolled") || change.Actions.Contains(Worker.DoubleCoverHeldAction));
            if (enrolled && !enrolment.PlaceReserved && await TakePlaceAsync(outcome.Change!, id, context) is { } refused)
            {
                return w.Import(input, actor, _ => refused[0].Error);
            }

            return enrolled && terms is not null
                ? outcome.Warn(await DoubleCoverWarningsAsync(outcome.Change!.Next, id, terms))
                : outcome;
        });

    public Task<CommandResult<WorkerView>> AddHistoricalPeriodAsync(HistoricalPeriodInput period, CommandContext context) =>
        WorkerCommandAsync(context, w => Task.FromResult(w.AddHistoricalPeriod(period.Start, period.End, period.Funding, period.Note, Actor(context))));

    public Task<CommandResult<WorkerView>> ResolveDoubleCoverAsync(string keeperAgreementId, CommandContext context) =>
        WorkerCommandAsync(context, async w =>
        {
            var ids = w.PayerPeriods.Select(s => s.Funding.AgreementId!).Distinct(StringComparer.Ordinal).ToList();
            var terms = await Task.WhenAll(ids.Select(id => TermsAsync(id, null))); // every agreement's grain asked at once
            var agreements = terms.OfType<Agreement>().ToDictionary(a => a.Id, StringComparer.Ordinal);
            return w.ResolveDoubleCover(keeperAgreementId, agreements, Actor(context));
        });

    public Task<CommandResult<WorkerView>> RecordExitAsync(ExitInput exit, CommandContext context) =>
        WorkerCommandAsync(context, w => Task.FromResult(w.RecordExit(exit.Reason, exit.Date, exit.Note, Actor(context))));

    /// <summary>Reverses a recorded death: the periods it had wiped out take their quota places back, or are dropped when the place is gone.</summary>
    public Task<CommandResult<WorkerView>> ReverseDeathAsync(string reason, CommandContext context) =>
        WorkerCommandAsync(context, async w =>
        {
            var dropped = new List<(CoverageSpan, string)>();
            foreach (var span in w.CheckDeathReversal(reason) is { IsSuccess: true } restored ? restored.Value : [])
            {
                var agreementId = span.Funding.AgreementId!;
                var result = await Agreement(agreementId).ReserveAsync(Id, span.Period.Start, context);
                if (result.Succeeded)
                {
                    placesTaken.Add(agreementId);
                }
                else
                {
                    dropped.Add((span, Phrase.List(result.Errors.Select(e => e.ToDomainError().Phrase.AsArgument()))));
                }
            }

            return w.ReverseDeath(reason, dropped, Actor(context));
        });

    public Task<CommandResult<WorkerView>> SaveFamilyMemberAsync(FamilyMemberInput m, CommandContext context) =>
        WorkerCommandAsync(context, w => Task.FromResult(w.SaveFamilyMember(m.Id ?? context.OperationId, m.Id is null, m.Name, m.Nik, m.Relationship,
            m.BirthDate, m.Level, m.Married, m.Working, Actor(context))));

    public Task<CommandResult<WorkerView>> RemoveFamilyMemberAsync(Guid memberId, CommandContext context) =>
        WorkerCommandAsync(context, w => Task.FromResult(w.RemoveFamilyMember(memberId, Actor(context))));

    public Task<WorkerView?> GetAsync(DateOnly asOf) => Task.FromResult(worker.IsRegistered ? WorkerProjection.View(Id, worker, asOf) : null);

    public Task<string?> GetNikAsync() => Task.FromResult(worker.Details?.Nik);

    public Task<CoverageAnswer> GetCoverageOnAsync(DateOnly date) => Task.FromResult(WorkerProjection.Answer(worker.CoverageOn(date)));

    public async Task<bool> RepublishAsync()
    {
        if (!worker.IsRegistered)
        {
            return false;
        }

        await PublishAsync();
        return true;
    }

    // ---- Claims -----------------------------------------------------------------------------------------------------

    public Task<CommandResult<ClaimView>> OpenClaimAsync(ClaimIntakeInput i, CommandContext context) =>
        ClaimCommandAsync(context, i.ClaimId ?? context.OperationId, (w, claimId) => Task.FromResult(w.OpenClaim(claimId, i.Type, i.IncidentAt,
            i.Place, i.Description, i.OnCommute, i.TrafficAccident, i.Reporter, i.ReporterName, i.ReporterContact, i.DiedOn, Actor(context))));

    public Task<CommandResult<ClaimView>> RecordClaimDocumentAsync(Guid claimId, DocumentInput d, CommandContext context) =>
        ChangeClaimAsync(claimId, context, "claim.document_recorded",
            claim => claim.RecordDocument(d.Kind, d.ReceivedOn, d.OriginalSighted, d.Note, Wib.DateOf(context.At)));

    public Task<CommandResult<ClaimView>> RecordClaimDocumentsAsync(Guid claimId, IReadOnlyList<DocumentInput> documents, CommandContext context) =>
        ChangeClaimAsync(claimId, context, "claim.documents_recorded",
            claim => claim.RecordDocuments(documents.Select(d => (d.Kind, d.ReceivedOn, d.OriginalSighted, d.Note)), Wib.DateOf(context.At)));

    public Task<CommandResult<ClaimView>> AttachClaimDocumentAsync(Guid claimId, AttachmentInput a, CommandContext context) =>
        ChangeClaimAsync(claimId, context, "claim.attachment_added", claim => claim.Attach(a.Kind,
            new AttachmentRef(a.AttachmentId, AttachmentCheck.SafeName(a.FileName), a.Type, a.Size, context.At, context.UserName)));

    public Task<CommandResult<ClaimView>> RecordFirstReportAsync(Guid claimId, DateTimeOffset reportedAt, CommandContext context) =>
        ChangeClaimAsync(claimId, context, "claim.first_report_recorded", claim => claim.RecordFirstReport(reportedAt, context.At));

    public Task<CommandResult<ClaimView>> AssignClaimAsync(Guid claimId, string userName, CommandContext context) =>
        ChangeClaimAsync(claimId, context, "claim.assigned", claim => claim.Assign(userName));

    public Task<CommandResult<ClaimView>> MoveClaimAsync(Guid claimId, TransitionInput t, CommandContext context) =>
        ClaimCommandAsync(context, claimId, async (w, _) =>
        {
            var estimate = await EstimatorAsync(w, claimId, Wib.DateOf(context.At));
            var details = new TransitionDetails(t.BpjsReference, t.Reason, t.PaidAmount is { } paid ? new Money(paid) : null, t.PaidOn, t.Recipient,
                t.ApprovedAmount is { } approved ? new Money(approved) : null);
            return w.MoveClaim(claimId, t.To, details, estimate, Actor(context));
        });

    public Task<CommandResult<ClaimView>> RecordScholarshipAsync(Guid claimId, ScholarshipInput s, CommandContext context) =>
        ClaimCommandAsync(context, claimId, (w, _) => Task.FromResult(w.RecordScholarship(claimId, s.ChildId, s.EndReason, s.EndedOn,
            new ScholarshipYear(s.Year, s.Level, s.ClaimedOn, s.Paid is { } p ? new Money(p) : null, s.PaidOn), Actor(context))));

    public Task<CommandResult<ClaimView>> RecordScholarshipDecisionAsync(Guid claimId, ScholarshipDecisionInput d, CommandContext context) =>
        ClaimCommandAsync(context, claimId, async (w, _) =>
        {
            var estimate = await EstimatorAsync(w, claimId, Wib.DateOf(context.At));
            return w.FindClaim(claimId) is { } claim
                ? w.RecordScholarshipDecision(claimId, d.Granted, d.BpjsReference, d.Note, estimate(claim.Claim), Actor(context))
                : WorkerOutcome.Refuse(Worker.ClaimNotFound);
        });

    public Task<ClaimView?> GetClaimAsync(Guid claimId, DateTimeOffset now) => ClaimViewAsync(claimId, now);

    private Task<CommandResult<ClaimView>> ChangeClaimAsync(Guid claimId, CommandContext context, string action, Func<Claim, Result<Claim>> change) =>
        ClaimCommandAsync(context, claimId, (w, _) => Task.FromResult(w.ChangeClaim(claimId, action, change, Actor(context))));

    // ---- Running a command ------------------------------------------------------------------------------------------

    private async Task<CommandResult<WorkerView>> WorkerCommandAsync(CommandContext context, Func<Worker, Task<WorkerOutcome>> command)
    {
        if (!await ReplayAsync(context))
        {
            var outcome = await DecideAsync(context, command);
            if (outcome.Refused)
            {
                return CommandResult<WorkerView>.Fail(Wire(outcome.Errors), Wire(outcome.Warnings));
            }

            return CommandResult<WorkerView>.Ok(WorkerProjection.View(Id, worker, Wib.DateOf(context.At)), Wire(outcome.Warnings));
        }

        return CommandResult<WorkerView>.Ok(WorkerProjection.View(Id, worker, Wib.DateOf(context.At)));
    }

    private async Task<CommandResult<ClaimView>> ClaimCommandAsync(CommandContext context, Guid claimId, Func<Worker, Guid, Task<WorkerOutcome>> command)
    {
        var replayed = await ReplayAsync(context);
        var outcome = replayed ? null : await DecideAsync(context, w => command(w, claimId));
        if (outcome is { Refused: true })
        {
            return CommandResult<ClaimView>.Fail(Wire(outcome.Errors), Wire(outcome.Warnings));
        }

        return await ClaimViewAsync(claimId, context.At) is { } view
            ? CommandResult<ClaimView>.Ok(view, outcome is null ? [] : Wire(outcome.Warnings))
            : CommandResult<ClaimView>.Fail(WireError.From(Worker.ClaimNotFound));
    }

    /// <summary>A command already applied: publish again (heals a read model a failure left behind) and answer as before.</summary>
    private async Task<bool> ReplayAsync(CommandContext context)
    {
        if (!state.State.Operations.Any(o => o.OperationId == context.OperationId))
        {
            return false;
        }

        await TryPublishAsync();
        return true;
    }

    /// <summary>
    /// Runs a command and commits its change; quota places the command took are given back when it ends refused or
    /// fails, and those the change frees are given back once it is stored.
    /// </summary>
    private async Task<WorkerOutcome> DecideAsync(CommandContext context, Func<Worker, Task<WorkerOutcome>> command)
    {
        placesTaken.Clear();
        WorkerOutcome outcome;
        try
        {
            outcome = await command(worker);
            if (outcome.Change is { } change && await CommitAsync(change, context) is { } duplicate)
            {
                outcome = outcome with { Change = null, Errors = [duplicate] };
            }
        }
        catch
        {
            await ReleaseAsync(placesTaken, context);
            throw;
        }

        await ReleaseAsync(outcome.Refused ? placesTaken : outcome.Change?.PlacesToRelease ?? [], context);
        return outcome;
    }

    private async Task ReleaseAsync(IReadOnlyList<string> agreementIds, CommandContext context)
    {
        foreach (var agreementId in agreementIds.ToList())
        {
            await Agreement(agreementId).ReleaseAsync(Id, context);
        }
    }

    /// <summary>Stores a change; a NIK new to this worker is claimed first (refused when another worker holds it).</summary>
    private async Task<Problem?> CommitAsync(WorkerChange change, CommandContext context)
    {
        var previousNik = worker.Details?.Nik;
        var nik = change.Next.Details?.Nik;
        var claimed = nik is not null && nik != previousNik ? fingerprinter.Fingerprint(Domain.Identity.Nik.Parse(nik).Value) : null;
        if (claimed is not null && await roster.ClaimNikAsync(claimed, Id) is var owner && owner != Id)
        {
            var existing = await roster.DescribeWorkerAsync(owner);
            var who = existing is { } e ? new Phrase("nik.duplicate.owner", e.Name, e.NikMasked) : new Phrase("nik.duplicate.other");
            return new Problem(new DomainError("nik.duplicate", who.AsArgument(), owner.ToString()), "NIK");
        }

        try
        {
            await PersistAsync(change, context);
        }
        catch when (claimed is not null)
        {
            await roster.ReleaseNikAsync(claimed, Id);
            throw;
        }

        if (claimed is not null && previousNik is not null)
        {
            await roster.ReleaseNikAsync(fingerprinter.Fingerprint(Domain.Identity.Nik.Parse(previousNik).Value), Id);
        }

        return null;
    }

    /// <summary>Writes the new state with its operation record and audit entries (kept in an outbox until published), then publishes.</summary>
    private async Task PersistAsync(WorkerChange change, CommandContext context)
    {
        var previous = state.State;
        var log = OperationRecord.ToLog(previous.Operations).Record(context.OperationId, string.Join('+', change.Actions), Actor(context)).Log;
        var next = change.Next.ToState(OperationRecord.FromLog(log), []);
        var before = storedSnapshot ?? AuditJson.Serialize(WorkerProjection.AuditSnapshot(previous));
        var after = AuditJson.Serialize(WorkerProjection.AuditSnapshot(next));
        var audit = change.Actions.Select(action => new AuditRow(context.OperationId, "worker", Id.ToString(), action, context.At, context.UserId,
            context.UserName, before, after));
        next.Outbox = outboxPublished ? [.. audit] : [.. previous.Outbox, .. audit];

        await state.WriteOrRestoreAsync(next);
        worker = change.Next;
        storedSnapshot = after;
        outboxPublished = false;
        await TryPublishAsync();
    }

    private async Task TryPublishAsync()
    {
        try
        {
            await PublishAsync();
            outboxPublished = true;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            // The grain state is the truth and is saved; the read model catches up on the next call or activation.
            LogPublishFailed(Id, e.Message);
        }
    }

    private async Task PublishAsync()
    {
        var claims = worker.Claims.IsEmpty ? [] : WorkerProjection.ClaimRows(worker, await holidays.GetAsync());
        await roster.PublishWorkerAsync(WorkerProjection.Row(Id, worker, fingerprinter.Fingerprint(Domain.Identity.Nik.Parse(worker.Registered.Nik).Value)),
            WorkerProjection.Periods(worker), WorkerProjection.MembershipRows(worker), claims, state.State.Outbox);
    }

    // ---- What the rules need from elsewhere -------------------------------------------------------------------------

    private IAgreementGrain Agreement(string agreementId) => GrainFactory.GetGrain<IAgreementGrain>(agreementId);

    /// <summary>
    /// A warning for each other payer that bills the same months as the agreement just enrolled in (bpjs-rules.md §6.2:
    /// public money paid twice): the other payer, the months and the money at stake. Only agreements whose periods meet
    /// the new one in some month are read, so a renewal into the next year's agreement reads none.
    /// </summary>
    private async Task<IEnumerable<Problem>> DoubleCoverWarningsAsync(Worker next, string agreementId, Agreement agreement)
    {
        var mine = next.PayerPeriods.Where(s => s.Funding.AgreementId == agreementId).ToList();
        var held = next.HeldCovers.Any(s => s.Funding.AgreementId == agreementId);
        static bool SameMonth(CoveragePeriod a, CoveragePeriod b) =>
            YearMonth.Of(a.Start) <= YearMonth.Of(b.End) && YearMonth.Of(b.Start) <= YearMonth.Of(a.End);
        var others = next.PayerPeriods
            .Where(s => s.Funding.AgreementId != agreementId && mine.Any(m => SameMonth(m.Period, s.Period)))
            .ToList();
        if (others.Count == 0)
        {
            return [];
        }

        var covers = mine.Select(s => new PayerCover(agreement, s.Period)).ToList();
        foreach (var periods in others.GroupBy(s => s.Funding.AgreementId!)) // each other agreement read once
        {
            if (await TermsAsync(periods.Key, null) is { } other)
            {
                covers.AddRange(periods.Select(s => new PayerCover(other, s.Period)));
            }
        }

        return DoubleCover.Find(covers, next.Timeline.Exit)
            .Where(o => o.First.AgreementId == agreementId || o.Second.AgreementId == agreementId)
            .Select(o => new Problem(new DomainError(held ? "double_cover.held" : "double_cover.at_enrolment", o.Explanation.AsArgument())));
    }

    private async Task<Agreement?> TermsAsync(string agreementId, AgreementTermsInput? given) =>
        (given ?? (await Agreement(agreementId).GetAsync())?.Terms)?.ToAgreement(agreementId);

    /// <summary>Takes the place in the agreement's quota for the period the change enrols in; the refusal when there is none left.</summary>
    private async Task<ImmutableArray<Problem>?> TakePlaceAsync(WorkerChange change, string agreementId, CommandContext context)
    {
        var start = change.Next.PayerPeriods.First(s => s.Funding.AgreementId == agreementId).Period.Start;
        var reserved = await Agreement(agreementId).ReserveAsync(Id, start, context);
        if (!reserved.Succeeded)
        {
            return [.. reserved.Errors.Select(e => new Problem(e.ToDomainError(), e.Field))];
        }

        placesTaken.Add(agreementId);
        return null;
    }

    /// <summary>The estimate of a claim on this worker, with the covering agreement's declared income and the installation's masa iur reading.</summary>
    private async Task<Func<Claim, ClaimEstimate>> EstimatorAsync(Worker w, Guid claimId, DateOnly today)
    {
        var coverage = w.FindClaim(claimId) is { } claim ? w.CoverageOn(claim.Claim.Incident.Date) : null;
        var income = await DeclaredIncomeAsync(coverage is { IsCovered: true } ? coverage.AgreementId : null);
        var reading = (await decisions.GetAsync()).Reading;
        return c => w.Estimate(c, income, reading, today);
    }

    /// <summary>The income the benefit is a multiple of: the one the covering agreement declared, else the lowest bracket.</summary>
    private async Task<Money> DeclaredIncomeAsync(string? agreementId)
    {
        if (agreementId is null)
        {
            return Domain.Agreements.Agreement.DefaultDeclaredIncome;
        }

        if (!declaredIncomes.TryGetValue(agreementId, out var income))
        {
            var agreement = await Agreement(agreementId).GetAsync();
            income = agreement is null ? Domain.Agreements.Agreement.DefaultDeclaredIncome : new Money(agreement.Terms.DeclaredIncome);
            declaredIncomes[agreementId] = income;
        }

        return income;
    }

    private async Task<ClaimView?> ClaimViewAsync(Guid claimId, DateTimeOffset now)
    {
        if (worker.FindClaim(claimId) is not { } claim)
        {
            return null;
        }

        var estimate = (await EstimatorAsync(worker, claimId, Wib.DateOf(now)))(claim.Claim);
        return WorkerProjection.ClaimView(Id, worker, claim, estimate, await holidays.GetAsync(), now);
    }

    private static Actor Actor(CommandContext context) => new(context.UserId, context.UserName, context.At);

    private static ProfileInput ToInput(WorkerProfileInput p) =>
        new(p.Nik, p.Name, p.Sex, p.BirthDate, p.Kecamatan, p.Desa, p.Occupation, p.Phone, p.Kpj, p.Source);

    private static IReadOnlyList<WireError> Wire(IEnumerable<Problem> problems) => [.. problems.Select(p => WireError.From(p.Error, p.Field))];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Read model for worker {WorkerId} not updated, will retry: {Reason}")]
    private partial void LogPublishFailed(Guid workerId, string reason);
}
