using System.Globalization;
using System.Text.RegularExpressions;
using Hangfire;
using Kapuas.Domain.Common;
using Kapuas.Domain.Operations;
using Kapuas.Infrastructure.Backup;

namespace Kapuas.Silo.Jobs;

/// <summary>
/// The nightly backup: a Kapuas backup file named by its WIB time in the backup folder, then the folder pruned to the
/// newest of each of the last 14 days and 12 months (<see cref="BackupRetention"/>). Files the job did not name are
/// never touched. A failure is recorded and retried; running it twice makes two backups, of which pruning keeps one.
/// </summary>
public sealed partial class BackupJob(BackupService backups, BackupSettings settings, TimeProvider clock, ILogger<BackupJob> logger) : IBackupJob
{
    private const string Prefix = "kapuas-";

    private const string Extension = ".backup";

    [DisableConcurrentExecution(timeoutInSeconds: 10 * 60)]
    [AutomaticRetry(Attempts = 2, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<string> RunAsync(string trigger, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.Folder);
        var takenAt = Wib.ToWib(clock.GetUtcNow());
        var file = Path.Combine(settings.Folder, $"{Prefix}{takenAt:yyyyMMdd-HHmmss}{Extension}");
        var result = await backups.BackupAsync(file, settings.NikKey, trigger, cancellationToken);
        Prune();
        return $"{result.File} ({result.Bytes:N0} bytes)";
    }

    private void Prune()
    {
        var named = Directory.GetFiles(settings.Folder, $"{Prefix}*{Extension}")
            .Select(f => (Name: f, Match: BackupName().Match(Path.GetFileName(f))))
            .Where(f => f.Match.Success)
            .Select(f => (f.Name, TakenAt: DateTime.ParseExact(f.Match.Groups[1].Value, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
        foreach (var old in BackupRetention.ToDelete(named))
        {
            File.Delete(old);
            File.Delete(BackupSecrets.PathFor(old));
            LogPruned(old);
        }
    }

    [GeneratedRegex(@"^kapuas-(\d{8}-\d{6})\.backup$")]
    private static partial Regex BackupName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Old backup {File} removed (retention: 14 daily, 12 monthly)")]
    private partial void LogPruned(string file);
}

/// <summary>Where the silo's backups go and the NIK key they carry.</summary>
public sealed record BackupSettings(string Folder, byte[] NikKey);
