namespace Kapuas.Grains.Diagnostics;

/// <summary>
/// The Hangfire job contract: the Admin enqueues it by interface, the Silo's Hangfire server resolves the
/// implementation. The operation id makes a retried run harmless.
/// </summary>
public interface ISystemCheckJob
{
    Task RunAsync(string checkName, Guid operationId, string requestedBy);
}
