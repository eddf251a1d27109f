using Kapuas.Domain.Operations;

namespace Kapuas.Domain.Tests;

public sealed class OperationLogTests
{
    private static readonly Actor Someone = new("u1", "Sari", new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.FromHours(7)));

    [Fact]
    public void A_new_operation_is_applied_once_and_a_repeat_is_recognised()
    {
        var id = Guid.NewGuid();
        var (log, applied) = OperationLog.Empty.Record(id, "enrol", Someone);
        var (again, appliedAgain) = log.Record(id, "enrol", Someone);

        Assert.True(applied);
        Assert.False(appliedAgain);
        Assert.Same(log, again);
        Assert.Single(again.Entries);
    }

    [Fact]
    public void The_log_keeps_only_the_newest_entries_up_to_its_capacity()
    {
        var log = OperationLog.From([], capacity: 3);
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            log = log.Record(id, "x", Someone).Log;
        }

        Assert.Equal(ids.Skip(2), log.Entries.Select(e => e.OperationId));
        Assert.False(log.Contains(ids[0]));
    }

    [Fact]
    public void An_empty_operation_id_is_refused()
    {
        Assert.Throws<ArgumentException>(() => OperationLog.Empty.Record(Guid.Empty, "x", Someone));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_actor_needs_a_user(string userId)
    {
        Assert.Throws<ArgumentException>(() => new Actor(userId, "x", DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void An_actor_without_a_display_name_shows_its_user_id()
    {
        Assert.Equal("u9", new Actor(" u9 ", " ", DateTimeOffset.UnixEpoch).DisplayName);
    }
}
