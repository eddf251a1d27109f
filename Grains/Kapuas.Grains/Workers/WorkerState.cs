using Kapuas.Domain.Agreements;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Workers;
using Kapuas.Grains.ReadModel;

namespace Kapuas.Grains.Workers;

/// <summary>
/// The one persisted state of a worker grain: profile, coverage and the bookkeeping that makes commands idempotent
/// and the read model reliable. Field ids are stable: never renumber or reuse them.
/// </summary>
[GenerateSerializer, Alias("Kapuas.WorkerState")]
public sealed class WorkerState
{
    [Id(0)] public bool Registered { get; set; }

    [Id(1)] public string Nik { get; set; } = "";

    [Id(2)] public string Name { get; set; } = "";

    [Id(3)] public Sex Sex { get; set; }

    [Id(4)] public DateOnly BirthDate { get; set; }

    [Id(5)] public string KecamatanCode { get; set; } = "";

    [Id(6)] public string Desa { get; set; } = "";

    [Id(7)] public OccupationKind Occupation { get; set; }

    [Id(8)] public string? OccupationOther { get; set; }

    [Id(9)] public string? Phone { get; set; }

    [Id(10)] public string? Kpj { get; set; }

    [Id(11)] public DataSource Source { get; set; }

    [Id(12)] public List<SpanState> Spans { get; set; } = [];

    [Id(13)] public ExitState? Exit { get; set; }

    [Id(14)] public List<OperationRecord> Operations { get; set; } = [];

    /// <summary>Audit entries of changes whose publication to PostgreSQL is not yet confirmed (an outbox).</summary>
    [Id(15)] public List<AuditRow> Outbox { get; set; } = [];

    /// <summary>Counts changes; the read model keeps the row with the highest version.</summary>
    [Id(16)] public long Version { get; set; }

    [Id(17)] public DateTimeOffset RegisteredAt { get; set; }

    [Id(18)] public string RegisteredBy { get; set; } = "";

    [Id(19)] public DateTimeOffset UpdatedAt { get; set; }

    [Id(20)] public string UpdatedBy { get; set; } = "";

    [Id(21)] public List<StoredClaim> Claims { get; set; } = [];

    [Id(22)] public List<StoredFamilyMember> Family { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("Kapuas.SpanState")]
public sealed record SpanState(
    [property: Id(0)] DateOnly Start,
    [property: Id(1)] DateOnly End,
    [property: Id(2)] FundingKind Funding,
    [property: Id(3)] string? AgreementId,
    [property: Id(4)] string? Note,
    [property: Id(5)] PartialMonthRule Billing = PartialMonthRule.FullMonth);

[GenerateSerializer, Immutable, Alias("Kapuas.ExitState")]
public sealed record ExitState(
    [property: Id(0)] ExitReason Reason,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] string? Note);
