namespace Kapuas.Grains.Diagnostics;

/// <summary>
/// A small grain that proves the whole chain works end to end: a job or page calls it, it persists a record
/// through the ADO.NET grain storage, and it reads it back after a restart. Keyed by a check name.
/// </summary>
[Alias("Kapuas.ISystemCheckGrain")]
public interface ISystemCheckGrain : IGrainWithStringKey
{
    /// <summary>Records one check. A repeated operation id is recognised and changes nothing.</summary>
    [Alias("RecordAsync")]
    Task<SystemCheckView> RecordAsync(SystemCheckRequest request);

    [Alias("GetAsync")]
    Task<SystemCheckView> GetAsync();
}

[GenerateSerializer, Immutable, Alias("Kapuas.SystemCheckRequest")]
public sealed record SystemCheckRequest(
    [property: Id(0)] Guid OperationId,
    [property: Id(1)] string RequestedBy,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Source);

[GenerateSerializer, Immutable, Alias("Kapuas.SystemCheckView")]
public sealed record SystemCheckView(
    [property: Id(0)] int TimesRecorded,
    [property: Id(1)] IReadOnlyList<SystemCheckEntry> Recent,
    [property: Id(2)] string? SiloAddress);

[GenerateSerializer, Immutable, Alias("Kapuas.SystemCheckEntry")]
public sealed record SystemCheckEntry(
    [property: Id(0)] Guid OperationId,
    [property: Id(1)] string RequestedBy,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Source);
