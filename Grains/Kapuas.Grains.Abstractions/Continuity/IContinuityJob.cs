namespace Kapuas.Grains.Continuity;

/// <summary>
/// The continuity guard's daily run: assesses every watched PKS (its end, its successor, the cohort that would enter
/// grace and lapse, the cost to bridge) and raises the alerts due. Safe to run again: an alert is raised once.
/// </summary>
public interface IContinuityJob
{
    /// <summary>Returns how many agreements were assessed.</summary>
    Task<int> RunAsync(CancellationToken cancellationToken);
}
