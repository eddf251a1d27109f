using Kapuas.Grains.Diagnostics;

namespace Kapuas.Silo.Jobs;

/// <summary>Runs on the silo's Hangfire server and calls a grain: proves the job pipeline end to end.</summary>
public sealed partial class SystemCheckJob(IGrainFactory grains, TimeProvider clock, ILogger<SystemCheckJob> logger) : ISystemCheckJob
{
    public async Task RunAsync(string checkName, Guid operationId, string requestedBy)
    {
        var view = await grains.GetGrain<ISystemCheckGrain>(checkName)
            .RecordAsync(new SystemCheckRequest(operationId, requestedBy, clock.GetUtcNow(), "hangfire"));
        LogRecorded(checkName, operationId, view.TimesRecorded);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "System check {CheckName} recorded operation {OperationId} ({Times} in all)")]
    private partial void LogRecorded(string checkName, Guid operationId, int times);
}
