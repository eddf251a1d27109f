using System.Collections.Concurrent;

namespace Kapuas.Silo.Jobs;

/// <summary>
/// The loop the import and the renewal share: take a chunk of pending items, prepare it (one call for the whole
/// chunk, which may refuse some items outright), apply each remaining item with bounded parallelism, and record every
/// outcome. A transient failure (a timeout, the cluster unreachable) leaves the item pending and makes the run throw
/// after the chunk is recorded, so that Hangfire's retry finishes it with the same operation ids; any other failure
/// becomes the item's reason. Cancellation stops new items; the finished ones are still recorded.
/// </summary>
public sealed class ChunkedFanOut<TItem, TKey>
    where TKey : notnull
{
    public const int ChunkSize = 2000;
    public const int Parallelism = 64;

    /// <summary>The next chunk of pending items (empty when done).</summary>
    public required Func<int, Task<IReadOnlyList<TItem>>> Pending { get; init; }

    public required Func<TItem, TKey> Key { get; init; }

    /// <summary>Once per chunk before the items: the items refused outright, with their reasons (none by default).</summary>
    public Func<IReadOnlyList<TItem>, Task<IReadOnlyDictionary<TKey, string>>> Prepare { get; init; } =
        _ => Task.FromResult<IReadOnlyDictionary<TKey, string>>(new Dictionary<TKey, string>());

    /// <summary>One item: null when done, else the reason it was refused.</summary>
    public required Func<TItem, Task<string?>> Apply { get; init; }

    /// <summary>Records the chunk's outcomes (each key once).</summary>
    public required Func<IReadOnlyList<(TKey Key, string? Failure)>, Task> Record { get; init; }

    /// <summary>The reason kept for an item that failed with an unexpected error.</summary>
    public required Func<Exception, string> SystemFailure { get; init; }

    public Action<TItem, Exception> OnTransient { get; init; } = (_, _) => { };

    public async Task RunAsync(string what, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var items = await Pending(ChunkSize);
            if (items.Count == 0)
            {
                break;
            }

            var refused = await Prepare(items);
            var outcomes = new ConcurrentBag<(TKey Key, string? Failure)>(refused.Select(r => (r.Key, (string?)r.Value)));
            var transient = 0;
            await Parallel.ForEachAsync(items.Where(i => !refused.ContainsKey(Key(i))),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (item, _) =>
                {
                    try
                    {
                        outcomes.Add((Key(item), await Apply(item)));
                    }
                    catch (Exception e) when (e is TimeoutException or OrleansException)
                    {
                        Interlocked.Increment(ref transient);
                        OnTransient(item, e);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        outcomes.Add((Key(item), SystemFailure(e)));
                    }
                }).ContinueWith(_ => { }, TaskScheduler.Default);

            await Record([.. outcomes]);
            if (transient > 0)
            {
                throw new InvalidOperationException($"{transient} items of {what} hit a transient failure; the job will be retried.");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
