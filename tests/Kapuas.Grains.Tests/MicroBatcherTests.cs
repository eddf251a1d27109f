using Kapuas.Infrastructure.ReadModel;

namespace Kapuas.Grains.Tests;

public sealed class MicroBatcherTests
{
    [Fact]
    public async Task Concurrent_items_share_writes_and_each_caller_gets_its_own_result()
    {
        var writes = 0;
        var gate = new TaskCompletionSource();
        await using var batcher = new MicroBatcher<int, int>(async items =>
        {
            Interlocked.Increment(ref writes);
            await gate.Task;
            return [.. items.Select(i => i * 10)];
        });

        var first = batcher.EnqueueAsync(1); // held at the gate, so the rest queue up behind it
        var rest = Enumerable.Range(2, 50).Select(batcher.EnqueueAsync).ToList();
        gate.SetResult();

        Assert.Equal(10, await first);
        Assert.Equal(Enumerable.Range(2, 50).Select(i => i * 10), await Task.WhenAll(rest));
        Assert.InRange(writes, 1, 3); // 51 items, a few writes: the first batch and whatever queued behind it
    }

    [Fact]
    public async Task One_bad_item_fails_only_its_own_caller()
    {
        var gate = new TaskCompletionSource();
        await using var batcher = new MicroBatcher<int, int>(async items =>
        {
            await gate.Task;
            return items.Any(i => i == 13) ? throw new InvalidOperationException("poison") : [.. items];
        });

        var first = batcher.EnqueueAsync(1);
        var good = new[] { 2, 3, 4 }.Select(batcher.EnqueueAsync).ToList();
        var bad = batcher.EnqueueAsync(13);
        gate.SetResult();

        await first;
        var goodResults = await Task.WhenAll(good);
        Assert.Equal(new[] { 2, 3, 4 }, goodResults);
        Assert.Equal("poison", (await Assert.ThrowsAsync<InvalidOperationException>(() => bad)).Message);
    }
}
