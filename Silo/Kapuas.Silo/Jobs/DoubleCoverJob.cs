using Hangfire;
using Kapuas.Infrastructure.Coverage;

namespace Kapuas.Silo.Jobs;

/// <summary>
/// The nightly double-cover check (issue 18): every worker whom two payers bill for the same months, stored for the
/// administrators' Tanggungan ganda page and the dashboard. Idempotent: a run replaces the last run's findings.
/// </summary>
public sealed partial class DoubleCoverJob(DoubleCoverStore store, TimeProvider clock, ILogger<DoubleCoverJob> logger) : IDoubleCoverJob
{
    [DisableConcurrentExecution(timeoutInSeconds: 10 * 60)]
    [AutomaticRetry(Attempts = 2, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var run = await store.CheckAllAsync(clock.GetUtcNow(), cancellationToken);
        LogChecked(run.WorkersChecked, run.Found);
        return run.Found;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Double-cover check: {Workers} workers with two payers in a month read, {Found} overlaps found")]
    private partial void LogChecked(int workers, int found);
}
