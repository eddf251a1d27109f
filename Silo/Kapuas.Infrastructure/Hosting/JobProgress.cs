namespace Kapuas.Infrastructure.Hosting;

/// <summary>Where a long job stands: items done, failed and left, the rate so far and the time left at that rate.</summary>
public sealed record JobProgress(string Status, int ToDo, int Done, int Failed, int Pending, double RatePerSecond, TimeSpan? Remaining)
{
    /// <summary>
    /// Builds the progress from the item counts by status (<c>done</c>, <c>failed</c>, <c>pending</c>) and the job's
    /// start and finish (UTC, as PostgreSQL returns them); the rate runs until the finish, or until now.
    /// </summary>
    public static JobProgress From(string status, DateTime? startedAt, DateTime? finishedAt, IReadOnlyDictionary<string, int> counts, DateTimeOffset now)
    {
        var done = counts.GetValueOrDefault("done");
        var failed = counts.GetValueOrDefault("failed");
        var pending = counts.GetValueOrDefault("pending");
        var end = finishedAt is { } f ? Utc(f) : now;
        var elapsed = startedAt is { } s ? (end - Utc(s)).TotalSeconds : 0;
        var rate = elapsed > 0 ? (done + failed) / elapsed : 0;
        TimeSpan? remaining = rate > 0 && pending > 0 ? TimeSpan.FromSeconds(pending / rate) : null;
        return new JobProgress(status, done + failed + pending, done, failed, pending, rate, remaining);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
