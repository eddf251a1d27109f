using Kapuas.Domain.Agreements;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Workers;
using Kapuas.Grains.ReadModel;

namespace Kapuas.Grains.Workers;

/// <summary>
/// The one persisted state of a worker grain: the <see cref="Worker"/> aggregate in storage records, and the
/// bookkeeping that makes commands idempotent and the read model reliable. Never changed in place: each command
/// builds a new one from the aggregate (<see cref="WorkerStorage.ToState"/>). Field ids are stable: never renumber or
/// reuse them (StoredStateCompatibilityTests loads states written by earlier versions).
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

    /// <summary>Another payer's periods held as double cover until an administrator chooses (<see cref="Worker.HeldCovers"/>).</summary>
    [Id(23)] public List<SpanState> HeldCovers { get; set; } = [];
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

/// <summary>Between the stored records and the domain aggregate, both ways; a round-trip test covers every stored field.</summary>
public static class WorkerStorage
{
    public static Worker ToDomain(this WorkerState s)
    {
        if (!s.Registered)
        {
            return Worker.Unregistered with { Version = s.Version };
        }

        var spans = s.Spans.Select(ToSpan);
        var exit = s.Exit is { } e ? new Exit(e.Reason, e.Date, e.Note) : null;
        var timeline = CoverageTimeline.From(spans, exit);
        return new Worker
        {
            Details = new WorkerDetails(s.Nik, s.Name, s.Sex, s.BirthDate, s.KecamatanCode, s.Desa, s.Occupation, s.OccupationOther, s.Phone, s.Kpj, s.Source),
            Timeline = timeline.IsSuccess ? timeline.Value : throw new InvalidOperationException($"Stored timeline is invalid: {timeline.Error}"),
            Claims = [.. s.Claims.Select(c => c.ToDomain())],
            Family = [.. s.Family.Select(m => m.ToDomain())],
            HeldCovers = [.. (s.HeldCovers ?? []).Select(ToSpan)],
            Version = s.Version,
            RegisteredAt = s.RegisteredAt,
            RegisteredBy = s.RegisteredBy,
            UpdatedAt = s.UpdatedAt,
            UpdatedBy = s.UpdatedBy,
        };
    }

    public static WorkerState ToState(this Worker w, IEnumerable<OperationRecord> operations, IEnumerable<AuditRow> outbox)
    {
        var d = w.Details;
        return new WorkerState
        {
            Registered = d is not null,
            Nik = d?.Nik ?? "",
            Name = d?.Name ?? "",
            Sex = d?.Sex ?? default,
            BirthDate = d?.BirthDate ?? default,
            KecamatanCode = d?.KecamatanCode ?? "",
            Desa = d?.Desa ?? "",
            Occupation = d?.Occupation ?? default,
            OccupationOther = d?.OccupationOther,
            Phone = d?.Phone,
            Kpj = d?.Kpj,
            Source = d?.Source ?? default,
            Spans = [.. w.Timeline.Spans.Select(ToState)],
            HeldCovers = [.. w.HeldCovers.Select(ToState)],
            Exit = w.Timeline.Exit is { } e ? new ExitState(e.Reason, e.Date, e.Note) : null,
            Operations = [.. operations],
            Outbox = [.. outbox],
            Version = w.Version,
            RegisteredAt = w.RegisteredAt,
            RegisteredBy = w.RegisteredBy,
            UpdatedAt = w.UpdatedAt,
            UpdatedBy = w.UpdatedBy,
            Claims = [.. w.Claims.Select(c => c.ToStored())],
            Family = [.. w.Family.Select(m => m.ToStored())],
        };
    }

    private static CoverageSpan ToSpan(SpanState x) => new(CoveragePeriod.Of(x.Start, x.End), new Funding(x.Funding, x.AgreementId, x.Note, x.Billing));

    private static SpanState ToState(CoverageSpan x) => new(x.Period.Start, x.Period.End, x.Funding.Kind, x.Funding.AgreementId, x.Funding.Note, x.Funding.Billing);
}
