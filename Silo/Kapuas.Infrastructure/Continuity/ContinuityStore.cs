using Dapper;
using Kapuas.Domain.Common;
using Kapuas.Domain.Continuity;
using Kapuas.Infrastructure.Database;
using Npgsql;
using NpgsqlTypes;

namespace Kapuas.Infrastructure.Continuity;

/// <summary>One worker of a cohort whose protection ends with a PKS, with what is at stake for them.</summary>
public sealed record CohortFacts(Guid WorkerId, int ChildrenUnder23, int MasaIurSinceLapse, int MasaIurCumulative);

public sealed class AssessmentRow
{
    public string AgreementId { get; init; } = "";
    public string Number { get; init; } = "";
    public DateTime EndDate { get; init; }
    public int DaysUntilEnd { get; init; }
    public string? SuccessorId { get; init; }
    public string? SuccessorNumber { get; init; }
    public DateTime? SuccessorStart { get; init; }
    public DateTime? GapStart { get; init; }
    public DateTime? GapEnd { get; init; }
    public int GapMonths { get; init; }
    public DateTime GraceUntil { get; init; }
    public DateTime? LapseOn { get; init; }
    public int Cohort { get; init; }
    public int WithChildren { get; init; }
    public int MasaIurNear { get; init; }
    public int MasaIurPast { get; init; }
    public int RightsAtStake { get; init; }
    public long BridgeCostPerWorker { get; init; }
    public long BridgeCostTotal { get; init; }
    public string KeptExplanation { get; init; } = "";
    public string? ExplanationPhrase { get; init; }

    /// <summary>The explanation in the current UI culture (as kept, in Bahasa Indonesia, for rows kept without a key).</summary>
    public string Explanation => StoredText.Show(KeptExplanation, ExplanationPhrase) ?? "";
    public DateTime AssessedAt { get; init; }
}

public sealed class AlertRow
{
    public long Id { get; init; }
    public string AgreementId { get; init; } = "";
    public string Kind { get; init; } = "";
    public int ThresholdDays { get; init; }
    public DateTime DueOn { get; init; }
    public int Workers { get; init; }
    public string KeptMessage { get; init; } = "";
    public string? MessagePhrase { get; init; }

    /// <summary>The alert in the current UI culture (as kept, in Bahasa Indonesia, for rows kept without a key).</summary>
    public string Message => StoredText.Show(KeptMessage, MessagePhrase) ?? "";
    public DateTime RaisedAt { get; init; }
    public string? AcknowledgedBy { get; init; }
    public DateTime? AcknowledgedAt { get; init; }
}

public sealed class CohortRow
{
    public Guid WorkerId { get; init; }
    public string Name { get; init; } = "";
    public string NikMasked { get; init; } = "";
    public string KecamatanCode { get; init; } = "";
    public int ChildrenUnder23 { get; init; }
    public int MasaIurSinceLapse { get; init; }
    public int MasaIurCumulative { get; init; }
}

/// <summary>The continuity guard's tables: the cohorts, the latest assessments and the alerts with their history.</summary>
public sealed class ContinuityStore(NpgsqlDataSource db)
{
    /// <summary>The agreements worth watching: signed or active, or ended so recently that their grace may still run.</summary>
    public async Task<IReadOnlyList<string>> WatchedAgreementsAsync(DateOnly today)
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<string>("""
            SELECT agreement_id FROM app.agreements
            WHERE status IN ('Signed', 'Active') OR (status = 'Closed' AND end_date >= @since)
            ORDER BY end_date
            """, new { since = today.AddMonths(-4).ToDateTime(TimeOnly.MinValue) })];
    }

    /// <summary>
    /// Whether the read model lags behind this version's columns and must be rebuilt once from grain state: workers are
    /// registered but none has membership segments yet (a database from before the continuity work), or some worker has
    /// not published the children's scholarship rights since migration 0018 (a database from before the budget plan).
    /// </summary>
    public async Task<bool> ReadModelBehindAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM app.participants)
               AND (NOT EXISTS (SELECT 1 FROM app.participant_membership)
                    OR EXISTS (SELECT 1 FROM app.participants WHERE scholarship_until IS NULL))
            """);
    }

    /// <summary>Every agreement that is not a draft (the successors to choose from).</summary>
    public async Task<IReadOnlyList<string>> AgreementsAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<string>("SELECT agreement_id FROM app.agreements WHERE status <> 'Draft'")];
    }

    /// <summary>
    /// The workers whose protection under <paramref name="agreementId"/> runs to its last day and does not continue the
    /// next day (by a successor, arrears or any other period).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> CohortAsync(string agreementId, DateOnly end)
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<Guid>("""
            SELECT p.worker_id FROM app.participant_periods p
            WHERE p.agreement_id = @agreementId AND p.funding <> 'Arrears' AND p.end_date = @end
              AND NOT EXISTS (SELECT 1 FROM app.participant_periods n WHERE n.worker_id = p.worker_id AND n.start_date = @next)
            """, new { agreementId, end = end.ToDateTime(TimeOnly.MinValue), next = end.AddDays(1).ToDateTime(TimeOnly.MinValue) })];
    }

    /// <summary>Replaces an agreement's assessment and cohort, and raises the alerts not raised before, in one transaction.</summary>
    public async Task SaveAsync(ContinuityAssessment a, IReadOnlyList<CohortFacts> cohort, DateTimeOffset now)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var withChildren = cohort.Count(c => c.ChildrenUnder23 > 0);
        await connection.ExecuteAsync("""
            INSERT INTO app.continuity_assessments (agreement_id, number, end_date, days_until_end, successor_id, successor_number, successor_start,
                gap_start, gap_end, gap_months, grace_until, lapse_on, cohort, with_children, masa_iur_near, masa_iur_past, rights_at_stake,
                bridge_cost_per_worker, bridge_cost_total, explanation, explanation_phrase, assessed_at)
            VALUES (@Id, @Number, @End, @Days, @SuccessorId, @SuccessorNumber, @SuccessorStart, @GapStart, @GapEnd, @GapMonths, @GraceUntil,
                @LapseOn, @Cohort, @WithChildren, @Near, @Past, @AtStake, @PerWorker, @Total, @Explanation, @ExplanationPhrase::jsonb, @Now)
            ON CONFLICT (agreement_id) DO UPDATE SET number = EXCLUDED.number, end_date = EXCLUDED.end_date, days_until_end = EXCLUDED.days_until_end,
                successor_id = EXCLUDED.successor_id, successor_number = EXCLUDED.successor_number, successor_start = EXCLUDED.successor_start,
                gap_start = EXCLUDED.gap_start, gap_end = EXCLUDED.gap_end, gap_months = EXCLUDED.gap_months, grace_until = EXCLUDED.grace_until,
                lapse_on = EXCLUDED.lapse_on, cohort = EXCLUDED.cohort, with_children = EXCLUDED.with_children, masa_iur_near = EXCLUDED.masa_iur_near,
                masa_iur_past = EXCLUDED.masa_iur_past, rights_at_stake = EXCLUDED.rights_at_stake,
                bridge_cost_per_worker = EXCLUDED.bridge_cost_per_worker, bridge_cost_total = EXCLUDED.bridge_cost_total,
                explanation = EXCLUDED.explanation, explanation_phrase = EXCLUDED.explanation_phrase, assessed_at = EXCLUDED.assessed_at
            """, new
        {
            a.Ending.Id, a.Ending.Number, End = Day(a.Ending.Period.End), Days = a.DaysUntilEnd, SuccessorId = a.Successor?.Id,
            SuccessorNumber = a.Successor?.Number, SuccessorStart = Day(a.Successor?.Period.Start), GapStart = Day(a.Gap?.Start), GapEnd = Day(a.Gap?.End),
            a.GapMonths, GraceUntil = Day(a.GraceUntil), LapseOn = Day(a.LapseOn), a.Cohort, WithChildren = withChildren,
            Near = cohort.Count(c => c.MasaIurSinceLapse is >= ContinuityFacts.NearMonths and < ContinuityFacts.ScholarshipMonths),
            Past = cohort.Count(c => c.MasaIurSinceLapse >= ContinuityFacts.ScholarshipMonths),
            AtStake = cohort.Count(c => ContinuityFacts.RightsAtStake(c.ChildrenUnder23, c.MasaIurSinceLapse)), PerWorker = a.BridgeCostPerWorker.Rupiah, Total = a.BridgeCostTotal.Rupiah,
            Explanation = StoredText.Indonesian(a.Explanation), ExplanationPhrase = StoredText.KeyAndArgs(a.Explanation), Now = now.UtcDateTime,
        }, tx);
        await connection.ExecuteAsync("DELETE FROM app.continuity_cohort WHERE agreement_id = @Id", new { a.Ending.Id }, tx);
        if (cohort.Count > 0)
        {
            await connection.ExecuteAsync("""
                INSERT INTO app.continuity_cohort (agreement_id, worker_id, children_under_23, masa_iur_since_lapse, masa_iur_cumulative)
                SELECT @id, w, c, s, t FROM unnest(@workers, @children, @since, @total) AS x(w, c, s, t)
                """, new
            {
                id = a.Ending.Id, workers = cohort.Select(c => c.WorkerId).ToArray(), children = cohort.Select(c => c.ChildrenUnder23).ToArray(),
                since = cohort.Select(c => c.MasaIurSinceLapse).ToArray(), total = cohort.Select(c => c.MasaIurCumulative).ToArray(),
            }, tx);
        }

        foreach (var alert in a.Alerts)
        {
            await connection.ExecuteAsync("""
                INSERT INTO app.continuity_alerts (agreement_id, kind, threshold_days, due_on, workers, message, message_phrase, raised_at)
                VALUES (@AgreementId, @Kind, @ThresholdDays, @DueOn, @Workers, @Message, @MessagePhrase::jsonb, @Now)
                ON CONFLICT (agreement_id, kind, threshold_days, due_on) DO NOTHING
                """, new { alert.AgreementId, Kind = alert.Kind.ToString(), alert.ThresholdDays, DueOn = Day(alert.DueOn), alert.Workers,
                    Message = StoredText.Indonesian(alert.Text), MessagePhrase = StoredText.KeyAndArgs(alert.Text), Now = now.UtcDateTime }, tx);
        }

        await tx.CommitAsync();
    }

    /// <summary>Records alerts raised on an earlier day and already dealt with (a replay of history, e.g. the demo data).</summary>
    public async Task RaiseHistoryAsync(IReadOnlyList<ContinuityAlert> alerts, DateTimeOffset raisedAt, string acknowledgedBy)
    {
        await using var connection = await db.OpenConnectionAsync();
        foreach (var alert in alerts)
        {
            await connection.ExecuteAsync("""
                INSERT INTO app.continuity_alerts (agreement_id, kind, threshold_days, due_on, workers, message, message_phrase, raised_at, acknowledged_by,
                    acknowledged_at)
                VALUES (@AgreementId, @Kind, @ThresholdDays, @DueOn, @Workers, @Message, @MessagePhrase::jsonb, @At, @By, @Acknowledged)
                ON CONFLICT (agreement_id, kind, threshold_days, due_on) DO NOTHING
                """, new
            {
                alert.AgreementId, Kind = alert.Kind.ToString(), alert.ThresholdDays, DueOn = Day(alert.DueOn), alert.Workers,
                Message = StoredText.Indonesian(alert.Text), MessagePhrase = StoredText.KeyAndArgs(alert.Text), At = raisedAt.UtcDateTime, By = acknowledgedBy, Acknowledged = raisedAt.AddDays(1).UtcDateTime,
            });
        }
    }

    public async Task<IReadOnlyList<AssessmentRow>> AssessmentsAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<AssessmentRow>("""
            SELECT agreement_id AS AgreementId, number AS Number, end_date AS EndDate, days_until_end AS DaysUntilEnd, successor_id AS SuccessorId,
                   successor_number AS SuccessorNumber, successor_start AS SuccessorStart, gap_start AS GapStart, gap_end AS GapEnd,
                   gap_months AS GapMonths, grace_until AS GraceUntil, lapse_on AS LapseOn, cohort AS Cohort, with_children AS WithChildren,
                   masa_iur_near AS MasaIurNear, masa_iur_past AS MasaIurPast, rights_at_stake AS RightsAtStake,
                   bridge_cost_per_worker AS BridgeCostPerWorker, bridge_cost_total AS BridgeCostTotal, explanation AS KeptExplanation,
                   explanation_phrase::text AS ExplanationPhrase, assessed_at AS AssessedAt
            FROM app.continuity_assessments ORDER BY end_date
            """)];
    }

    public async Task<IReadOnlyList<AlertRow>> AlertsAsync(int count = 100)
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<AlertRow>("""
            SELECT id AS Id, agreement_id AS AgreementId, kind AS Kind, threshold_days AS ThresholdDays, due_on AS DueOn, workers AS Workers,
                   message AS KeptMessage, message_phrase::text AS MessagePhrase, raised_at AS RaisedAt, acknowledged_by AS AcknowledgedBy, acknowledged_at AS AcknowledgedAt
            FROM app.continuity_alerts ORDER BY acknowledged_at IS NOT NULL, raised_at DESC, id DESC LIMIT @count
            """, new { count })];
    }

    public async Task<long> OpenAlertCountAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM app.continuity_alerts WHERE acknowledged_at IS NULL");
    }

    public async Task<bool> AlertExistsAsync(long id)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM app.continuity_alerts WHERE id = @id)", new { id });
    }

    /// <summary>Acknowledges an alert once; false when there is no such alert or it was acknowledged already.</summary>
    public async Task<bool> AcknowledgeAsync(long id, string by, DateTimeOffset at)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            "UPDATE app.continuity_alerts SET acknowledged_by = @by, acknowledged_at = @at WHERE id = @id AND acknowledged_at IS NULL",
            new { id, by, at = at.UtcDateTime }) == 1;
    }

    /// <summary>The cohort of an assessed agreement, those with rights at stake first.</summary>
    public async Task<IReadOnlyList<CohortRow>> CohortRowsAsync(string agreementId, int limit)
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<CohortRow>("""
            SELECT c.worker_id AS WorkerId, p.name AS Name, p.nik_masked AS NikMasked, p.kecamatan_code AS KecamatanCode,
                   c.children_under_23 AS ChildrenUnder23, c.masa_iur_since_lapse AS MasaIurSinceLapse, c.masa_iur_cumulative AS MasaIurCumulative
            FROM app.continuity_cohort c JOIN app.participants p ON p.worker_id = c.worker_id
            WHERE c.agreement_id = @agreementId
            ORDER BY (c.children_under_23 > 0 AND c.masa_iur_since_lapse >= @near) DESC, c.masa_iur_since_lapse DESC, p.name_key
            LIMIT @limit
            """, new { agreementId, near = ContinuityFacts.NearMonths, limit })];
    }

    private static DateTime? Day(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    private static DateTime Day(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);
}
