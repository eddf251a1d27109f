using Kapuas.Domain.Agreements;
using Kapuas.Domain.Renewal;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Common;
using Kapuas.Grains.Renewal;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Renewal;

namespace Kapuas.Silo.Jobs;

/// <summary>
/// Fans an approved renewal out to the worker grains, a chunk at a time with bounded parallelism: quota places for
/// the chunk in one call, then one enrolment per worker from the coverage start the plan fixed. A run that ends in an
/// error is retried by Hangfire; after <see cref="RenewalStatuses.MaxAttempts"/> such runs in a row the renewal is
/// marked failed with the reason and the job stops, until an administrator starts it again (it resumes).
/// </summary>
public sealed partial class RenewalJob(RenewalStore store, IGrainFactory grains, TimeProvider clock, ILogger<RenewalJob> logger) : IRenewalJob
{
    public async Task RunAsync(Guid renewalId, string startedBy, CancellationToken cancellationToken)
    {
        var renewal = await store.GetAsync(renewalId);
        if (renewal is null || RenewalStatuses.Parse(renewal.Status) == RenewalStatus.Completed)
        {
            return;
        }

        if (renewal.BudgetProblem is not null || !await store.MarkRunningAsync(renewalId, startedBy, clock.GetUtcNow()))
        {
            LogNotApproved(renewalId);
            return;
        }

        try
        {
            await RunChunksAsync(renewal, renewal.ApprovedBy ?? startedBy, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var reason = $"{e.GetType().Name}: {e.Message}";
            if (await store.RecordRunFailureAsync(renewalId, reason[..Math.Min(reason.Length, 1000)], clock.GetUtcNow()))
            {
                LogGaveUp(renewalId, RenewalStatuses.MaxAttempts, e);
                return; // failed for good: shown with its reason; an administrator starts it again to resume
            }

            throw;
        }

        // A renewal with refused workers does not end as "completed": it ends "failed", with each refusal and its
        // reason on its item, ready for "Ulangi yang gagal".
        var failed = await store.FailedCountAsync(renewalId);
        await store.MarkFinishedAsync(renewalId, failed > 0 ? RenewalStatus.Failed : RenewalStatus.Completed,
            failed > 0 ? $"{failed} peserta ditolak; alasannya ada di laporan." : null, clock.GetUtcNow());
        LogCompleted(renewalId, failed);
    }

    private Task RunChunksAsync(RenewalSummary renewal, string user, CancellationToken cancellationToken)
    {
        var renewalId = renewal.RenewalId;
        var agreement = grains.GetGrain<IAgreementGrain>(renewal.ToAgreement);
        AgreementTermsInput? terms = null;
        CommandContext Context(Guid? operationId = null) => new(operationId ?? Guid.NewGuid(), user, user, clock.GetUtcNow());
        return new ChunkedFanOut<RenewalItem, Guid>
        {
            Pending = size => store.PendingAsync(renewalId, size),
            Key = item => item.WorkerId,

            // The direct path: the terms read once per chunk, the quota places taken for the chunk in one call; each
            // worker then enrols without calling the agreement.
            Prepare = async items =>
            {
                terms = await agreement.GetAsync() is { } open && open.Status.TakesWorkers()
                    ? open.Terms
                    : throw new InvalidOperationException($"PKS {renewal.ToAgreement} tidak ditemukan atau tidak lagi menerima peserta.");
                var reservation = await agreement.ReserveManyAsync([.. items.Select(i => i.WorkerId)], Context());
                return reservation.Succeeded
                    ? reservation.Value!.RefusedForQuota.Distinct().ToDictionary(id => id, _ => $"Kuota PKS {terms.Number} sudah penuh.")
                    : throw new InvalidOperationException(string.Join(" ", reservation.Errors.Select(e => e.Message)));
            },
            Apply = async item =>
            {
                var result = await grains.GetGrain<IWorkerGrain>(item.WorkerId).EnrollWithAsync(new EnrolmentInput(renewal.ToAgreement,
                    item.CoverageStart, StartingRoster: true, BridgeGap: renewal.BridgeGap && item.BridgeCost > 0, Terms: terms, PlaceReserved: true),
                    Context(item.OperationId));
                if (result.Succeeded || result.Errors.All(e => e.Code == "worker.already_enrolled"))
                {
                    return null;
                }

                // Refused since the plan was made (a death recorded meanwhile, say): the place taken for them goes back.
                await agreement.ReleaseAsync(item.WorkerId, Context());
                return string.Join(" ", result.Errors.Select(e => e.Message));
            },
            Record = outcomes => store.CompleteAsync(renewalId, outcomes, clock.GetUtcNow()),
            SystemFailure = e => $"Kesalahan sistem ({e.GetType().Name}); coba lagi.",
            OnTransient = (_, e) => LogItemRetry(renewalId, e.GetType().Name),
        }.RunAsync($"renewal {renewalId}", cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal {RenewalId} is not approved or over budget; nothing done")]
    private partial void LogNotApproved(Guid renewalId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal {RenewalId}: a worker will be retried ({Error})")]
    private partial void LogItemRetry(Guid renewalId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Renewal {RenewalId} failed {Attempts} runs in a row; marked failed until started again")]
    private partial void LogGaveUp(Guid renewalId, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewal {RenewalId} finished; {Failed} workers refused")]
    private partial void LogCompleted(Guid renewalId, int failed);
}
