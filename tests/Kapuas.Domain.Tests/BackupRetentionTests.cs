using Kapuas.Domain.Operations;

namespace Kapuas.Domain.Tests;

public sealed class BackupRetentionTests
{
    private static (string Name, DateTime TakenAt) Nightly(DateTime at) => ($"kapuas-{at:yyyyMMdd-HHmmss}.backup", at);

    [Fact]
    public void A_year_of_nightly_backups_keeps_the_last_14_days_and_the_newest_of_the_last_12_months()
    {
        var start = new DateTime(2025, 12, 1, 2, 0, 0);
        var all = Enumerable.Range(0, 365).Select(d => Nightly(start.AddDays(d))).ToList();

        var deleted = BackupRetention.ToDelete(all).ToHashSet();
        var kept = all.Where(b => !deleted.Contains(b.Name)).Select(b => b.TakenAt).OrderBy(t => t).ToList();

        var last = start.AddDays(364); // 2026-11-30
        var lastFortnight = Enumerable.Range(0, 14).Select(d => last.AddDays(-d)).ToHashSet();
        Assert.True(lastFortnight.IsSubsetOf(kept));
        // Months December 2025 .. November 2026: the newest of each (the month's last day; November's is today).
        var monthEnds = kept.Where(t => !lastFortnight.Contains(t)).ToList();
        Assert.Equal(11, monthEnds.Count);
        Assert.All(monthEnds, t => Assert.Equal(DateTime.DaysInMonth(t.Year, t.Month), t.Day));
        Assert.Equal(14 + 11, kept.Count);
    }

    [Fact]
    public void Several_backups_on_one_day_keep_only_the_newest_of_that_day()
    {
        var day = new DateTime(2026, 11, 30);
        var backups = new[] { Nightly(day.AddHours(2)), Nightly(day.AddHours(9)), Nightly(day.AddHours(14)) };

        var deleted = BackupRetention.ToDelete(backups);

        Assert.Equal([backups[1].Name, backups[0].Name], deleted);
    }

    [Fact]
    public void Days_without_a_backup_do_not_count_against_the_fourteen()
    {
        // A server down for three weeks: the 14 newest backups stay, however old.
        var backups = Enumerable.Range(0, 20).Select(d => Nightly(new DateTime(2026, 10, 1, 2, 0, 0).AddDays(d))).ToList();

        var deleted = BackupRetention.ToDelete(backups, daily: 14, monthly: 0);

        Assert.Equal(backups.Take(6).Select(b => b.Name).Reverse(), deleted);
    }

    [Fact]
    public void Nothing_is_deleted_below_the_limits()
    {
        var backups = Enumerable.Range(0, 14).Select(d => Nightly(new DateTime(2026, 11, 1, 2, 0, 0).AddDays(d)));

        Assert.Empty(BackupRetention.ToDelete(backups));
    }

    [Theory]
    [InlineData(36 * 60, false)]
    [InlineData(36 * 60 + 1, true)]
    public void The_last_good_backup_is_overdue_after_36_hours(int minutesOld, bool overdue)
    {
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var installed = now.AddDays(-400);

        Assert.Equal(overdue, BackupRetention.IsOverdue(now.AddMinutes(-minutesOld), installed, now));
    }

    [Theory]
    [InlineData(36 * 60, false)]
    [InlineData(36 * 60 + 1, true)]
    public void With_no_backup_yet_a_new_installation_is_overdue_36_hours_after_it_was_installed(int minutesOld, bool overdue)
    {
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(overdue, BackupRetention.IsOverdue(null, now.AddMinutes(-minutesOld), now));
    }
}
