namespace Kapuas.Testing;

/// <summary>Polls a condition that another process or thread makes true (a job, a membership change).</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached within {timeout.TotalSeconds:0} s: {what}");
            }

            await Task.Delay(200);
        }
    }
}
