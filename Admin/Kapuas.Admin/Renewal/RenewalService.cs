using Hangfire;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Renewal;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Renewal;
using Kapuas.Infrastructure.Renewal;

namespace Kapuas.Admin.Renewal;

/// <summary>
/// Why a renewal command was refused: a stable code, a message for the user (in the request's language), and the field
/// it concerns.
/// </summary>
public sealed record RenewalRefusal(DomainError Error, string? Field = null)
{
    public string Code => Error.Code;

    public string Message => Error.Message;
}

/// <summary>What a started renewal run is: a first run ("approved" or "scheduled") or a failed one resumed ("resumed").</summary>
public sealed record RenewalRun(string Status, string JobId);

/// <summary>
/// The renewal's commands, the same for the page and the API (same checks, same messages): open a preview, approve
/// (now or scheduled), start or resume, retry the refused workers. Each run is a Hangfire job.
/// </summary>
public sealed class RenewalService(RenewalStore store, IClusterClient cluster, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>Plans a renewal from one agreement's roster into a signed (or active) next one.</summary>
    public async Task<(Guid? Id, RenewalRefusal? Refusal)> PreviewAsync(string? from, string? to, RenewalPriority priority, string user)
    {
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to) || from.Length > 64 || to.Length > 64)
        {
            return (null, new RenewalRefusal(new DomainError("renewal.agreements"), string.IsNullOrWhiteSpace(from) ? "from" : "to"));
        }

        if (from == to)
        {
            return (null, new RenewalRefusal(new DomainError("renewal.agreements#same"), "to"));
        }

        var next = await cluster.GetGrain<IAgreementGrain>(to).GetAsync();
        if (next is null)
        {
            return (null, new RenewalRefusal(new DomainError("renewal.agreement_not_ready", to), "to"));
        }

        if (!next.Status.TakesWorkers())
        {
            return (null, new RenewalRefusal(new DomainError("renewal.agreement_not_ready#unsigned", to), "to"));
        }

        return (await RenewalPreview.CreateAsync(store, next.Terms.ToAgreement(to), next.Enrolled, from, priority, user, clock.GetUtcNow()), null);
    }

    /// <summary>
    /// Approves a previewed plan and runs it at <paramref name="at"/> (the new agreement's first day, 00:05 WIB) or
    /// now when that is null or past; <paramref name="bridge"/> also pays the gap as arrears where the plan offers it.
    /// </summary>
    public async Task<(RenewalRun? Run, RenewalRefusal? Refusal)> ApproveAsync(RenewalSummary renewal, string user, bool bridge, DateTimeOffset? at)
    {
        var id = renewal.RenewalId;
        var now = clock.GetUtcNow();
        var when = at is { } time && time > now ? at : null;
        if (!await store.ApproveAsync(id, user, now, when, bridge))
        {
            // The plan's budget problems are kept with the renewal as text (in Bahasa Indonesia).
            var kept = renewal.BudgetProblem ?? (bridge && renewal.BridgingOffered ? renewal.BridgeBudgetProblem : null);
            return (null, new RenewalRefusal(kept is not null ? DomainError.Of("renewal.not_startable", "error.text", [kept])
                : bridge && !renewal.BridgingOffered ? new DomainError("renewal.not_startable#no_bridging")
                : new DomainError("renewal.not_startable#not_previewed")));
        }

        var jobId = when is { } scheduled
            ? jobs.Schedule<IRenewalJob>(j => j.RunAsync(id, "jadwal", CancellationToken.None), scheduled)
            : jobs.Enqueue<IRenewalJob>(j => j.RunAsync(id, user, CancellationToken.None));
        await store.SetJobAsync(id, jobId);
        return (new RenewalRun((when is null ? RenewalStatus.Approved : RenewalStatus.Scheduled).Code(), jobId), null);
    }

    /// <summary>
    /// Starts an approved or scheduled renewal now (a scheduled run is deleted first, so that it does not start a
    /// second run at its time), or resumes a failed one (the workers already renewed are skipped).
    /// </summary>
    public async Task<(RenewalRun? Run, RenewalRefusal? Refusal)> StartAsync(RenewalSummary renewal, string user)
    {
        var id = renewal.RenewalId;
        var status = RenewalStatuses.Parse(renewal.Status);
        if (!RenewalStatuses.CanStart(status))
        {
            return (null, new RenewalRefusal(new DomainError("renewal.not_startable")));
        }

        if (status == RenewalStatus.Scheduled && await store.JobIdAsync(id) is { } scheduled)
        {
            jobs.Delete(scheduled);
        }

        var jobId = jobs.Enqueue<IRenewalJob>(j => j.RunAsync(id, user, CancellationToken.None));
        await store.SetJobAsync(id, jobId);
        return (new RenewalRun(status == RenewalStatus.Failed ? "resumed" : RenewalStatus.Approved.Code(), jobId), null);
    }

    /// <summary>
    /// The API's start: a failed renewal resumes (unless bridging is asked for, which only a preview can take);
    /// any other is approved and run now.
    /// </summary>
    public async Task<(RenewalRun? Run, RenewalRefusal? Refusal)> RunNowAsync(Guid id, string user, bool bridge)
    {
        if (await store.GetAsync(id) is not { } renewal)
        {
            return (null, NotFound);
        }

        return RenewalStatuses.Parse(renewal.Status) == RenewalStatus.Failed && !bridge
            ? await StartAsync(renewal, user)
            : await ApproveAsync(renewal, user, bridge, at: null);
    }

    /// <summary>Puts the workers whose step failed back in the queue and runs the job again; false when there were none.</summary>
    public async Task<bool> RetryFailedAsync(Guid id, string user)
    {
        if (await store.RetryFailedAsync(id) == 0)
        {
            return false;
        }

        await store.SetJobAsync(id, jobs.Enqueue<IRenewalJob>(j => j.RunAsync(id, user, CancellationToken.None)));
        return true;
    }

    /// <summary>When the page schedules an approved run: 00:05 WIB on the new agreement's first day.</summary>
    public async Task<DateTimeOffset?> ScheduleTimeAsync(string toAgreement) =>
        await cluster.GetGrain<IAgreementGrain>(toAgreement).GetAsync() is { } next ? Wib.At(next.Terms.Start, new TimeOnly(0, 5)) : null;

    public static readonly RenewalRefusal NotFound = new(new DomainError("renewal.not_found"));
}
