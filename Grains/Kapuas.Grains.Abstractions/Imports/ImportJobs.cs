namespace Kapuas.Grains.Imports;

/// <summary>Step two of an import: applies a previewed batch's pending rows through the worker grains.</summary>
public interface IImportCommitJob
{
    Task RunAsync(Guid batchId, CancellationToken cancellationToken);
}

/// <summary>Generates a realistic demo roster (deterministic for a seed value) through the grains.</summary>
public interface IDemoSeedJob
{
    Task RunAsync(int workers, int seed, CancellationToken cancellationToken);
}
