using System.Text.Json;
using Dapper;
using Kapuas.Domain.Continuity;
using Npgsql;

namespace Kapuas.Infrastructure.Continuity;

/// <summary>Records the installation's decisions, each change audited in the same transaction.</summary>
public sealed class InstallationDecisionStore(NpgsqlDataSource db)
{
    public async Task<InstallationDecisions> GetAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(string Value, string LetterNumber, DateTime LetterDate, string RecordedBy, DateTime RecordedAt)?>(
            "SELECT value, letter_number, letter_date, recorded_by, recorded_at FROM app.installation_decisions WHERE decision = @key",
            new { key = MasaIurDecision.Key });
        return row is { } r && Enum.TryParse<Domain.Claims.MasaIurReading>(r.Value, out var reading)
            ? new InstallationDecisions(reading, r.LetterNumber, DateOnly.FromDateTime(r.LetterDate), r.RecordedBy,
                new DateTimeOffset(DateTime.SpecifyKind(r.RecordedAt, DateTimeKind.Utc)))
            : InstallationDecisions.None;
    }

    public async Task RecordMasaIurReadingAsync(MasaIurDecision decision, Guid operationId, string userId, string userName, DateTimeOffset at)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var before = await connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT row_to_json(d)::text FROM app.installation_decisions d WHERE decision = @key FOR UPDATE",
            new { key = MasaIurDecision.Key }, tx);
        await connection.ExecuteAsync("""
            INSERT INTO app.installation_decisions (decision, value, letter_number, letter_date, note, recorded_by, recorded_at)
            VALUES (@key, @value, @number, @date, @note, @by, @at)
            ON CONFLICT (decision) DO UPDATE SET value = EXCLUDED.value, letter_number = EXCLUDED.letter_number,
                letter_date = EXCLUDED.letter_date, note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
            """, new
        {
            key = MasaIurDecision.Key, value = decision.Reading.ToString(), number = decision.LetterNumber,
            date = decision.LetterDate.ToDateTime(TimeOnly.MinValue), note = decision.Note, by = userName, at = at.UtcDateTime,
        }, tx);
        var after = JsonSerializer.Serialize(new
        {
            reading = decision.Reading.ToString(), letterNumber = decision.LetterNumber, letterDate = decision.LetterDate, decision.Note,
        });
        await connection.ExecuteAsync("""
            INSERT INTO app.audit_log (operation_id, subject_type, subject_id, action, at, user_id, user_name, before, after)
            VALUES (@operationId, 'installation', @key, 'decision.masa_iur_reading', @at, @userId, @userName, @before::jsonb, @after::jsonb)
            ON CONFLICT (operation_id, subject_type, subject_id, action) DO NOTHING
            """, new { operationId, key = MasaIurDecision.Key, at = at.UtcDateTime, userId, userName, before, after }, tx);
        await tx.CommitAsync();
    }

    /// <summary>Every recorded change of the decision, newest first.</summary>
    public async Task<IReadOnlyList<(DateTime At, string UserName, string After)>> HistoryAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<(DateTime, string, string)>("""
            SELECT at, user_name, after::text FROM app.audit_log
            WHERE subject_type = 'installation' AND subject_id = @key ORDER BY at DESC, id DESC LIMIT 20
            """, new { key = MasaIurDecision.Key })];
    }
}
