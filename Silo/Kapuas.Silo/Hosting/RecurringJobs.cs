using Hangfire;
using Kapuas.Grains.Continuity;
using Kapuas.Infrastructure.Backup;
using Kapuas.Infrastructure.Coverage;

namespace Kapuas.Silo.Hosting;

/// <summary>Registers the recurring jobs when a silo that runs jobs starts (idempotent: every silo may do it).</summary>
public sealed class RecurringJobs(IRecurringJobManager jobs) : IHostedService
{
    public const string ContinuityGuard = "continuity-guard";

    /// <summary>Every morning at 06:00 WIB, before the office opens.</summary>
    public const string ContinuityCron = "0 6 * * *";

    public const string NightlyBackup = "nightly-backup";

    /// <summary>Every night at 02:00 WIB, when nobody works.</summary>
    public const string BackupCron = "0 2 * * *";

    public const string DoubleCoverCheck = "double-cover-check";

    /// <summary>Every night at 03:00 WIB, after the backup.</summary>
    public const string DoubleCoverCron = "0 3 * * *";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var wib = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(Kapuas.Domain.Common.Wib.ZoneId) };
        jobs.AddOrUpdate<IContinuityJob>(ContinuityGuard, j => j.RunAsync(CancellationToken.None), ContinuityCron, wib);
        jobs.AddOrUpdate<IBackupJob>(NightlyBackup, j => j.RunAsync("nightly", CancellationToken.None), BackupCron, wib);
        jobs.AddOrUpdate<IDoubleCoverJob>(DoubleCoverCheck, j => j.RunAsync(CancellationToken.None), DoubleCoverCron, wib);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
