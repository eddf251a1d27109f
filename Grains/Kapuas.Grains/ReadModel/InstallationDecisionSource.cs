using Dapper;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Continuity;
using Npgsql;

namespace Kapuas.Grains.ReadModel;

public interface IInstallationDecisionSource
{
    Task<InstallationDecisions> GetAsync();
}

/// <summary>Reads <c>app.installation_decisions</c>, kept for a minute so that every claim view does not query it.</summary>
public sealed class PostgresInstallationDecisionSource(NpgsqlDataSource db, TimeProvider clock) : IInstallationDecisionSource
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private (InstallationDecisions Decisions, DateTimeOffset LoadedAt)? cached;

    public async Task<InstallationDecisions> GetAsync()
    {
        if (cached is { } c && clock.GetUtcNow() - c.LoadedAt < Lifetime)
        {
            return c.Decisions;
        }

        await using var connection = await db.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(string Value, string LetterNumber, DateTime LetterDate, string RecordedBy, DateTime RecordedAt)?>(
            "SELECT value, letter_number, letter_date, recorded_by, recorded_at FROM app.installation_decisions WHERE decision = @key",
            new { key = MasaIurDecision.Key });
        var decisions = row is { } r && Enum.TryParse<MasaIurReading>(r.Value, out var reading)
            ? new InstallationDecisions(reading, r.LetterNumber, DateOnly.FromDateTime(r.LetterDate), r.RecordedBy,
                new DateTimeOffset(DateTime.SpecifyKind(r.RecordedAt, DateTimeKind.Utc)))
            : InstallationDecisions.None;
        cached = (decisions, clock.GetUtcNow());
        return decisions;
    }

    /// <summary>Forgets the cached decisions (after an administrator recorded one).</summary>
    public void Invalidate() => cached = null;
}
