namespace Kapuas.Grains.ReadModel;

/// <summary>
/// A value read from PostgreSQL and kept for a while, so that every claim view does not query it; forgotten on
/// <see cref="Invalidate"/> (after an administrator changed it) or when its lifetime runs out.
/// </summary>
public sealed class TimedCache<T>(TimeProvider clock, TimeSpan lifetime)
    where T : class
{
    private (T Value, DateTimeOffset LoadedAt)? cached;

    public async Task<T> GetAsync(Func<Task<T>> load)
    {
        if (cached is { } c && clock.GetUtcNow() - c.LoadedAt < lifetime)
        {
            return c.Value;
        }

        var value = await load();
        cached = (value, clock.GetUtcNow());
        return value;
    }

    public void Invalidate() => cached = null;
}
