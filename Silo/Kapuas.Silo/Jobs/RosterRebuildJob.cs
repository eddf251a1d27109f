using Dapper;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Kapuas.Silo.Jobs;

/// <summary>
/// Walks every stored worker state of this service and asks its grain to publish its read-model row again; then
/// removes rows whose worker has no state. Safe to run while the system is in use, and to run again.
/// </summary>
public sealed partial class RosterRebuildJob(
    IGrainFactory grains, NpgsqlDataSource db, IOptions<ClusterOptions> cluster, TimeProvider clock, ILogger<RosterRebuildJob> logger)
    : IRosterRebuildJob
{
    private const int Parallelism = 16;

    public async Task<int> RunAsync()
    {
        var started = clock.GetUtcNow();
        List<Guid> ids;
        await using (var connection = await db.OpenConnectionAsync())
        {
            var keys = await connection.QueryAsync<(long N0, long N1)>("""
                SELECT grainidn0, grainidn1 FROM orleans.orleansstorage
                WHERE serviceid = @ServiceId AND graintypestring = 'worker' AND payloadbinary IS NOT NULL
                """, new { cluster.Value.ServiceId });
            ids = [.. keys.Select(k => ToGuid(k.N0, k.N1))];
        }

        var republished = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (id, _) =>
        {
            if (await grains.GetGrain<IWorkerGrain>(id).RepublishAsync())
            {
                Interlocked.Increment(ref republished);
            }
        });

        await using (var connection = await db.OpenConnectionAsync())
        {
            var removed = await connection.ExecuteAsync(
                "DELETE FROM app.participants WHERE updated_at < @started AND NOT (worker_id = ANY(@ids))",
                new { started, ids = ids.ToArray() });
            LogRebuilt(republished, removed);
        }

        return republished;
    }

    /// <summary>The inverse of how the ADO.NET storage splits a Guid key: bytes 0–7 and 8–15 of Guid.ToByteArray.</summary>
    internal static Guid ToGuid(long n0, long n1)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes[..8], n0);
        BitConverter.TryWriteBytes(bytes[8..], n1);
        return new Guid(bytes);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Roster read model rebuilt: {Republished} workers republished, {Removed} orphan rows removed")]
    private partial void LogRebuilt(int republished, int removed);
}
