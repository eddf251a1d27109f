using System.Globalization;
using System.Text.Json;
using Dapper;
using Kapuas.Domain.Import;
using Kapuas.Domain.Workers;
using Kapuas.Infrastructure.Hosting;
using Npgsql;
using NpgsqlTypes;

namespace Kapuas.Infrastructure.Import;

/// <summary>Import batches and rows in PostgreSQL: written by the preview, worked through by the commit job.</summary>
public sealed class ImportStore(NpgsqlDataSource db)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public async Task SaveAsync(ImportBatchSummary batch, string sha256, IReadOnlyList<(ImportRowPreview Row, ProfileInput? Input)> rows, QuotaEffect? effect)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO app.import_batches (batch_id, file_name, file_sha256, file_kind, agreement_id, uploaded_by, uploaded_at, status,
                total_rows, new_rows, update_rows, unchanged_rows, rejected_rows, warning_rows, notes, starting_roster)
            VALUES (@BatchId, @FileName, @Sha, @FileKind, @AgreementId, @UploadedBy, @UploadedAt, 'previewed',
                @TotalRows, @NewRows, @UpdateRows, @UnchangedRows, @RejectedRows, @WarningRows, @Notes::jsonb, @StartingRoster)
            """, new
        {
            batch.BatchId, batch.FileName, Sha = sha256, batch.FileKind, batch.AgreementId, batch.UploadedBy, batch.UploadedAt,
            batch.TotalRows, batch.NewRows, batch.UpdateRows, batch.UnchangedRows, batch.RejectedRows, batch.WarningRows, batch.StartingRoster,
            Notes = JsonSerializer.Serialize(effect is null ? new object[0] : [effect], Json),
        }, tx);

        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY app.import_rows (batch_id, row_number, kind, worker_id, register_op, enrol_op, payload, name, errors, warnings, changes, status)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var (row, input) in rows)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(batch.BatchId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(row.RowNumber, NpgsqlDbType.Integer);
                await writer.WriteAsync(row.Kind.ToString().ToLowerInvariant(), NpgsqlDbType.Text);
                await WriteNullableAsync(writer, row.WorkerId);
                await WriteNullableAsync(writer, row.Kind == ImportRowKind.Rejected ? null : Guid.NewGuid());
                await WriteNullableAsync(writer, row.Kind == ImportRowKind.Rejected ? null : Guid.NewGuid());
                if (input is null)
                {
                    await writer.WriteNullAsync();
                }
                else
                {
                    await writer.WriteAsync(JsonSerializer.Serialize(input, Json), NpgsqlDbType.Jsonb);
                }

                await writer.WriteAsync(row.Name, NpgsqlDbType.Text);
                await writer.WriteAsync(JsonSerializer.Serialize(row.Errors, Json), NpgsqlDbType.Jsonb);
                await writer.WriteAsync(JsonSerializer.Serialize(row.Warnings, Json), NpgsqlDbType.Jsonb);
                await writer.WriteAsync(JsonSerializer.Serialize(row.Changes, Json), NpgsqlDbType.Jsonb);
                await writer.WriteAsync(row.Kind == ImportRowKind.Rejected ? "skipped" : "pending", NpgsqlDbType.Text);
            }

            await writer.CompleteAsync();
        }

        await tx.CommitAsync();
    }

    public async Task<ImportBatchSummary?> GetAsync(Guid batchId)
    {
        await using var connection = await db.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<BatchRow>($"{SelectBatch} WHERE batch_id = @batchId", new { batchId });
        return row?.ToSummary();
    }

    public async Task<IReadOnlyList<ImportBatchSummary>> RecentAsync(int count)
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. (await connection.QueryAsync<BatchRow>($"{SelectBatch} ORDER BY uploaded_at DESC LIMIT @count", new { count })).Select(r => r.ToSummary())];
    }

    public async Task<QuotaEffect?> QuotaEffectAsync(Guid batchId)
    {
        await using var connection = await db.OpenConnectionAsync();
        var notes = await connection.ExecuteScalarAsync<string>("SELECT notes::text FROM app.import_batches WHERE batch_id = @batchId", new { batchId });
        return notes is null ? null : JsonSerializer.Deserialize<List<QuotaEffect>>(notes, Json)?.FirstOrDefault();
    }

    /// <summary>Moves a previewed batch to the queue; false when it is no longer in preview (already committed).</summary>
    public async Task<bool> QueueAsync(Guid batchId, string committedBy)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            "UPDATE app.import_batches SET status = 'queued', committed_by = @committedBy WHERE batch_id = @batchId AND status = 'previewed'",
            new { batchId, committedBy }) == 1;
    }

    public async Task SetJobAsync(Guid batchId, string jobId)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("UPDATE app.import_batches SET job_id = @jobId WHERE batch_id = @batchId", new { batchId, jobId });
    }

    public async Task MarkRunningAsync(Guid batchId, DateTimeOffset at)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "UPDATE app.import_batches SET status = 'running', started_at = COALESCE(started_at, @at), finished_at = NULL WHERE batch_id = @batchId",
            new { batchId, at });
    }

    public async Task MarkFinishedAsync(Guid batchId, string status, DateTimeOffset at)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "UPDATE app.import_batches SET status = @status, finished_at = @at WHERE batch_id = @batchId", new { batchId, status, at });
    }

    public async Task<IReadOnlyList<PendingImportRow>> PendingAsync(Guid batchId, int limit)
    {
        await using var connection = await db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(int RowNumber, string Kind, Guid? WorkerId, Guid? RegisterOp, Guid? EnrolOp, string? Payload)>("""
            SELECT row_number, kind, worker_id, register_op, enrol_op, payload::text
            FROM app.import_rows WHERE batch_id = @batchId AND status = 'pending' ORDER BY row_number LIMIT @limit
            """, new { batchId, limit });
        return [.. rows.Select(r => new PendingImportRow(r.RowNumber, Enum.Parse<ImportRowKind>(r.Kind, ignoreCase: true), r.WorkerId,
            r.RegisterOp ?? Guid.Empty, r.EnrolOp ?? Guid.Empty,
            r.Payload is null ? null : JsonSerializer.Deserialize<ProfileInput>(r.Payload, Json)))];
    }

    public async Task CompleteRowsAsync(Guid batchId, IReadOnlyList<(int RowNumber, string? Failure)> outcomes, DateTimeOffset at)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

        await using var connection = await db.OpenConnectionAsync();
        // One statement for the whole chunk.
        await connection.ExecuteAsync("""
            UPDATE app.import_rows AS r SET
                status = CASE WHEN o.failure IS NULL THEN 'done' ELSE 'failed' END,
                failure = o.failure, done_at = @at, payload = NULL
            FROM unnest(@rows, @failures) AS o(row_number, failure)
            WHERE r.batch_id = @batchId AND r.row_number = o.row_number AND r.status = 'pending'
            """, new { batchId, at, rows = outcomes.Select(o => o.RowNumber).ToArray(), failures = outcomes.Select(o => o.Failure).ToArray() });
    }

    public async Task<JobProgress> ProgressAsync(Guid batchId, DateTimeOffset now)
    {
        await using var connection = await db.OpenConnectionAsync();
        var batch = await connection.QuerySingleAsync<(string Status, DateTime? StartedAt, DateTime? FinishedAt)>(
            "SELECT status, started_at, finished_at FROM app.import_batches WHERE batch_id = @batchId", new { batchId });
        var counts = (await connection.QueryAsync<(string Status, int Count)>(
            "SELECT status, count(*)::int FROM app.import_rows WHERE batch_id = @batchId GROUP BY status", new { batchId }))
            .ToDictionary(c => c.Status, c => c.Count);
        return JobProgress.From(batch.Status, batch.StartedAt, batch.FinishedAt, counts, now);
    }

    /// <summary>Every rejected row's problems and every row that failed during the commit, in row order.</summary>
    public async Task<IReadOnlyList<ImportReportLine>> ReportAsync(Guid batchId)
    {
        await using var connection = await db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(int RowNumber, string Name, string Errors, string? Failure)>("""
            SELECT row_number, name, errors::text, failure FROM app.import_rows
            WHERE batch_id = @batchId AND (kind = 'rejected' OR status = 'failed') ORDER BY row_number
            """, new { batchId });
        var lines = new List<ImportReportLine>();
        foreach (var row in rows)
        {
            foreach (var problem in Problems(row.Errors))
            {
                lines.Add(new ImportReportLine(row.RowNumber, row.Name, problem.Column, problem.Value, problem.Message));
            }

            if (row.Failure is not null)
            {
                lines.Add(new ImportReportLine(row.RowNumber, row.Name, "", "", row.Failure));
            }
        }

        return lines;
    }

    /// <summary>The rows of a batch for the preview page (problems, warnings and changes), in row order.</summary>
    public async Task<IReadOnlyList<ImportRowPreview>> RowsAsync(Guid batchId, int offset, int limit, bool onlyNoteworthy)
    {
        await using var connection = await db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(int RowNumber, string Kind, string Name, Guid? WorkerId, string Errors, string Warnings, string Changes)>($"""
            SELECT row_number, kind, name, worker_id, errors::text, warnings::text, changes::text FROM app.import_rows
            WHERE batch_id = @batchId {(onlyNoteworthy ? "AND (kind <> 'unchanged' OR warnings <> '[]'::jsonb)" : "")}
            ORDER BY (kind = 'rejected') DESC, row_number OFFSET @offset LIMIT @limit
            """, new { batchId, offset, limit });
        return [.. rows.Select(r => new ImportRowPreview(r.RowNumber, Enum.Parse<ImportRowKind>(r.Kind, ignoreCase: true), r.Name, r.WorkerId,
            Problems(r.Errors), Problems(r.Warnings),
            JsonSerializer.Deserialize<List<string>>(r.Changes, Json) ?? []))];
    }

    /// <summary>Kept problems, their texts in the reader's language (problems kept before their keys were, as kept).</summary>
    private static List<RowProblem> Problems(string json) =>
        [.. (JsonSerializer.Deserialize<List<RowProblem>>(json, Json) ?? []).Select(p => p.In(CultureInfo.CurrentUICulture))];

    private const string SelectBatch = """
        SELECT batch_id AS BatchId, file_name AS FileName, file_kind AS FileKind, agreement_id AS AgreementId, uploaded_by AS UploadedBy,
               uploaded_at AS UploadedAt, status AS Status, total_rows AS TotalRows, new_rows AS NewRows, update_rows AS UpdateRows,
               unchanged_rows AS UnchangedRows, rejected_rows AS RejectedRows, warning_rows AS WarningRows, committed_by AS CommittedBy,
               started_at AS StartedAt, finished_at AS FinishedAt, starting_roster AS StartingRoster
        FROM app.import_batches
        """;

    private sealed class BatchRow
    {
        public Guid BatchId { get; set; }

        public string FileName { get; set; } = "";

        public string FileKind { get; set; } = "";

        public string? AgreementId { get; set; }

        public string UploadedBy { get; set; } = "";

        public DateTime UploadedAt { get; set; }

        public string Status { get; set; } = "";

        public int TotalRows { get; set; }

        public int NewRows { get; set; }

        public int UpdateRows { get; set; }

        public int UnchangedRows { get; set; }

        public int RejectedRows { get; set; }

        public int WarningRows { get; set; }

        public string? CommittedBy { get; set; }

        public DateTime? StartedAt { get; set; }

        public DateTime? FinishedAt { get; set; }

        public bool StartingRoster { get; set; }

        public ImportBatchSummary ToSummary() => new(
            BatchId, FileName, FileKind, AgreementId, UploadedBy, Utc(UploadedAt), Status, TotalRows, NewRows, UpdateRows, UnchangedRows,
            RejectedRows, WarningRows, CommittedBy, StartedAt is { } s ? Utc(s) : null, FinishedAt is { } f ? Utc(f) : null, StartingRoster);

        private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, Guid? value)
    {
        if (value is { } v)
        {
            await writer.WriteAsync(v, NpgsqlDbType.Uuid);
        }
        else
        {
            await writer.WriteNullAsync();
        }
    }
}

public sealed record PendingImportRow(int RowNumber, ImportRowKind Kind, Guid? WorkerId, Guid RegisterOp, Guid EnrolOp, ProfileInput? Input);
