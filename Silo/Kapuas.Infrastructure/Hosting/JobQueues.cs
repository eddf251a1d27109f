namespace Kapuas.Infrastructure.Hosting;

/// <summary>Hangfire queues, most urgent first.</summary>
public static class JobQueues
{
    public const string Default = "default";

    public static string[] All { get; } = [Default];
}
