using Hangfire;
using Kapuas.Grains.Continuity;

namespace Kapuas.Silo.Hosting;

/// <summary>Registers the recurring jobs when a silo that runs jobs starts (idempotent: every silo may do it).</summary>
public sealed class RecurringJobs(IRecurringJobManager jobs) : IHostedService
{
    public const string ContinuityGuard = "continuity-guard";

    /// <summary>Every morning at 06:00 WIB, before the office opens.</summary>
    public const string ContinuityCron = "0 6 * * *";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<IContinuityJob>(ContinuityGuard, j => j.RunAsync(CancellationToken.None), ContinuityCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(Kapuas.Domain.Common.Wib.ZoneId) });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
