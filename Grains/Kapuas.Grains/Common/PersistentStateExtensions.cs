namespace Kapuas.Grains.Common;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Makes <paramref name="next"/> the state and writes it; if the write fails, the grain keeps the state it had,
    /// so memory never holds a change the database refused.
    /// </summary>
    public static async Task WriteOrRestoreAsync<T>(this IPersistentState<T> state, T next)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
