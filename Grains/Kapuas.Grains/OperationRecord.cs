using Kapuas.Domain.Operations;

namespace Kapuas.Grains;

/// <summary>The persisted form of <see cref="OperationEntry"/> (state types carry stable serializer ids).</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.OperationRecord")]
public sealed record OperationRecord(
    [property: Id(0)] Guid OperationId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string UserId,
    [property: Id(3)] DateTimeOffset At)
{
    public static OperationLog ToLog(IEnumerable<OperationRecord> records) =>
        OperationLog.From(records.Select(r => new OperationEntry(r.OperationId, r.Kind, r.UserId, r.At)));

    public static List<OperationRecord> FromLog(OperationLog log) =>
        [.. log.Entries.Select(e => new OperationRecord(e.OperationId, e.Kind, e.UserId, e.At))];
}
