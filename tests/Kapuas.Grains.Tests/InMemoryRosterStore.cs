using System.Collections.Concurrent;
using Kapuas.Grains.ReadModel;

namespace Kapuas.Grains.Tests;

/// <summary>
/// The read model in memory, for grain tests without PostgreSQL: the NIK registry, the latest participant row of each
/// worker (highest version wins, as in PostgreSQL), the quota places under a lock, and the audit rows appended once
/// each; periods, membership, claims and agreement rows are not kept.
/// </summary>
public sealed class InMemoryRosterStore : IRosterStore
{
    private readonly ConcurrentDictionary<string, Guid> niks = new();
    private readonly ConcurrentDictionary<Guid, ParticipantRow> workers = new();
    private readonly Dictionary<string, HashSet<Guid>> places = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Guid, string, string), AuditRow> audit = new();

    public IReadOnlyCollection<AuditRow> Audit => [.. audit.Values];

    public ParticipantRow? Row(Guid workerId) => workers.GetValueOrDefault(workerId);

    public Task<Guid> ClaimNikAsync(byte[] nikHash, Guid workerId) => Task.FromResult(niks.GetOrAdd(Convert.ToHexString(nikHash), workerId));

    public Task ReleaseNikAsync(byte[] nikHash, Guid workerId)
    {
        niks.TryRemove(new KeyValuePair<string, Guid>(Convert.ToHexString(nikHash), workerId));
        return Task.CompletedTask;
    }

    public Task PublishWorkerAsync(ParticipantRow row, IReadOnlyList<PeriodRow> rows, IReadOnlyList<MembershipRow> membership, IReadOnlyList<ClaimRow> claims, IReadOnlyList<AuditRow> entries)
    {
        lock (workers)
        {
            if (!workers.TryGetValue(row.WorkerId, out var existing) || existing.Version <= row.Version)
            {
                workers[row.WorkerId] = row;
            }
        }

        Append(entries);
        return Task.CompletedTask;
    }

    public Task PublishAgreementAsync(AgreementRow row, IReadOnlyList<AuditRow> entries)
    {
        Append(entries);
        return Task.CompletedTask;
    }

    private void Append(IReadOnlyList<AuditRow> entries)
    {
        foreach (var entry in entries)
        {
            audit.TryAdd((entry.OperationId, entry.SubjectId, entry.Action), entry);
        }
    }

    public Task<ReserveOutcome> ReserveAsync(string agreementId, Guid workerId, int quota, DateTimeOffset at, string by)
    {
        lock (places)
        {
            var held = Places(agreementId);
            if (held.Contains(workerId))
            {
                return Task.FromResult(new ReserveOutcome(ReserveStatus.AlreadyHeld, held.Count));
            }

            if (held.Count >= quota)
            {
                return Task.FromResult(new ReserveOutcome(ReserveStatus.QuotaFull, held.Count));
            }

            held.Add(workerId);
            return Task.FromResult(new ReserveOutcome(ReserveStatus.Reserved, held.Count));
        }
    }

    public Task<IReadOnlyList<Guid>> ReserveManyAsync(string agreementId, IReadOnlyList<Guid> workerIds, int quota, DateTimeOffset at, string by)
    {
        lock (places)
        {
            var held = Places(agreementId);
            var taken = workerIds.Where(id => !held.Contains(id)).Take(Math.Max(0, quota - held.Count)).ToList();
            held.UnionWith(taken);
            return Task.FromResult<IReadOnlyList<Guid>>(taken);
        }
    }

    public Task ReleaseAsync(string agreementId, Guid workerId)
    {
        lock (places)
        {
            Places(agreementId).Remove(workerId);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Guid>> EnrolledAsync(string agreementId)
    {
        lock (places)
        {
            return Task.FromResult<IReadOnlyList<Guid>>([.. Places(agreementId)]);
        }
    }

    public Task<(string Name, string NikMasked)?> DescribeWorkerAsync(Guid workerId) =>
        Task.FromResult(workers.TryGetValue(workerId, out var row) ? (row.Name, row.NikMasked) : ((string, string)?)null);

    private HashSet<Guid> Places(string agreementId)
    {
        if (!places.TryGetValue(agreementId, out var held))
        {
            places[agreementId] = held = [];
        }

        return held;
    }
}
