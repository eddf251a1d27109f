using Dapper;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Npgsql;

namespace Kapuas.Infrastructure.Claims;

/// <summary>A claim's cover letter once issued: its number and date, and the letterhead and signatory as they were then.</summary>
public sealed record IssuedLetter(Guid ClaimId, string Number, DateOnly IssuedOn, string IssuedBy, CoverLetterSettings Settings);

/// <summary>
/// The cover-letter settings (one row, set by an administrator) and the letters issued for claims: one per claim,
/// numbered in the year's sequence without gaps or repeats, however many caseworkers issue at once; issuing again
/// gives the same letter.
/// </summary>
public sealed class CoverLetterStore(NpgsqlDataSource db, TimeProvider clock)
{
    private const string Columns = """
        office AS Office, address AS Address, city AS City, addressee AS Addressee,
        signatory_name AS SignatoryName, signatory_title AS SignatoryTitle, signatory_nip AS SignatoryNip
        """;

    /// <summary>The settings, or the defaults (no address, no signatory) when none were saved yet.</summary>
    public async Task<CoverLetterSettings> SettingsAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<SettingsRow>($"SELECT {Columns}, number_pattern AS NumberPattern FROM app.cover_letter_settings WHERE id = 1");
        return row?.ToSettings() ?? CoverLetterSettings.Defaults;
    }

    /// <summary>Saves valid settings (the caller checked <see cref="CoverLetterSettings.Problems"/>); letters already issued keep theirs.</summary>
    public async Task SaveSettingsAsync(CoverLetterSettings settings, string by)
    {
        if (settings.Problems().Count > 0)
        {
            throw new ArgumentException("Cover-letter settings with problems are not saved.", nameof(settings));
        }

        var s = settings.Normalised();
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO app.cover_letter_settings (id, office, address, city, addressee, number_pattern, signatory_name, signatory_title,
                signatory_nip, updated_at, updated_by)
            VALUES (1, @Office, @Address, @City, @Addressee, @NumberPattern, @SignatoryName, @SignatoryTitle, @SignatoryNip, @at, @by)
            ON CONFLICT (id) DO UPDATE SET office = EXCLUDED.office, address = EXCLUDED.address, city = EXCLUDED.city,
                addressee = EXCLUDED.addressee, number_pattern = EXCLUDED.number_pattern, signatory_name = EXCLUDED.signatory_name,
                signatory_title = EXCLUDED.signatory_title, signatory_nip = EXCLUDED.signatory_nip, updated_at = EXCLUDED.updated_at,
                updated_by = EXCLUDED.updated_by
            """, new
        {
            s.Office, s.Address, s.City, s.Addressee, s.NumberPattern, s.SignatoryName, s.SignatoryTitle, s.SignatoryNip,
            at = clock.GetUtcNow().UtcDateTime, by,
        });
    }

    public async Task<IssuedLetter?> LetterAsync(Guid claimId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return (await connection.QuerySingleOrDefaultAsync<LetterRow>($"""
            SELECT claim_id AS ClaimId, number AS Number, issued_on AS IssuedOn, issued_by AS IssuedBy, {Columns}, '' AS NumberPattern
            FROM app.claim_letters WHERE claim_id = @claimId
            """, new { claimId }))?.ToLetter();
    }

    /// <summary>
    /// The claim's letter: the one already issued, or a new one with the next number of the year (dated today in WIB) and
    /// today's settings; null when the settings cannot sign a letter yet.
    /// </summary>
    public async Task<IssuedLetter?> IssueAsync(Guid claimId, Guid workerId, string by)
    {
        if (await LetterAsync(claimId) is { } existing)
        {
            return existing;
        }

        var settings = await SettingsAsync();
        if (!settings.CanIssue)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var today = Wib.DateOf(now);
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // One issuer at a time per year, so the running number has neither gaps nor repeats.
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('kapuas.claim_letters'), @year)", new { year = today.Year }, transaction);
        var seq = await connection.ExecuteScalarAsync<int>(
            "SELECT coalesce(max(seq), 0) + 1 FROM app.claim_letters WHERE year = @year", new { year = today.Year }, transaction);
        await connection.ExecuteAsync("""
            INSERT INTO app.claim_letters (claim_id, worker_id, year, seq, number, issued_on, issued_at, issued_by, office, address, city,
                addressee, signatory_name, signatory_title, signatory_nip)
            VALUES (@claimId, @workerId, @year, @seq, @number, @issuedOn, @at, @by, @Office, @Address, @City, @Addressee, @SignatoryName,
                @SignatoryTitle, @SignatoryNip)
            ON CONFLICT (claim_id) DO NOTHING
            """, new
        {
            claimId, workerId, year = today.Year, seq, number = settings.Number(seq, today), issuedOn = today.ToDateTime(TimeOnly.MinValue),
            at = now.UtcDateTime, by, settings.Office, settings.Address, settings.City, settings.Addressee, settings.SignatoryName,
            settings.SignatoryTitle, settings.SignatoryNip,
        }, transaction);
        await transaction.CommitAsync();
        return await LetterAsync(claimId);
    }

    private class SettingsRow
    {
        public string Office { get; init; } = "";
        public string Address { get; init; } = "";
        public string City { get; init; } = "";
        public string Addressee { get; init; } = "";
        public string NumberPattern { get; init; } = "";
        public string SignatoryName { get; init; } = "";
        public string SignatoryTitle { get; init; } = "";
        public string SignatoryNip { get; init; } = "";

        public CoverLetterSettings ToSettings() =>
            new(Office, Address, City, Addressee, NumberPattern, SignatoryName, SignatoryTitle, SignatoryNip);
    }

    private sealed class LetterRow : SettingsRow
    {
        public Guid ClaimId { get; init; }
        public string Number { get; init; } = "";
        public DateTime IssuedOn { get; init; }
        public string IssuedBy { get; init; } = "";

        public IssuedLetter ToLetter() => new(ClaimId, Number, DateOnly.FromDateTime(IssuedOn), IssuedBy, ToSettings());
    }
}
