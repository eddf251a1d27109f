namespace Kapuas.Domain.Operations;

/// <summary>
/// Which scheduled backups to keep: the newest of each of the last <see cref="Daily"/> days that have one, and the newest
/// of each of the last <see cref="Monthly"/> months that have one (a backup may count for both). Days and months are
/// counted among those with a backup, so a week without backups (a server down) does not empty the folder.
/// </summary>
public static class BackupRetention
{
    public const int Daily = 14;

    public const int Monthly = 12;

    /// <summary>The backups to delete, given each backup's name and when it was taken (WIB); the rest stay.</summary>
    public static IReadOnlyList<string> ToDelete(IEnumerable<(string Name, DateTime TakenAt)> backups, int daily = Daily, int monthly = Monthly)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(daily);
        ArgumentOutOfRangeException.ThrowIfNegative(monthly);
        var newestFirst = backups.OrderByDescending(b => b.TakenAt).ThenByDescending(b => b.Name, StringComparer.Ordinal).ToList();
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var day in newestFirst.GroupBy(b => DateOnly.FromDateTime(b.TakenAt)).Take(daily))
        {
            keep.Add(day.First().Name);
        }

        foreach (var month in newestFirst.GroupBy(b => (b.TakenAt.Year, b.TakenAt.Month)).Take(monthly))
        {
            keep.Add(month.First().Name);
        }

        return [.. newestFirst.Where(b => !keep.Contains(b.Name)).Select(b => b.Name)];
    }

    /// <summary>The age past which the Sistem page warns that the last good backup is too old.</summary>
    public static readonly TimeSpan WarnAfter = TimeSpan.FromHours(36);

    /// <summary>
    /// True when the last good backup is older than <see cref="WarnAfter"/>, or when there is none and the installation
    /// has been running longer than that (a new installation has its first nightly backup still ahead).
    /// </summary>
    public static bool IsOverdue(DateTimeOffset? lastGood, DateTimeOffset installedAt, DateTimeOffset now) =>
        now - (lastGood ?? installedAt) > WarnAfter;
}
