using Orleans;

namespace Kapuas.Admin.Hosting;

/// <summary>The Admin may start before any silo: keep trying to reach the cluster instead of failing.</summary>
public sealed partial class RetryUntilClusterIsUp(ILogger<RetryUntilClusterIsUp> logger) : IClientConnectionRetryFilter
{
    private int attempt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        attempt++;
        LogWaiting(attempt, exception.Message);
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for the Orleans cluster (attempt {Attempt}): {Reason}")]
    private partial void LogWaiting(int attempt, string reason);
}
