using Kapuas.Domain.Operations;
using Orleans.Runtime;

namespace Kapuas.Grains.Diagnostics;

public sealed class SystemCheckGrain(
    [PersistentState("systemcheck", GrainStorage.Name)] IPersistentState<SystemCheckState> state,
    ILocalSiloDetails silo) : Grain, ISystemCheckGrain
{
    private const int RecentCapacity = 20;

    public async Task<SystemCheckView> RecordAsync(SystemCheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = new Actor(request.RequestedBy, request.RequestedBy, request.At);
        var (log, applied) = OperationRecord.ToLog(state.State.Operations).Record(request.OperationId, "system-check", actor);
        if (!applied)
        {
            return View();
        }

        state.State.Operations = OperationRecord.FromLog(log);
        state.State.TimesRecorded++;
        state.State.Recent.Add(new SystemCheckEntry(request.OperationId, request.RequestedBy, request.At, request.Source));
        if (state.State.Recent.Count > RecentCapacity)
        {
            state.State.Recent.RemoveRange(0, state.State.Recent.Count - RecentCapacity);
        }

        await state.WriteStateAsync();
        return View();
    }

    public Task<SystemCheckView> GetAsync() => Task.FromResult(View());

    private SystemCheckView View() =>
        new(state.State.TimesRecorded, [.. state.State.Recent], silo.SiloAddress.ToString());
}
