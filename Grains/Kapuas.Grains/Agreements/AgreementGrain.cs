using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Grains.Common;
using Kapuas.Grains.ReadModel;
using Microsoft.Extensions.Logging;

namespace Kapuas.Grains.Agreements;

[GenerateSerializer, Alias("Kapuas.AgreementState")]
public sealed class AgreementState
{
    [Id(0)] public bool Defined { get; set; }

    [Id(1)] public AgreementTermsInput? Terms { get; set; }

    [Id(2)] public AgreementStatus Status { get; set; }

    [Id(3)] public List<OperationRecord> Operations { get; set; } = [];

    [Id(4)] public List<AuditRow> Outbox { get; set; } = [];

    [Id(5)] public long Version { get; set; }

    [Id(6)] public DateTimeOffset UpdatedAt { get; set; }

    [Id(7)] public string UpdatedBy { get; set; } = "";
}

/// <summary>
/// One PKS. Terms and status live in grain state; the places taken in its quota live in
/// <c>app.agreement_enrolments</c>, written under a per-agreement lock, so that the quota holds.
/// </summary>
public sealed partial class AgreementGrain(
    [PersistentState("agreement", GrainStorage.Name)] IPersistentState<AgreementState> state,
    IRosterStore roster,
    ILogger<AgreementGrain> logger) : Grain, IAgreementGrain
{
    // The workers holding a place, as in app.agreement_enrolments (loaded on activation; this grain is its only writer,
    // and every insert still goes through the locked SQL check, so a stale set can never overrun the quota).
    private HashSet<Guid> members = [];
    private bool outboxPublished;

    private int enrolled => members.Count;

    private Agreement? domainTerms;

    private string Code => this.GetPrimaryKeyString();

    /// <summary>The stored terms as a domain agreement, built once per change of terms (every enrolment reads them).</summary>
    private Agreement CurrentTerms => domainTerms ??= state.State.Terms!.ToAgreement(Code);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        members = [.. await roster.EnrolledAsync(Code)];
        if (state.State.Defined && state.State.Outbox.Count > 0)
        {
            await TryPublishAsync();
        }
    }

    public async Task<CommandResult<AgreementView>> DefineAsync(AgreementTermsInput terms, CommandContext context)
    {
        if (await ReplayAsync(context) is { } replay)
        {
            return replay;
        }

        if (state.State.Defined && state.State.Status != AgreementStatus.Draft)
        {
            return CommandResult<AgreementView>.Fail(new DomainError("agreement.locked", Code));
        }

        var validated = Agreement.Create(terms.ToTerms(Code));
        if (!validated.IsSuccess)
        {
            return CommandResult<AgreementView>.Fail(validated.Error!);
        }

        if (terms.Quota < enrolled)
        {
            return CommandResult<AgreementView>.Fail(new DomainError("agreement.quota_below_enrolled",
                IndonesianFormat.Number(terms.Quota), IndonesianFormat.Number(enrolled)));
        }

        var next = Clone(state.State);
        next.Defined = true;
        next.Terms = terms with { Number = validated.Value.Number };
        return await CommitAsync(next, context, state.State.Defined ? "agreement.terms_changed" : "agreement.created");
    }

    public async Task<CommandResult<AgreementView>> ChangeStatusAsync(AgreementStatus status, CommandContext context)
    {
        if (await ReplayAsync(context) is { } replay)
        {
            return replay;
        }

        if (!state.State.Defined)
        {
            return NotFound();
        }

        var allowed = (state.State.Status, status) switch
        {
            (AgreementStatus.Draft, AgreementStatus.Signed) => true,
            (AgreementStatus.Signed, AgreementStatus.Active) => true,
            (AgreementStatus.Active, AgreementStatus.Closed) => true,
            _ => false,
        };
        if (!allowed)
        {
            return CommandResult<AgreementView>.Fail(new DomainError("agreement.illegal_status", Term(state.State.Status), Term(status)));
        }

        var next = Clone(state.State);
        next.Status = status;
        return await CommitAsync(next, context, $"agreement.{status.ToString().ToLowerInvariant()}");
    }

    public async Task<CommandResult<CoveragePeriodView>> ReserveAsync(Guid workerId, DateOnly? from, CommandContext context)
    {
        if (!state.State.Defined)
        {
            return CommandResult<CoveragePeriodView>.Fail(new DomainError("agreement.not_found", Code));
        }

        if (!state.State.Status.TakesWorkers())
        {
            return CommandResult<CoveragePeriodView>.Fail(new DomainError("agreement.not_open", Code, Term(state.State.Status)));
        }

        var agreement = CurrentTerms;
        var period = agreement.CoverageFrom(from);
        if (!period.IsSuccess)
        {
            return CommandResult<CoveragePeriodView>.Fail(period.Error!, "Mulai");
        }

        if (members.Contains(workerId))
        {
            return CommandResult<CoveragePeriodView>.Ok(new CoveragePeriodView(period.Value.Start, period.Value.End));
        }

        var outcome = await roster.ReserveAsync(Code, workerId, agreement.Quota, context.At, context.UserName);
        if (outcome.Status != ReserveStatus.QuotaFull)
        {
            members.Add(workerId);
        }

        if (outcome.Status == ReserveStatus.QuotaFull)
        {
            return CommandResult<CoveragePeriodView>.Fail(new DomainError("agreement.quota_full",
                agreement.Number, IndonesianFormat.Number(outcome.Enrolled), IndonesianFormat.Number(agreement.Quota)));
        }

        return CommandResult<CoveragePeriodView>.Ok(new CoveragePeriodView(period.Value.Start, period.Value.End));
    }

    public async Task<CommandResult<ReservationSummary>> ReserveManyAsync(IReadOnlyList<Guid> workerIds, CommandContext context)
    {
        if (!state.State.Defined)
        {
            return CommandResult<ReservationSummary>.Fail(new DomainError("agreement.not_found", Code));
        }

        if (!state.State.Status.TakesWorkers())
        {
            return CommandResult<ReservationSummary>.Fail(new DomainError("agreement.not_open", Code, Term(state.State.Status)));
        }

        var wanted = workerIds.Distinct().Where(id => !members.Contains(id)).ToList();
        var held = workerIds.Distinct().Count() - wanted.Count;
        if (wanted.Count == 0)
        {
            return CommandResult<ReservationSummary>.Ok(new ReservationSummary(0, held, [], members.Count));
        }

        var quota = CurrentTerms.Quota;
        var reserved = await roster.ReserveManyAsync(Code, wanted, quota, context.At, context.UserName);
        members.UnionWith(reserved);
        var refused = wanted.Except(reserved).ToList();
        return CommandResult<ReservationSummary>.Ok(new ReservationSummary(reserved.Count, held, refused, members.Count));
    }

    public async Task ReleaseAsync(Guid workerId, CommandContext context)
    {
        await roster.ReleaseAsync(Code, workerId);
        members.Remove(workerId);
    }

    public Task<AgreementView?> GetAsync() => Task.FromResult(state.State.Defined ? View(state.State) : null);

    private static string Term(AgreementStatus status) => Phrase.Term(status switch
    {
        AgreementStatus.Draft => "agreement.status.Draft",
        AgreementStatus.Signed => "agreement.status.Signed",
        AgreementStatus.Active => "agreement.status.Active",
        _ => "agreement.status.Closed",
    });

    private CommandResult<AgreementView> NotFound() =>
        CommandResult<AgreementView>.Fail(new DomainError("agreement.not_found", Code));

    private async Task<CommandResult<AgreementView>?> ReplayAsync(CommandContext context)
    {
        if (!state.State.Operations.Any(o => o.OperationId == context.OperationId))
        {
            return null;
        }

        await TryPublishAsync();
        return CommandResult<AgreementView>.Ok(View(state.State));
    }

    private async Task<CommandResult<AgreementView>> CommitAsync(AgreementState next, CommandContext context, string action)
    {
        var previous = state.State;
        next.Version = previous.Version + 1;
        next.UpdatedAt = context.At;
        next.UpdatedBy = context.UserName;
        next.Operations = OperationRecord.FromLog(OperationRecord.ToLog(previous.Operations)
            .Record(context.OperationId, action, new Domain.Operations.Actor(context.UserId, context.UserName, context.At)).Log);
        var audit = new AuditRow(context.OperationId, "agreement", Code, action, context.At, context.UserId, context.UserName,
            previous.Defined ? AuditJson.Serialize(new { previous.Terms, previous.Status }) : null,
            AuditJson.Serialize(new { next.Terms, next.Status }));
        next.Outbox = outboxPublished ? [audit] : [.. previous.Outbox, audit];

        await state.WriteOrRestoreAsync(next);
        domainTerms = null;

        outboxPublished = false;
        await TryPublishAsync();
        return CommandResult<AgreementView>.Ok(View(next));
    }

    private async Task TryPublishAsync()
    {
        var s = state.State;
        var agreement = CurrentTerms;
        var row = new AgreementRow(Code, agreement.Number, agreement.BudgetYear, agreement.Period.Start, agreement.Period.End,
            agreement.Quota, agreement.BudgetCeiling.Rupiah, agreement.DeclaredIncome.Rupiah, agreement.CostPerWorker.Rupiah,
            agreement.Payer.ToString(), s.Status.ToString(), s.UpdatedAt, s.Version, agreement.PayerKecamatanCode, agreement.PayerDesa, agreement.PayerName);
        try
        {
            await roster.PublishAgreementAsync(row, s.Outbox);
            outboxPublished = true;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            LogPublishFailed(Code, e.Message);
        }
    }

    private static AgreementState Clone(AgreementState s) => new()
    {
        Defined = s.Defined,
        Terms = s.Terms,
        Status = s.Status,
        Operations = [.. s.Operations],
        Outbox = [.. s.Outbox],
        Version = s.Version,
        UpdatedAt = s.UpdatedAt,
        UpdatedBy = s.UpdatedBy,
    };

    private AgreementView View(AgreementState s)
    {
        var perWorker = CurrentTerms.CostPerWorker;
        return new AgreementView(Code, s.Terms!, s.Status, enrolled, perWorker.Rupiah,
            (perWorker * enrolled).Rupiah, (perWorker * CurrentTerms.Quota).Rupiah, s.UpdatedAt, s.UpdatedBy);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Read model for agreement {Agreement} not updated, will retry: {Reason}")]
    private partial void LogPublishFailed(string agreement, string reason);
}
