using System.Threading.Channels;

namespace Kapuas.Infrastructure.ReadModel;

/// <summary>
/// Group commit for small database writes: callers await their own item, while one loop writes whatever has queued
/// up since the last write in a single round trip. Idle, an item is written at once; under load, hundreds share one
/// statement. When a batch fails, its items are written again one by one, so that one bad item fails only its own
/// caller, exactly as its own write would have.
/// </summary>
public sealed class MicroBatcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<(TItem Item, TaskCompletionSource<TResult> Done)> queue =
        Channel.CreateUnbounded<(TItem, TaskCompletionSource<TResult>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write;
    private readonly int maxBatch;
    private readonly Task loop;

    public MicroBatcher(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write, int maxBatch = 256)
    {
        this.write = write;
        this.maxBatch = maxBatch;
        loop = Task.Run(RunAsync);
    }

    public Task<TResult> EnqueueAsync(TItem item)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite((item, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(MicroBatcher<TItem, TResult>)));
        }

        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<(TItem Item, TaskCompletionSource<TResult> Done)>(maxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < maxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var results = await write([.. batch.Select(b => b.Item)]);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.SetResult(results[i]);
                }
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var (item, done) in batch)
                {
                    try
                    {
                        done.SetResult((await write([item]))[0]);
                    }
                    catch (Exception single)
                    {
                        done.SetException(single);
                    }
                }
            }
            catch (Exception e)
            {
                batch[0].Done.SetException(e);
            }
        }
    }
}
