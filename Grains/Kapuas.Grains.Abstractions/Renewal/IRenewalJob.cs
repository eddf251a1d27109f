namespace Kapuas.Grains.Renewal;

/// <summary>
/// Applies an approved renewal plan: every continuing worker gets exactly one period in the new agreement, through
/// their grain, with the operation id fixed in the plan. Safe to run twice and to resume after a crash.
/// </summary>
public interface IRenewalJob
{
    Task RunAsync(Guid renewalId, string startedBy, CancellationToken cancellationToken);
}
