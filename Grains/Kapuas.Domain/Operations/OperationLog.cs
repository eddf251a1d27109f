namespace Kapuas.Domain.Operations;

/// <summary>
/// A bounded record of operations already applied, so that a retried call (a Hangfire job run twice,
/// a client retrying after a timeout) is recognised and does nothing the second time.
/// Immutable: every change returns a new log.
/// </summary>
public sealed record OperationLog
{
    public const int DefaultCapacity = 64;

    private OperationLog(IReadOnlyList<OperationEntry> entries, int capacity)
    {
        Entries = entries;
        Capacity = capacity;
    }

    public static OperationLog Empty { get; } = new([], DefaultCapacity);

    public static OperationLog From(IEnumerable<OperationEntry> entries, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var list = entries.ToList();
        if (list.Count > capacity)
        {
            list = list.Skip(list.Count - capacity).ToList();
        }

        return new OperationLog(list, capacity);
    }

    /// <summary>Oldest first; at most <see cref="Capacity"/> entries.</summary>
    public IReadOnlyList<OperationEntry> Entries { get; }

    public int Capacity { get; }

    public bool Contains(Guid operationId) => Entries.Any(e => e.OperationId == operationId);

    /// <summary>
    /// Records an operation. Returns the same log and <c>applied = false</c> when the operation id is already
    /// known: the caller must then not apply its effect again.
    /// </summary>
    public (OperationLog Log, bool Applied) Record(Guid operationId, string kind, Actor actor)
    {
        if (operationId == Guid.Empty)
        {
            throw new ArgumentException("Operation id must not be empty.", nameof(operationId));
        }

        if (Contains(operationId))
        {
            return (this, false);
        }

        var next = Entries.Append(new OperationEntry(operationId, kind, actor.UserId, actor.At));
        return (From(next, Capacity), true);
    }
}

public sealed record OperationEntry(Guid OperationId, string Kind, string UserId, DateTimeOffset At);
