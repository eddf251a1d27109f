using Kapuas.Grains.ReadModel;

namespace Kapuas.Infrastructure.ReadModel;

/// <summary>
/// The roster store the silo uses: the two writes every worker change makes (NIK claim, read-model publish) go
/// through group commit, so that many grains changing at once share round trips. Each caller still awaits its own
/// write and sees its own failure; everything else goes straight to the store.
/// </summary>
public sealed class BatchingRosterStore : IRosterStore, IAsyncDisposable
{
    private readonly PostgresRosterStore store;
    private readonly MicroBatcher<(byte[] Hash, Guid WorkerId), Guid> claims;
    private readonly MicroBatcher<WorkerPublication, bool> publications;

    public BatchingRosterStore(PostgresRosterStore store)
    {
        this.store = store;
        claims = new(store.ClaimNiksAsync);
        publications = new(store.PublishWorkersAsync);
    }

    public Task<Guid> ClaimNikAsync(byte[] nikHash, Guid workerId) => claims.EnqueueAsync((nikHash, workerId));

    public Task PublishWorkerAsync(ParticipantRow row, IReadOnlyList<PeriodRow> periods, IReadOnlyList<MembershipRow> membership, IReadOnlyList<ClaimRow> claims, IReadOnlyList<AuditRow> audit) =>
        publications.EnqueueAsync(new WorkerPublication(row, periods, membership, claims, audit));

    public Task ReleaseNikAsync(byte[] nikHash, Guid workerId) => store.ReleaseNikAsync(nikHash, workerId);

    public Task PublishAgreementAsync(AgreementRow row, IReadOnlyList<AuditRow> audit) => store.PublishAgreementAsync(row, audit);

    public Task<ReserveOutcome> ReserveAsync(string agreementId, Guid workerId, int quota, DateTimeOffset at, string by) =>
        store.ReserveAsync(agreementId, workerId, quota, at, by);

    public Task<IReadOnlyList<Guid>> ReserveManyAsync(string agreementId, IReadOnlyList<Guid> workerIds, int quota, DateTimeOffset at, string by) =>
        store.ReserveManyAsync(agreementId, workerIds, quota, at, by);

    public Task ReleaseAsync(string agreementId, Guid workerId) => store.ReleaseAsync(agreementId, workerId);

    public Task<IReadOnlyList<Guid>> EnrolledAsync(string agreementId) => store.EnrolledAsync(agreementId);

    public Task<(string Name, string NikMasked)?> DescribeWorkerAsync(Guid workerId) => store.DescribeWorkerAsync(workerId);

    public async ValueTask DisposeAsync()
    {
        await claims.DisposeAsync();
        await publications.DisposeAsync();
    }
}

/// <summary>One worker's read-model row, periods, claims and audit entries, to be written together.</summary>
public sealed record WorkerPublication(ParticipantRow Row, IReadOnlyList<PeriodRow> Periods, IReadOnlyList<MembershipRow> Membership, IReadOnlyList<ClaimRow> Claims, IReadOnlyList<AuditRow> Audit);
