using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Common;
using Kapuas.Grains.Imports;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Import;

namespace Kapuas.Silo.Jobs;

/// <summary>
/// Works through a batch's pending rows in chunks, with bounded parallelism. Each row's grain calls carry the
/// operation ids fixed at preview time, so a rerun after a crash repeats nothing: it finishes what is left.
/// </summary>
public sealed partial class ImportCommitJob(ImportStore store, IGrainFactory grains, TimeProvider clock, ILogger<ImportCommitJob> logger)
    : IImportCommitJob
{
    public async Task RunAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var batch = await store.GetAsync(batchId);
        if (batch is null || batch.Status is "completed" or "previewed")
        {
            return;
        }

        await store.MarkRunningAsync(batchId, clock.GetUtcNow());
        var user = batch.CommittedBy ?? "sistem";
        var agreement = batch.AgreementId is { } code ? grains.GetGrain<IAgreementGrain>(code) : null;
        AgreementTermsInput? terms = null;
        var placed = new HashSet<Guid>();
        await new ChunkedFanOut<PendingImportRow, int>
        {
            Pending = size => store.PendingAsync(batchId, size),
            Key = row => row.RowNumber,

            // The direct path, as in the renewal: the terms read once per chunk and the quota places taken for the chunk
            // in one call; each row then enrols without calling the agreement (rows left without a place ask it
            // themselves, and are told why not).
            Prepare = async rows =>
            {
                placed.Clear();
                if (agreement is not null)
                {
                    terms = await agreement.GetAsync() is { } open && open.Status.TakesWorkers() ? open.Terms : null;
                    var reservation = await agreement.ReserveManyAsync([.. rows.Select(r => r.WorkerId!.Value)], Context(user));
                    if (terms is not null && reservation.Value is { } summary)
                    {
                        placed.UnionWith(rows.Select(r => r.WorkerId!.Value).Except(summary.RefusedForQuota));
                    }
                }

                return new Dictionary<int, string>();
            },
            Apply = row => ApplyAsync(row, batch.AgreementId is { } id
                ? new EnrolmentInput(id, null, batch.StartingRoster, Terms: terms, PlaceReserved: placed.Contains(row.WorkerId!.Value))
                : null, user),
            Record = outcomes => store.CompleteRowsAsync(batchId, outcomes, clock.GetUtcNow()),
            SystemFailure = e => $"Kesalahan sistem saat menyimpan baris ini ({e.GetType().Name}); coba impor ulang baris ini.",
            OnTransient = (row, e) => LogRowRetry(batchId, row.RowNumber, e.GetType().Name), // left pending: the retry repeats it with the same operation ids
        }.RunAsync($"import {batchId}", cancellationToken);

        await store.MarkFinishedAsync(batchId, "completed", clock.GetUtcNow());
        LogCompleted(batchId);
    }

    private CommandContext Context(string user) => new(Guid.NewGuid(), user, user, clock.GetUtcNow());

    private async Task<string?> ApplyAsync(PendingImportRow row, EnrolmentInput? enrolment, string user)
    {
        if (row.Kind == ImportRowKind.Unchanged && enrolment is null)
        {
            return null;
        }

        var worker = grains.GetGrain<IWorkerGrain>(row.WorkerId!.Value);
        var context = new CommandContext(row.RegisterOp, user, user, clock.GetUtcNow());
        CommandResult<WorkerView> result;
        if (row.Input is { } input)
        {
            result = await worker.ImportAsync(ToWire(input), enrolment, context);
        }
        else
        {
            // An unchanged row whose data was cleared earlier: only the enrolment is left to do.
            result = await worker.EnrollWithAsync(enrolment!, context);
            if (!result.Succeeded && result.Errors.All(e => e.Code == "worker.already_enrolled"))
            {
                return null;
            }
        }

        var enrolFailure = result.Warnings.FirstOrDefault(w => w.Code == "import.enrol_failed");
        if (!result.Succeeded || enrolFailure is not null)
        {
            await GiveBackPlaceAsync(worker, enrolment, user);
        }

        if (!result.Succeeded)
        {
            return string.Join(" ", result.Errors.Select(e => e.Message));
        }

        return enrolFailure is null ? null : new DomainError("import.saved_enrolment_failed", enrolFailure.Message).Message;
    }

    /// <summary>
    /// A row refused at commit (its NIK registered meanwhile, say) gives back the quota place the chunk took for it,
    /// unless the worker is enrolled in the agreement after all (then the place is theirs).
    /// </summary>
    private async Task GiveBackPlaceAsync(IWorkerGrain worker, EnrolmentInput? enrolment, string user)
    {
        if (enrolment is not { PlaceReserved: true })
        {
            return;
        }

        var view = await worker.GetAsync(Wib.DateOf(clock.GetUtcNow()));
        if (view is null || !view.Periods.Any(p => p.AgreementId == enrolment.AgreementId))
        {
            await grains.GetGrain<IAgreementGrain>(enrolment.AgreementId).ReleaseAsync(worker.GetPrimaryKey(), Context(user));
        }
    }

    private static WorkerProfileInput ToWire(ProfileInput p) =>
        new(p.Nik, p.Name, p.Sex, p.BirthDate, p.Kecamatan, p.Desa, p.Occupation, p.Phone, p.Kpj, p.Source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {BatchId} row {Row} will be retried ({Error})")]
    private partial void LogRowRetry(Guid batchId, int row, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {BatchId} completed")]
    private partial void LogCompleted(Guid batchId);
}
