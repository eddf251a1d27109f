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
        await new ChunkedFanOut<PendingImportRow, int>
        {
            Pending = size => store.PendingAsync(batchId, size),
            Key = row => row.RowNumber,
            Prepare = async rows =>
            {
                if (batch.AgreementId is not null)
                {
                    // One quota reservation for the chunk: the agreement grain is not asked row by row.
                    await grains.GetGrain<IAgreementGrain>(batch.AgreementId)
                        .ReserveManyAsync([.. rows.Select(r => r.WorkerId!.Value)], new CommandContext(Guid.NewGuid(), user, user, clock.GetUtcNow()));
                }

                return new Dictionary<int, string>();
            },
            Apply = row => ApplyAsync(row, batch.AgreementId, batch.StartingRoster, user),
            Record = outcomes => store.CompleteRowsAsync(batchId, outcomes, clock.GetUtcNow()),
            SystemFailure = e => $"Kesalahan sistem saat menyimpan baris ini ({e.GetType().Name}); coba impor ulang baris ini.",
            OnTransient = (row, e) => LogRowRetry(batchId, row.RowNumber, e.GetType().Name), // left pending: the retry repeats it with the same operation ids
        }.RunAsync($"import {batchId}", cancellationToken);

        await store.MarkFinishedAsync(batchId, "completed", clock.GetUtcNow());
        LogCompleted(batchId);
    }

    private async Task<string?> ApplyAsync(PendingImportRow row, string? agreementId, bool startingRoster, string user)
    {
        if (row.Kind == ImportRowKind.Unchanged && agreementId is null)
        {
            return null;
        }

        var worker = grains.GetGrain<IWorkerGrain>(row.WorkerId!.Value);
        var context = new CommandContext(row.RegisterOp, user, user, clock.GetUtcNow());
        CommandResult<WorkerView> result;
        if (row.Input is { } input)
        {
            result = await worker.ImportAsync(ToWire(input), agreementId, startingRoster, context);
        }
        else
        {
            // An unchanged row whose data was cleared earlier: only the enrolment is left to do.
            result = await worker.EnrollWithAsync(new EnrolmentInput(agreementId!, null, startingRoster), context);
            if (!result.Succeeded && result.Errors.All(e => e.Code == "worker.already_enrolled"))
            {
                return null;
            }
        }

        if (!result.Succeeded)
        {
            return string.Join(" ", result.Errors.Select(e => e.Message));
        }

        var enrolFailure = result.Warnings.FirstOrDefault(w => w.Code == "import.enrol_failed");
        return enrolFailure is null ? null : "Data peserta tersimpan, tetapi pendaftaran ke PKS gagal: " + enrolFailure.Message;
    }

    private static WorkerProfileInput ToWire(ProfileInput p) =>
        new(p.Nik, p.Name, p.Sex, p.BirthDate, p.Kecamatan, p.Desa, p.Occupation, p.Phone, p.Kpj, p.Source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {BatchId} row {Row} will be retried ({Error})")]
    private partial void LogRowRetry(Guid batchId, int row, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {BatchId} completed")]
    private partial void LogCompleted(Guid batchId);
}
