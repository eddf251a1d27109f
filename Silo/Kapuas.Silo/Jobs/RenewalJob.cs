using System.Collections.Concurrent;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Common;
using Kapuas.Grains.Renewal;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Renewal;

namespace Kapuas.Silo.Jobs;

/// <summary>
/// Fans an approved renewal out to the worker grains, a chunk at a time with bounded parallelism: quota places for
/// the chunk in one call, then one enrolment per worker from the coverage start the plan fixed.
/// </summary>
public sealed partial class RenewalJob(RenewalStore store, IGrainFactory grains, TimeProvider clock, ILogger<RenewalJob> logger) : IRenewalJob
{
    private const int ChunkSize = 500;
    private const int Parallelism = 64;

    public async Task RunAsync(Guid renewalId, string startedBy, CancellationToken cancellationToken)
    {
        var renewal = await store.GetAsync(renewalId);
        if (renewal is null || renewal.Status == "completed")
        {
            return;
        }

        if (renewal.BudgetProblem is not null || !await store.MarkRunningAsync(renewalId, startedBy, clock.GetUtcNow()))
        {
            LogNotApproved(renewalId);
            return;
        }

        var agreement = grains.GetGrain<IAgreementGrain>(renewal.ToAgreement);
        var user = renewal.ApprovedBy ?? startedBy;
        while (!cancellationToken.IsCancellationRequested)
        {
            var items = await store.PendingAsync(renewalId, ChunkSize);
            if (items.Count == 0)
            {
                break;
            }

            await agreement.ReserveManyAsync([.. items.Select(i => i.WorkerId)], new CommandContext(Guid.NewGuid(), user, user, clock.GetUtcNow()));
            var outcomes = new ConcurrentBag<(Guid WorkerId, string? Failure)>();
            var transient = 0;
            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (item, _) =>
            {
                try
                {
                    var result = await grains.GetGrain<IWorkerGrain>(item.WorkerId)
                        .EnrollWithAsync(new EnrolmentInput(renewal.ToAgreement, item.CoverageStart, StartingRoster: true,
                                BridgeGap: renewal.BridgeGap && item.BridgeCost > 0),
                            new CommandContext(item.OperationId, user, user, clock.GetUtcNow()));
                    var ok = result.Succeeded || result.Errors.All(e => e.Code == "worker.already_enrolled");
                    if (!ok)
                    {
                        // Refused since the plan was made (a death recorded meanwhile, say): the place taken for them goes back.
                        await agreement.ReleaseAsync(item.WorkerId, new CommandContext(Guid.NewGuid(), user, user, clock.GetUtcNow()));
                    }

                    outcomes.Add((item.WorkerId, ok ? null : string.Join(" ", result.Errors.Select(e => e.Message))));
                }
                catch (Exception e) when (e is TimeoutException or OrleansException)
                {
                    Interlocked.Increment(ref transient);
                    LogItemRetry(renewalId, e.GetType().Name);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    outcomes.Add((item.WorkerId, $"Kesalahan sistem ({e.GetType().Name}); coba lagi."));
                }
            }).ContinueWith(_ => { }, TaskScheduler.Default); // cancellation stops new items; finished ones are still recorded

            await store.CompleteAsync(renewalId, [.. outcomes], clock.GetUtcNow());
            if (transient > 0)
            {
                throw new InvalidOperationException($"{transient} workers of renewal {renewalId} hit a transient failure; the job will be retried.");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        // A renewal with refused workers does not end as "completed": it ends "failed", with each refusal and its
        // reason on its item, ready for "Ulangi yang gagal".
        var failed = await store.FailedCountAsync(renewalId);
        await store.MarkFinishedAsync(renewalId, failed > 0 ? "failed" : "completed", clock.GetUtcNow());
        LogCompleted(renewalId, failed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal {RenewalId} is not approved or over budget; nothing done")]
    private partial void LogNotApproved(Guid renewalId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal {RenewalId}: a worker will be retried ({Error})")]
    private partial void LogItemRetry(Guid renewalId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewal {RenewalId} finished; {Failed} workers refused")]
    private partial void LogCompleted(Guid renewalId, int failed);
}
