using Dapper;
using Kapuas.Infrastructure.Database;
using Npgsql;

namespace Kapuas.Infrastructure.Roster;

public sealed record Count(string Key, long Value);

public sealed class AgreementUse : Agreements.AgreementPayerColumns
{
    public string AgreementId { get; init; } = "";
    public string Number { get; init; } = "";
    public string Status { get; init; } = "";
    public int Quota { get; init; }
    public long Enrolled { get; init; }
    public long CostPerWorker { get; init; }
    public long BudgetCeiling { get; init; }

    public long Committed => CostPerWorker * Enrolled;
}

public sealed class RenewalState
{
    public Guid RenewalId { get; init; }
    public string FromAgreement { get; init; } = "";
    public string ToAgreement { get; init; } = "";
    public string Status { get; init; } = "";
    public int Continuing { get; init; }
    public long Done { get; init; }
}

public sealed record DashboardFigures(
    long CoveredToday,
    long Registered,
    IReadOnlyList<Count> ByKecamatan,
    IReadOnlyList<Count> ByOccupation,
    IReadOnlyList<AgreementUse> Agreements,
    IReadOnlyList<RenewalState> Renewals,
    IReadOnlyList<Count> ClaimsByState,
    long Overdue,
    long DueSoon,
    long PaidThisYear,
    long PaidClaimsThisYear,
    IReadOnlyList<Count>? MembershipToday = null,
    long OpenContinuityAlerts = 0,
    string? NextEnding = null,
    long DoubleCovered = 0,
    long DoubleCoverAtStake = 0);

/// <summary>The figures of the home page, from the read model, in one round trip.</summary>
public sealed class Dashboard(NpgsqlDataSource db)
{
    public async Task<DashboardFigures> GetAsync(DateOnly today, DateTimeOffset now)
    {
        var args = new
        {
            today = today.ToDateTime(TimeOnly.MinValue), now = now.UtcDateTime, soon = now.UtcDateTime.AddDays(3),
            yearStart = new DateTime(today.Year, 1, 1), yearEnd = new DateTime(today.Year, 12, 31),
        };
        await using var connection = await db.OpenConnectionAsync();
        using var grid = await connection.QueryMultipleAsync("""
            WITH covered AS (
                SELECT DISTINCT worker_id FROM app.participant_periods WHERE start_date <= @today AND end_date >= @today)
            SELECT p.kecamatan_code AS Kecamatan, p.occupation AS Occupation, GROUPING(p.kecamatan_code) AS KecamatanRolledUp,
                   GROUPING(p.occupation) AS OccupationRolledUp, count(*) AS Value
            FROM app.participants p JOIN covered c ON c.worker_id = p.worker_id
            GROUP BY GROUPING SETS ((p.kecamatan_code), (p.occupation), ());
            SELECT count(*) FROM app.participants;
            SELECT a.agreement_id AS AgreementId, a.number AS Number, a.status AS Status, a.quota AS Quota, a.cost_per_worker AS CostPerWorker,
                   a.budget_ceiling AS BudgetCeiling, (SELECT count(*) FROM app.agreement_enrolments e WHERE e.agreement_id = a.agreement_id) AS Enrolled,
                   a.payer AS Payer, a.payer_kecamatan AS PayerKecamatan, a.payer_desa AS PayerDesa, a.payer_name AS PayerName
              FROM app.agreements a WHERE a.status <> 'Closed' OR a.end_date >= @yearStart ORDER BY a.start_date DESC;
            SELECT r.renewal_id AS RenewalId, r.from_agreement AS FromAgreement, r.to_agreement AS ToAgreement, r.status AS Status,
                   r.continuing AS Continuing,
                   (SELECT count(*) FROM app.renewal_items i WHERE i.renewal_id = r.renewal_id AND i.status = 'done') AS Done
              FROM app.renewals r ORDER BY r.created_at DESC LIMIT 3;
            SELECT state AS Key, count(*) AS Value FROM app.claims GROUP BY state ORDER BY 1;
            SELECT count(*) FROM app.claims WHERE next_due_at < @now;
            SELECT count(*) FROM app.claims WHERE next_due_at >= @now AND next_due_at <= @soon;
            SELECT coalesce(sum(paid_amount), 0)::bigint, count(*) FROM app.claims WHERE paid_on BETWEEN @yearStart AND @yearEnd;
            SELECT status AS Key, count(*) AS Value FROM app.participant_membership
             WHERE start_date <= @today AND (end_date IS NULL OR end_date >= @today) GROUP BY status ORDER BY 1;
            SELECT count(*) FROM app.continuity_alerts WHERE acknowledged_at IS NULL;
            SELECT explanation, explanation_phrase::text FROM app.continuity_assessments WHERE end_date >= @today ORDER BY end_date LIMIT 1;
            SELECT count(DISTINCT worker_id), coalesce(sum(first_at_stake + second_at_stake), 0)::bigint FROM app.double_cover_findings;
            """, args);
        // Covered today, counted once: by kecamatan, by occupation and in all, from one scan of today's periods.
        var groups = (await grid.ReadAsync<(string? Kecamatan, string? Occupation, int KecamatanRolledUp, int OccupationRolledUp, long Value)>()).ToList();
        var covered = groups.FirstOrDefault(g => g.KecamatanRolledUp == 1 && g.OccupationRolledUp == 1).Value;
        var byKecamatan = groups.Where(g => g.KecamatanRolledUp == 0)
            .Select(g => new Count(g.Kecamatan!, g.Value)).OrderByDescending(c => c.Value).ToList();
        var byOccupation = groups.Where(g => g.OccupationRolledUp == 0)
            .Select(g => new Count(g.Occupation!, g.Value)).OrderByDescending(c => c.Value).ToList();
        var registered = await grid.ReadSingleAsync<long>();
        var agreements = (await grid.ReadAsync<AgreementUse>()).ToList();
        var renewals = (await grid.ReadAsync<RenewalState>()).ToList();
        var claims = (await grid.ReadAsync<Count>()).ToList();
        var overdue = await grid.ReadSingleAsync<long>();
        var soon = await grid.ReadSingleAsync<long>();
        var (paid, paidCount) = await grid.ReadSingleAsync<(long, long)>();
        var membership = (await grid.ReadAsync<Count>()).ToList();
        var openAlerts = await grid.ReadSingleAsync<long>();
        var nextEnding = (await grid.ReadAsync<(string Kept, string? Phrase)>()).Select(e => StoredText.Show(e.Kept, e.Phrase)).FirstOrDefault();
        var (doubleCovered, atStake) = await grid.ReadSingleAsync<(long, long)>();
        return new DashboardFigures(covered, registered, byKecamatan, byOccupation, agreements, renewals, claims, overdue, soon, paid, paidCount,
            membership, openAlerts, nextEnding, doubleCovered, atStake);
    }
}
