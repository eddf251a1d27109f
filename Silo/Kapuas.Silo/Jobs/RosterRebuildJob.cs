using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Hosting;
using Kapuas.Infrastructure.ReadModel;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Kapuas.Silo.Jobs;

/// <summary>
/// Walks every stored worker state of this service and asks its grain to publish its read-model row again; then
/// removes rows whose worker has no state. Safe to run while the system is in use, and to run again.
/// </summary>
public sealed partial class RosterRebuildJob(
    IGrainFactory grains, GrainStateDirectory states, IOptions<ClusterOptions> cluster, TimeProvider clock, ILogger<RosterRebuildJob> logger)
    : IRosterRebuildJob
{
    private const int Parallelism = 16;

    public async Task<int> RunAsync()
    {
        var started = clock.GetUtcNow();
        var ids = await states.StoredWorkersAsync(cluster.Value.ServiceId);
        var republished = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (id, _) =>
        {
            if (await grains.GetGrain<IWorkerGrain>(id).RepublishAsync())
            {
                Interlocked.Increment(ref republished);
            }
        });

        var removed = await states.RemoveOrphanRowsAsync(started, ids);
        LogRebuilt(republished, removed);
        return republished;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Roster read model rebuilt: {Republished} workers republished, {Removed} orphan rows removed")]
    private partial void LogRebuilt(int republished, int removed);
}
