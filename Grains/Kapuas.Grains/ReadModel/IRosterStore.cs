namespace Kapuas.Grains.ReadModel;

/// <summary>
/// What grains write to PostgreSQL beside their own state: the NIK registry, the roster read model, agreement
/// enrolments and the audit trail. Every write is idempotent, so a grain can publish again after a failure.
/// </summary>
public interface IRosterStore
{
    /// <summary>Claims a NIK fingerprint for a worker; returns the worker that holds it (this one, or another).</summary>
    Task<Guid> ClaimNikAsync(byte[] nikHash, Guid workerId);

    /// <summary>Releases a claim, only if this worker holds it.</summary>
    Task ReleaseNikAsync(byte[] nikHash, Guid workerId);

    /// <summary>Replaces the worker's read-model row, periods, membership segments and claims (unless a newer version is there) and appends audit rows.</summary>
    Task PublishWorkerAsync(ParticipantRow row, IReadOnlyList<PeriodRow> periods, IReadOnlyList<MembershipRow> membership, IReadOnlyList<ClaimRow> claims, IReadOnlyList<AuditRow> audit);

    Task PublishAgreementAsync(AgreementRow row, IReadOnlyList<AuditRow> audit);

    /// <summary>Takes a place in the quota under a per-agreement lock.</summary>
    Task<ReserveOutcome> ReserveAsync(string agreementId, Guid workerId, int quota, DateTimeOffset at, string by);

    /// <summary>Takes places for several workers in one transaction, in order, up to the quota; returns those that got one.</summary>
    Task<IReadOnlyList<Guid>> ReserveManyAsync(string agreementId, IReadOnlyList<Guid> workerIds, int quota, DateTimeOffset at, string by);

    Task ReleaseAsync(string agreementId, Guid workerId);

    Task<IReadOnlyList<Guid>> EnrolledAsync(string agreementId);

    /// <summary>Name and masked NIK of a registered worker, for messages that point at an existing record.</summary>
    Task<(string Name, string NikMasked)?> DescribeWorkerAsync(Guid workerId);
}

public enum ReserveStatus
{
    Reserved,
    AlreadyHeld,
    QuotaFull,
}

public sealed record ReserveOutcome(ReserveStatus Status, int Enrolled);

/// <summary>
/// A worker's row of the participant index. <see cref="ScholarshipUntil"/>: the last day under 23 of each child who could
/// hold a scholarship right (<see cref="Kapuas.Domain.Family.ScholarshipRights"/>), for counting them on any day.
/// </summary>
public sealed record ParticipantRow(
    Guid WorkerId,
    byte[] NikHash,
    string NikMasked,
    bool NikKapuas,
    string Name,
    string NameKey,
    string Sex,
    DateOnly BirthDate,
    string KecamatanCode,
    string Desa,
    string Occupation,
    string? OccupationOther,
    string? Phone,
    string? Kpj,
    string DataSource,
    string? ExitReason,
    DateOnly? ExitDate,
    DateOnly? FirstCoverageStart,
    DateOnly? CoverageStart,
    DateOnly? CoverageEnd,
    string? CurrentAgreement,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    long Version,
    IReadOnlyList<DateOnly>? ScholarshipUntil = null);

/// <summary>A claim as the caseworker queue lists it; the next deadline is the earliest statutory clock still running.</summary>
public sealed record ClaimRow(
    Guid ClaimId,
    string Number,
    string Type,
    string State,
    DateTimeOffset IncidentAt,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    string AssignedTo,
    bool Covered,
    int MissingBlocking,
    DateTimeOffset? NextDueAt,
    string? NextDueLabel,
    long? ApprovedAmount,
    long? PaidAmount,
    DateOnly? PaidOn,
    DateTimeOffset UpdatedAt);

/// <summary>
/// One effective coverage period; <see cref="Held"/>: another payer's period held as double cover (not coverage, but on
/// that payer's bill until an administrator chooses), kept in <c>app.participant_held_covers</c>.
/// </summary>
public sealed record PeriodRow(DateOnly Start, DateOnly End, string Funding, string? AgreementId, bool Held = false);

/// <summary>One membership segment (active, grace, lapsed, exited); <see cref="End"/> is inclusive, null while open.</summary>
public sealed record MembershipRow(DateOnly Start, DateOnly? End, string Status, DateOnly? ProtectionEnded, DateOnly? GraceUntil);

public sealed record AgreementRow(
    string AgreementId,
    string Number,
    int BudgetYear,
    DateOnly Start,
    DateOnly End,
    int Quota,
    long BudgetCeiling,
    long DeclaredIncome,
    long CostPerWorker,
    string Payer,
    string Status,
    DateTimeOffset UpdatedAt,
    long Version,
    string? PayerKecamatan = null,
    string? PayerDesa = null,
    string? PayerName = null);

/// <summary>One audit entry: before and after are JSON documents (the NIK only masked).</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.AuditRow")]
public sealed record AuditRow(
    [property: Id(0)] Guid OperationId,
    [property: Id(1)] string SubjectType,
    [property: Id(2)] string SubjectId,
    [property: Id(3)] string Action,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string UserId,
    [property: Id(6)] string UserName,
    [property: Id(7)] string? Before,
    [property: Id(8)] string? After);
