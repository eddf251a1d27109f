namespace Kapuas.Domain.Renewal;

/// <summary>Where an annual renewal stands; stored and sent as its lower-case name ("running").</summary>
public enum RenewalStatus
{
    Previewed,
    Approved,
    Scheduled,
    Running,
    Completed,
    Failed,
}

/// <summary>
/// The renewal's life: previewed → approved (or scheduled) → running → completed, or failed (workers refused, or the
/// run itself failed <see cref="MaxAttempts"/> times in a row). A failed renewal can be started again: it resumes
/// where it stopped, each worker's step being idempotent.
/// </summary>
public static class RenewalStatuses
{
    /// <summary>Runs that end in an error, one after another, before the renewal is marked failed with the last reason.</summary>
    public const int MaxAttempts = 5;

    public static string Code(this RenewalStatus status) => status.ToString().ToLowerInvariant();

    public static RenewalStatus Parse(string code) =>
        Enum.TryParse<RenewalStatus>(code, ignoreCase: true, out var status) && Enum.IsDefined(status)
            ? status
            : throw new ArgumentOutOfRangeException(nameof(code), code, "Not a renewal status.");

    /// <summary>Whether the run may be started (or resumed) now.</summary>
    public static bool CanStart(RenewalStatus status) => status is RenewalStatus.Approved or RenewalStatus.Scheduled or RenewalStatus.Failed;

    /// <summary>Approved, scheduled or running: the page follows its progress.</summary>
    public static bool IsUnderway(RenewalStatus status) => status is RenewalStatus.Approved or RenewalStatus.Scheduled or RenewalStatus.Running;

    public static bool CanMove(RenewalStatus from, RenewalStatus to) => (from, to) switch
    {
        (RenewalStatus.Previewed, RenewalStatus.Approved or RenewalStatus.Scheduled) => true,
        (RenewalStatus.Approved or RenewalStatus.Scheduled or RenewalStatus.Failed or RenewalStatus.Running, RenewalStatus.Running) => true,
        (RenewalStatus.Running, RenewalStatus.Completed or RenewalStatus.Failed) => true,
        _ => false,
    };
}
