namespace Kapuas.Grains.Workers;

/// <summary>Rebuilds the roster read model (participants and their periods) from worker grain state.</summary>
public interface IRosterRebuildJob
{
    /// <summary>Returns how many workers were republished.</summary>
    Task<int> RunAsync();
}
