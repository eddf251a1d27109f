using Dapper;
using Npgsql;

namespace Kapuas.Infrastructure.ReadModel;

/// <summary>
/// What the read-model rebuild needs from PostgreSQL: the ids of every stored worker state of the service, and the
/// removal of read-model rows whose worker has no state.
/// </summary>
public sealed class GrainStateDirectory(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<Guid>> StoredWorkersAsync(string serviceId)
    {
        await using var connection = await db.OpenConnectionAsync();
        var keys = await connection.QueryAsync<StoredKey>("""
            SELECT grainidn0 AS N0, grainidn1 AS N1 FROM orleans.orleansstorage
            WHERE serviceid = @serviceId AND graintypestring = 'worker' AND payloadbinary IS NOT NULL
            """, new { serviceId });
        return [.. keys.Select(k => ToGuid(k.N0, k.N1))];
    }

    /// <summary>Removes the participant rows not refreshed since <paramref name="started"/> whose worker is not among <paramref name="workers"/>.</summary>
    public async Task<int> RemoveOrphanRowsAsync(DateTimeOffset started, IReadOnlyList<Guid> workers)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            "DELETE FROM app.participants WHERE updated_at < @started AND NOT (worker_id = ANY(@ids))", new { started, ids = workers.ToArray() });
    }

    /// <summary>The inverse of how the ADO.NET storage splits a Guid key: bytes 0–7 and 8–15 of Guid.ToByteArray.</summary>
    private static Guid ToGuid(long n0, long n1)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes[..8], n0);
        BitConverter.TryWriteBytes(bytes[8..], n1);
        return new Guid(bytes);
    }

    private sealed record StoredKey(long N0, long N1);
}
