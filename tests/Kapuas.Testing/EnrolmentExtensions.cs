using Kapuas.Grains.Common;
using Kapuas.Grains.Workers;

namespace Kapuas.Testing;

public static class EnrolmentExtensions
{
    /// <summary>Enrols as part of the agreement's starting roster: covered from its start (or a later <paramref name="from"/>).</summary>
    public static Task<CommandResult<WorkerView>> EnrollFromStartAsync(this IWorkerGrain grain, string agreementId, CommandContext context, DateOnly? from = null) =>
        grain.EnrollWithAsync(new EnrolmentInput(agreementId, from, StartingRoster: true), context);
}
