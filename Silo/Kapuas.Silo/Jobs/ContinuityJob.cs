using System.Collections.Concurrent;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Continuity;
using Kapuas.Domain.Family;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Continuity;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Continuity;

namespace Kapuas.Silo.Jobs;

/// <summary>Assesses each watched PKS with <see cref="ContinuityGuard"/> and stores the result and the alerts due.</summary>
public sealed partial class ContinuityJob(
    IGrainFactory grains, ContinuityStore store, IRosterRebuildJob rebuild, TimeProvider clock, ILogger<ContinuityJob> logger) : IContinuityJob
{
    private const int Parallelism = 16;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (await store.ReadModelBehindAsync())
        {
            // The first run after an upgrade: every worker publishes its read-model rows (membership, scholarship rights) once.
            LogRebuilding();
            await rebuild.RunAsync();
        }

        var now = clock.GetUtcNow();
        var today = Wib.DateOf(now);
        var views = await Task.WhenAll((await store.AgreementsAsync()).Select(id => grains.GetGrain<IAgreementGrain>(id).GetAsync()));
        var all = views.OfType<AgreementView>().Select(v => (Agreement: v.Terms.ToAgreement(v.Id), v.Status)).ToList();
        var assessed = 0;
        foreach (var id in await store.WatchedAgreementsAsync(today))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (all.FirstOrDefault(a => a.Agreement.Id == id).Agreement is not { } ending)
            {
                continue;
            }

            var end = ending.Period.End;
            var cohort = await store.CohortAsync(id, end);
            var facts = new ConcurrentBag<CohortFacts>();
            await Parallel.ForEachAsync(cohort, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (workerId, _) =>
            {
                if (await grains.GetGrain<IWorkerGrain>(workerId).GetAsync(end) is { } worker)
                {
                    var children = worker.Family.Count(m => m.Relationship == Relationship.Child && m.BirthDate is { } born && born.AddYears(BenefitEstimator.ScholarshipMaxAge) > end);
                    facts.Add(new CohortFacts(workerId, children, worker.MasaIur.SinceLapseMonths, worker.MasaIur.CumulativeMonths));
                }
            });

            var assessment = ContinuityGuard.Assess(ending, all, cohort.Count, today);
            await store.SaveAsync(assessment, [.. facts], now);
            LogAssessed(id, cohort.Count, assessment.Alerts.Count);
            assessed++;
        }

        return assessed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The read model lags behind this version (membership segments or scholarship rights not published): rebuilding it from grain state first")]
    private partial void LogRebuilding();

    [LoggerMessage(Level = LogLevel.Information, Message = "Continuity of {AgreementId}: {Cohort} workers end with it, {Alerts} alerts due")]
    private partial void LogAssessed(string agreementId, int cohort, int alerts);
}
