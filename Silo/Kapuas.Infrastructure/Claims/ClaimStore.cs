using System.Security.Cryptography;
using Dapper;
using Kapuas.Domain.Claims;
using Kapuas.Infrastructure.Database;
using Npgsql;

namespace Kapuas.Infrastructure.Claims;

/// <summary>What the queue filters on. Null means no filter.</summary>
public sealed record ClaimQuery(string? AssignedTo, string? State, string? Kecamatan, ClaimDue Due, int Page = 1, int PageSize = 50);

public enum ClaimDue
{
    Any,
    Overdue,
    DueWithinThreeDays,
}

/// <summary>One line of the caseworker queue.</summary>
public sealed class ClaimQueueRow
{
    public Guid ClaimId { get; init; }
    public Guid WorkerId { get; init; }
    public string Number { get; init; } = "";
    public string ClaimType { get; init; } = "";
    public string State { get; init; } = "";
    public DateTime IncidentAt { get; init; }
    public string AssignedTo { get; init; } = "";
    public bool Covered { get; init; }
    public int MissingBlocking { get; init; }
    public DateTime? NextDueAt { get; init; }
    public string? KeptNextDueLabel { get; init; }

    /// <summary>The next deadline's name in the current UI culture (the read model keeps it in Bahasa Indonesia).</summary>
    public string? NextDueLabel => StoredText.ShowTerm(KeptNextDueLabel, "deadline.", System.Globalization.CultureInfo.CurrentUICulture);
    public long? PaidAmount { get; init; }
    public string WorkerName { get; init; } = "";
    public string NikMasked { get; init; } = "";
    public string KecamatanCode { get; init; } = "";
}

public sealed record ClaimQueuePage(IReadOnlyList<ClaimQueueRow> Rows, int Total, int Overdue, int DueSoon);

public sealed class StoredAttachmentFile
{
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public byte[] Content { get; init; } = [];
}

public sealed class HolidayRow
{
    public DateTime HolidayDate { get; init; }
    public string Name { get; init; } = "";
    public string EnteredBy { get; init; } = "";
}

/// <summary>The claims read model for the queue, scanned documents, and the holidays table.</summary>
public sealed class ClaimStore(NpgsqlDataSource db, TimeProvider clock)
{
    /// <summary>Whether any claim, in any state, is assigned to <paramref name="userName"/>.</summary>
    public async Task<bool> HasAssignedAsync(string userName)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM app.claims WHERE assigned_to = @userName)", new { userName });
    }

    public async Task<ClaimQueuePage> QueueAsync(ClaimQuery query)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = now.AddDays(3);
        var where = """
            (@assigned::text IS NULL OR c.assigned_to = @assigned)
            AND (@state::text IS NULL OR c.state = @state)
            AND (@kecamatan::text IS NULL OR p.kecamatan_code = @kecamatan)
            AND (@due = 0 OR (@due = 1 AND c.next_due_at < @now) OR (@due = 2 AND c.next_due_at >= @now AND c.next_due_at <= @soon))
            """;
        var args = new
        {
            assigned = query.AssignedTo, state = query.State, kecamatan = query.Kecamatan, due = (int)query.Due, now, soon,
            limit = Math.Clamp(query.PageSize, 1, 200), offset = (Math.Max(query.Page, 1) - 1) * Math.Clamp(query.PageSize, 1, 200),
        };
        await using var connection = await db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<ClaimQueueRow>($"""
            SELECT c.claim_id AS ClaimId, c.worker_id AS WorkerId, c.number AS Number, c.claim_type AS ClaimType, c.state AS State,
                   c.incident_at AS IncidentAt, c.assigned_to AS AssignedTo, c.covered AS Covered, c.missing_blocking AS MissingBlocking,
                   c.next_due_at AS NextDueAt, c.next_due_label AS KeptNextDueLabel, c.paid_amount AS PaidAmount,
                   p.name AS WorkerName, p.nik_masked AS NikMasked, p.kecamatan_code AS KecamatanCode
            FROM app.claims c JOIN app.participants p ON p.worker_id = c.worker_id
            WHERE {where}
            ORDER BY c.next_due_at NULLS LAST, c.incident_at DESC
            LIMIT @limit OFFSET @offset
            """, args);
        var counts = await connection.QuerySingleAsync<(long Total, long Overdue, long Soon)>($"""
            SELECT count(*), count(*) FILTER (WHERE c.next_due_at < @now), count(*) FILTER (WHERE c.next_due_at >= @now AND c.next_due_at <= @soon)
            FROM app.claims c JOIN app.participants p ON p.worker_id = c.worker_id
            WHERE {where}
            """, args);
        return new ClaimQueuePage([.. rows], (int)counts.Total, (int)counts.Overdue, (int)counts.Soon);
    }

    /// <summary>Stores a checked scan; the grain records it on the claim after this.</summary>
    public async Task SaveAttachmentAsync(Guid attachmentId, Guid workerId, Guid claimId, DocumentKind kind, string fileName,
        AttachmentType type, byte[] content, string by)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO app.claim_attachments (attachment_id, worker_id, claim_id, document_kind, file_name, content_type, size_bytes,
                sha256, content, uploaded_at, uploaded_by)
            VALUES (@attachmentId, @workerId, @claimId, @kind, @fileName, @contentType, @size, @sha, @content, @at, @by)
            ON CONFLICT (attachment_id) DO NOTHING
            """, new
        {
            attachmentId, workerId, claimId, kind = kind.ToString(), fileName, contentType = AttachmentCheck.ContentType(type),
            size = content.Length, sha = SHA256.HashData(content), content, at = clock.GetUtcNow().UtcDateTime, by,
        });
    }

    /// <summary>Removes a scan the grain refused to record, so no orphan is left.</summary>
    public async Task DeleteAttachmentAsync(Guid attachmentId)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("DELETE FROM app.claim_attachments WHERE attachment_id = @attachmentId", new { attachmentId });
    }

    public async Task<StoredAttachmentFile?> AttachmentAsync(Guid workerId, Guid claimId, Guid attachmentId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<StoredAttachmentFile>("""
            SELECT file_name AS FileName, content_type AS ContentType, content AS Content FROM app.claim_attachments
            WHERE attachment_id = @attachmentId AND worker_id = @workerId AND claim_id = @claimId
            """, new { attachmentId, workerId, claimId });
    }

    public async Task<IReadOnlyList<HolidayRow>> HolidaysAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<HolidayRow>(
            "SELECT holiday_date AS HolidayDate, name AS Name, entered_by AS EnteredBy FROM app.holidays ORDER BY holiday_date")];
    }

    public async Task SaveHolidayAsync(DateOnly date, string name, string by)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO app.holidays (holiday_date, name, entered_by) VALUES (@date, @name, @by)
            ON CONFLICT (holiday_date) DO UPDATE SET name = EXCLUDED.name, entered_by = EXCLUDED.entered_by, entered_at = now()
            """, new { date = date.ToDateTime(TimeOnly.MinValue), name, by });
    }

    public async Task DeleteHolidayAsync(DateOnly date)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("DELETE FROM app.holidays WHERE holiday_date = @date", new { date = date.ToDateTime(TimeOnly.MinValue) });
    }
}
