using Dapper;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Renewal;
using Kapuas.Infrastructure.Database;
using Kapuas.Infrastructure.Hosting;
using Npgsql;
using NpgsqlTypes;

namespace Kapuas.Infrastructure.Renewal;

public sealed record RenewalSummary(
    Guid RenewalId, string FromAgreement, string ToAgreement, string Priority, string Status, string CreatedBy, DateTimeOffset CreatedAt,
    string? ApprovedBy, DateTimeOffset? ApprovedAt, string? StartedBy, DateTimeOffset? StartedAt, DateTimeOffset? ScheduledFor,
    DateTimeOffset? FinishedAt, int Candidates, int Continuing, int DroppingOut, int NotContinuing, long Cost, long BudgetCeiling,
    string? BudgetProblem, int BridgeableWorkers = 0, long BridgeCost = 0, DateOnly? BridgeBy = null, string? BridgeBudgetProblem = null,
    int Lapsing = 0, DateOnly? LapsesOn = null, bool BridgeGap = false, string? Failure = null)
{
    /// <summary>Whether the plan offers paying the gap as arrears (bpjs-rules.md §3.1).</summary>
    public bool BridgingOffered => BridgeableWorkers > 0;
}

public sealed record RenewalItem(
    Guid WorkerId, string Name, string KecamatanCode, string Outcome, string Reason, DateOnly? CoverageStart, DateOnly? CoverageEnd,
    int GapDays, int ContinuousMonths, int CumulativeMonths, long Cost, Guid OperationId, string Status, string? Failure,
    long BridgeCost = 0, DateOnly? BridgeBy = null, DateOnly? LapsesOn = null);

/// <summary>
/// Renewal plans and their items in PostgreSQL, and the read-model query that gives the planner the previous
/// agreement's roster with every worker's coverage.
/// </summary>
public sealed class RenewalStore(NpgsqlDataSource db)
{
    /// <summary>Workers with a period funded by <paramref name="agreementId"/>, with their whole effective timeline.</summary>
    public async Task<IReadOnlyList<RenewalCandidate>> CandidatesAsync(string agreementId)
    {
        await using var connection = await db.OpenConnectionAsync();
        var workers = (await connection.QueryAsync<(Guid Id, string Name, string Kecamatan, string? ExitReason, DateTime? ExitDate)>("""
            SELECT p.worker_id, p.name, p.kecamatan_code, p.exit_reason, p.exit_date
            FROM app.participants p
            WHERE EXISTS (SELECT 1 FROM app.participant_periods x WHERE x.worker_id = p.worker_id AND x.agreement_id = @agreementId)
            """, new { agreementId })).ToList();
        var periods = (await connection.QueryAsync<(Guid Id, DateTime Start, DateTime End, string Funding, string? Agreement)>("""
            SELECT pp.worker_id, pp.start_date, pp.end_date, pp.funding, pp.agreement_id
            FROM app.participant_periods pp
            WHERE pp.worker_id IN (SELECT worker_id FROM app.participant_periods WHERE agreement_id = @agreementId)
            """, new { agreementId })).ToLookup(p => p.Id);
        return [.. workers.Select(w =>
        {
            var spans = periods[w.Id].Select(p => new CoverageSpan(
                CoveragePeriod.Of(DateOnly.FromDateTime(p.Start), DateOnly.FromDateTime(p.End)),
                new Funding(Enum.Parse<FundingKind>(p.Funding), p.Agreement, null)));
            var exit = w.ExitReason is null ? null : new Exit(Enum.Parse<ExitReason>(w.ExitReason), DateOnly.FromDateTime(w.ExitDate!.Value), null);
            return new RenewalCandidate(w.Id, w.Name, w.Kecamatan, CoverageTimeline.From(spans, exit).Value);
        })];
    }

    public async Task SaveAsync(Guid renewalId, string fromAgreement, RenewalPlan plan, string user, DateTimeOffset now)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO app.renewals (renewal_id, from_agreement, to_agreement, priority, status, created_by, created_at, candidates,
                continuing, dropping_out, not_continuing, cost, budget_ceiling, budget_problem, bridgeable_workers, bridge_cost, bridge_by,
                bridge_budget_problem, lapsing, lapses_on, budget_problem_phrase, bridge_budget_problem_phrase)
            VALUES (@renewalId, @fromAgreement, @to, @priority, 'previewed', @user, @now, @candidates, @continuing, @dropping, @notContinuing,
                @cost, @ceiling, @problem, @bridgeable, @bridgeCost, @bridgeBy, @bridgeProblem, @lapsing, @lapsesOn, @problemPhrase::jsonb,
                @bridgeProblemPhrase::jsonb)
            """, new
        {
            renewalId, fromAgreement, to = plan.Agreement.Id, priority = plan.Priority.ToString(), user, now,
            candidates = plan.Decisions.Count, continuing = plan.Continuing, dropping = plan.DroppingOut.Count(),
            notContinuing = plan.Decisions.Count(d => d.Outcome is RenewalOutcome.Died or RenewalOutcome.Exited or RenewalOutcome.Duplicate),
            cost = plan.Cost.Rupiah, ceiling = plan.Agreement.BudgetCeiling.Rupiah, problem = StoredText.Indonesian(plan.BudgetProblem?.Phrase),
            problemPhrase = StoredText.KeyAndArgs(plan.BudgetProblem?.Phrase),
            bridgeable = plan.Bridging.Workers, bridgeCost = plan.Bridging.Cost.Rupiah, bridgeBy = plan.Bridging.PayBy?.ToDateTime(TimeOnly.MinValue),
            bridgeProblem = StoredText.Indonesian(plan.Bridging.BudgetProblem?.Phrase),
            bridgeProblemPhrase = StoredText.KeyAndArgs(plan.Bridging.BudgetProblem?.Phrase), lapsing = plan.Bridging.Lapsing,
            lapsesOn = plan.Bridging.LapsesOn?.ToDateTime(TimeOnly.MinValue),
        }, tx);

        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY app.renewal_items (renewal_id, worker_id, name, kecamatan_code, outcome, reason, coverage_start, coverage_end, gap_days,
                continuous_months, cumulative_months, cost, operation_id, status, bridge_cost, bridge_by, lapses_on, reason_phrase) FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var d in plan.Decisions)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(renewalId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(d.WorkerId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(d.Name, NpgsqlDbType.Text);
                await writer.WriteAsync(d.KecamatanCode, NpgsqlDbType.Text);
                await writer.WriteAsync(d.Outcome.ToString(), NpgsqlDbType.Text);
                await writer.WriteAsync(StoredText.Indonesian(d.Why), NpgsqlDbType.Text);
                if (d.Coverage is { } c)
                {
                    await writer.WriteAsync(c.Start, NpgsqlDbType.Date);
                    await writer.WriteAsync(c.End, NpgsqlDbType.Date);
                }
                else
                {
                    await writer.WriteNullAsync();
                    await writer.WriteNullAsync();
                }

                await writer.WriteAsync(d.GapDays, NpgsqlDbType.Integer);
                await writer.WriteAsync(d.SinceLapseMonths, NpgsqlDbType.Integer);
                await writer.WriteAsync(d.CumulativeMonths, NpgsqlDbType.Integer);
                await writer.WriteAsync(d.Cost.Rupiah, NpgsqlDbType.Bigint);
                await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(d.Renews ? "pending" : "skipped", NpgsqlDbType.Text);
                await writer.WriteAsync(d.BridgeCost.Rupiah, NpgsqlDbType.Bigint);
                await WriteDateAsync(writer, d.BridgeBy);
                await WriteDateAsync(writer, d.LapsesOn);
                await writer.WriteAsync(StoredText.KeyAndArgs(d.Why), NpgsqlDbType.Jsonb);
            }

            await writer.CompleteAsync();
        }

        await tx.CommitAsync();
    }

    public async Task<RenewalSummary?> GetAsync(Guid renewalId)
    {
        await using var connection = await db.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<SummaryRow>($"{SelectSummary} WHERE renewal_id = @renewalId", new { renewalId });
        return row?.ToSummary();
    }

    public async Task<IReadOnlyList<RenewalSummary>> RecentAsync(int count)
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. (await connection.QueryAsync<SummaryRow>($"{SelectSummary} ORDER BY created_at DESC LIMIT @count", new { count })).Select(r => r.ToSummary())];
    }

    /// <summary>
    /// Records who approved, and whether the gap is paid as arrears; false when the plan is not in preview any more or
    /// cannot start (budget, or bridging chosen where none is offered or it goes over the budget).
    /// </summary>
    public async Task<bool> ApproveAsync(Guid renewalId, string user, DateTimeOffset now, DateTimeOffset? scheduledFor, bool bridge = false)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteAsync("""
            UPDATE app.renewals SET status = CASE WHEN @scheduledFor::timestamptz IS NULL THEN 'approved' ELSE 'scheduled' END,
                approved_by = @user, approved_at = @now, scheduled_for = @scheduledFor::timestamptz, bridge_gap = @bridge
            WHERE renewal_id = @renewalId AND status = 'previewed' AND budget_problem IS NULL
              AND (NOT @bridge OR (bridgeable_workers > 0 AND bridge_budget_problem IS NULL))
            """, new { renewalId, user, now, scheduledFor = scheduledFor?.UtcDateTime, bridge }) == 1;
    }

    public async Task SetJobAsync(Guid renewalId, string jobId)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("UPDATE app.renewals SET job_id = @jobId WHERE renewal_id = @renewalId", new { renewalId, jobId });
    }

    /// <summary>The Hangfire job that runs (or will run) the renewal, as last recorded.</summary>
    public async Task<string?> JobIdAsync(Guid renewalId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string?>("SELECT job_id FROM app.renewals WHERE renewal_id = @renewalId", new { renewalId });
    }

    /// <summary>The statuses a run may start from (<see cref="RenewalStatuses.CanMove"/> to running).</summary>
    private static readonly string[] StartsRunning =
        [.. Enum.GetValues<RenewalStatus>().Where(s => RenewalStatuses.CanMove(s, RenewalStatus.Running)).Select(s => s.Code())];

    /// <summary>
    /// Marks the run as started by <paramref name="user"/>; false when it was never approved. A failed renewal started
    /// again counts its failed runs afresh; a retry of a running one keeps the count.
    /// </summary>
    public async Task<bool> MarkRunningAsync(Guid renewalId, string user, DateTimeOffset now)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteAsync("""
            UPDATE app.renewals SET status = 'running', started_by = COALESCE(started_by, @user), started_at = COALESCE(started_at, @now), finished_at = NULL,
                failure = NULL, failed_attempts = CASE WHEN status = 'failed' THEN 0 ELSE failed_attempts END
            WHERE renewal_id = @renewalId AND status = ANY(@from)
            """, new { renewalId, user, now, from = StartsRunning }) == 1;
    }

    public async Task<int> FailedCountAsync(Guid renewalId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM app.renewal_items WHERE renewal_id = @renewalId AND status = 'failed'", new { renewalId });
    }

    /// <summary>The run got to the end: completed, or failed with the workers refused (the reason says how many).</summary>
    public async Task MarkFinishedAsync(Guid renewalId, RenewalStatus status, string? failure, DateTimeOffset now)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "UPDATE app.renewals SET status = @status, failure = @failure, failed_attempts = 0, finished_at = @now WHERE renewal_id = @renewalId",
            new { renewalId, status = status.Code(), failure, now });
    }

    /// <summary>
    /// A run ended in an error: counts it, and at <see cref="RenewalStatuses.MaxAttempts"/> in a row marks the renewal
    /// failed with the reason. True when it is now failed (the job then stops retrying).
    /// </summary>
    public async Task<bool> RecordRunFailureAsync(Guid renewalId, string reason, DateTimeOffset now)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>("""
            UPDATE app.renewals SET failed_attempts = failed_attempts + 1,
                status = CASE WHEN failed_attempts + 1 >= @max THEN 'failed' ELSE status END,
                failure = CASE WHEN failed_attempts + 1 >= @max THEN @reason ELSE failure END,
                finished_at = CASE WHEN failed_attempts + 1 >= @max THEN @now ELSE finished_at END
            WHERE renewal_id = @renewalId AND status = 'running'
            RETURNING status = 'failed'
            """, new { renewalId, reason, now, max = RenewalStatuses.MaxAttempts });
    }

    public async Task<IReadOnlyList<RenewalItem>> PendingAsync(Guid renewalId, int limit)
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. (await connection.QueryAsync<ItemRow>($"{SelectItem} WHERE renewal_id = @renewalId AND status = 'pending' ORDER BY worker_id LIMIT @limit",
            new { renewalId, limit })).Select(r => r.ToItem())];
    }

    public async Task<IReadOnlyList<RenewalItem>> ItemsAsync(Guid renewalId, string? outcome = null, int limit = int.MaxValue)
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. (await connection.QueryAsync<ItemRow>(
            $"{SelectItem} WHERE renewal_id = @renewalId AND (@outcome::text IS NULL OR outcome = @outcome) ORDER BY outcome, name LIMIT @limit",
            new { renewalId, outcome, limit = Math.Min(limit, 1_000_000) })).Select(r => r.ToItem())];
    }

    public async Task CompleteAsync(Guid renewalId, IReadOnlyList<(Guid WorkerId, string? Failure)> outcomes, DateTimeOffset now)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            UPDATE app.renewal_items AS r SET status = CASE WHEN o.failure IS NULL THEN 'done' ELSE 'failed' END, failure = o.failure, done_at = @now
            FROM unnest(@ids, @failures) AS o(worker_id, failure)
            WHERE r.renewal_id = @renewalId AND r.worker_id = o.worker_id AND r.status = 'pending'
            """, new { renewalId, now, ids = outcomes.Select(o => o.WorkerId).ToArray(), failures = outcomes.Select(o => o.Failure).ToArray() });
    }

    /// <summary>Puts failed items back to pending, for a retry.</summary>
    public async Task<int> RetryFailedAsync(Guid renewalId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            "UPDATE app.renewal_items SET status = 'pending', failure = NULL WHERE renewal_id = @renewalId AND status = 'failed'", new { renewalId });
    }

    public async Task<JobProgress> ProgressAsync(Guid renewalId, DateTimeOffset now)
    {
        await using var connection = await db.OpenConnectionAsync();
        var renewal = await connection.QuerySingleAsync<(string Status, DateTime? StartedAt, DateTime? FinishedAt)>(
            "SELECT status, started_at, finished_at FROM app.renewals WHERE renewal_id = @renewalId", new { renewalId });
        var counts = (await connection.QueryAsync<(string Status, int Count)>(
            "SELECT status, count(*)::int FROM app.renewal_items WHERE renewal_id = @renewalId AND outcome = 'Continues' GROUP BY status",
            new { renewalId })).ToDictionary(c => c.Status, c => c.Count);
        return JobProgress.From(renewal.Status, renewal.StartedAt, renewal.FinishedAt, counts, now);
    }

    private static async Task WriteDateAsync(NpgsqlBinaryImporter writer, DateOnly? date)
    {
        if (date is { } d)
        {
            await writer.WriteAsync(d, NpgsqlDbType.Date);
        }
        else
        {
            await writer.WriteNullAsync();
        }
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private const string SelectSummary = """
        SELECT renewal_id AS RenewalId, from_agreement AS FromAgreement, to_agreement AS ToAgreement, priority AS Priority, status AS Status,
               created_by AS CreatedBy, created_at AS CreatedAt, approved_by AS ApprovedBy, approved_at AS ApprovedAt, started_by AS StartedBy,
               started_at AS StartedAt, scheduled_for AS ScheduledFor, finished_at AS FinishedAt, candidates AS Candidates,
               continuing AS Continuing, dropping_out AS DroppingOut, not_continuing AS NotContinuing, cost AS Cost,
               budget_ceiling AS BudgetCeiling, budget_problem AS BudgetProblem, budget_problem_phrase::text AS BudgetProblemPhrase,
               bridgeable_workers AS BridgeableWorkers, bridge_cost AS BridgeCost, bridge_by AS BridgeBy, bridge_budget_problem AS BridgeBudgetProblem,
               bridge_budget_problem_phrase::text AS BridgeBudgetProblemPhrase, lapsing AS Lapsing,
               lapses_on AS LapsesOn, bridge_gap AS BridgeGap, failure AS Failure
        FROM app.renewals
        """;

    private const string SelectItem = """
        SELECT worker_id AS WorkerId, name AS Name, kecamatan_code AS KecamatanCode, outcome AS Outcome, reason AS Reason, reason_phrase::text AS ReasonPhrase,
               coverage_start AS CoverageStart, coverage_end AS CoverageEnd, gap_days AS GapDays, continuous_months AS ContinuousMonths,
               cumulative_months AS CumulativeMonths, cost AS Cost, operation_id AS OperationId, status AS Status, failure AS Failure,
               bridge_cost AS BridgeCost, bridge_by AS BridgeBy, lapses_on AS LapsesOn
        FROM app.renewal_items
        """;

    private sealed class SummaryRow
    {
        public Guid RenewalId { get; set; }

        public string FromAgreement { get; set; } = "";

        public string ToAgreement { get; set; } = "";

        public string Priority { get; set; } = "";

        public string Status { get; set; } = "";

        public string CreatedBy { get; set; } = "";

        public DateTime CreatedAt { get; set; }

        public string? ApprovedBy { get; set; }

        public DateTime? ApprovedAt { get; set; }

        public string? StartedBy { get; set; }

        public DateTime? StartedAt { get; set; }

        public DateTime? ScheduledFor { get; set; }

        public DateTime? FinishedAt { get; set; }

        public int Candidates { get; set; }

        public int Continuing { get; set; }

        public int DroppingOut { get; set; }

        public int NotContinuing { get; set; }

        public long Cost { get; set; }

        public long BudgetCeiling { get; set; }

        public string? BudgetProblem { get; set; }

        public string? BudgetProblemPhrase { get; set; }

        public int BridgeableWorkers { get; set; }

        public long BridgeCost { get; set; }

        public DateTime? BridgeBy { get; set; }

        public string? BridgeBudgetProblem { get; set; }

        public string? BridgeBudgetProblemPhrase { get; set; }

        public int Lapsing { get; set; }

        public DateTime? LapsesOn { get; set; }

        public bool BridgeGap { get; set; }

        public string? Failure { get; set; }

        public RenewalSummary ToSummary() => new(RenewalId, FromAgreement, ToAgreement, Priority, Status, CreatedBy, Utc(CreatedAt), ApprovedBy,
            ApprovedAt is { } a ? Utc(a) : null, StartedBy, StartedAt is { } s ? Utc(s) : null, ScheduledFor is { } f ? Utc(f) : null,
            FinishedAt is { } e ? Utc(e) : null, Candidates, Continuing, DroppingOut, NotContinuing, Cost, BudgetCeiling,
            StoredText.Show(BudgetProblem, BudgetProblemPhrase), BridgeableWorkers, BridgeCost, BridgeBy is { } b ? DateOnly.FromDateTime(b) : null,
            StoredText.Show(BridgeBudgetProblem, BridgeBudgetProblemPhrase), Lapsing,
            LapsesOn is { } l ? DateOnly.FromDateTime(l) : null, BridgeGap, Failure);
    }

    private sealed class ItemRow
    {
        public Guid WorkerId { get; set; }

        public string Name { get; set; } = "";

        public string KecamatanCode { get; set; } = "";

        public string Outcome { get; set; } = "";

        public string Reason { get; set; } = "";

        public string? ReasonPhrase { get; set; }

        public DateTime? CoverageStart { get; set; }

        public DateTime? CoverageEnd { get; set; }

        public int GapDays { get; set; }

        public int ContinuousMonths { get; set; }

        public int CumulativeMonths { get; set; }

        public long Cost { get; set; }

        public Guid OperationId { get; set; }

        public string Status { get; set; } = "";

        public string? Failure { get; set; }

        public RenewalItem ToItem() => new(WorkerId, Name, KecamatanCode, Outcome, StoredText.Show(Reason, ReasonPhrase) ?? "",
            CoverageStart is { } s ? DateOnly.FromDateTime(s) : null, CoverageEnd is { } e ? DateOnly.FromDateTime(e) : null,
            GapDays, ContinuousMonths, CumulativeMonths, Cost, OperationId, Status, Failure, BridgeCost,
            BridgeBy is { } b ? DateOnly.FromDateTime(b) : null, LapsesOn is { } l ? DateOnly.FromDateTime(l) : null);

        public long BridgeCost { get; set; }

        public DateTime? BridgeBy { get; set; }

        public DateTime? LapsesOn { get; set; }
    }
}

/// <summary>Step one of a renewal: plan from the previous agreement's roster and keep the plan for approval.</summary>
public static class RenewalPreview
{
    public static async Task<Guid> CreateAsync(
        RenewalStore store, Agreement next, int enrolledInNext, string fromAgreement, RenewalPriority priority, string user, DateTimeOffset now)
    {
        var candidates = await store.CandidatesAsync(fromAgreement);
        var renewedAlready = candidates.Count(c => c.Timeline.Spans.Any(s => s.Funding.AgreementId == next.Id));
        var plan = RenewalPlanner.Plan(next, candidates, priority, Math.Max(0, enrolledInNext - renewedAlready));
        var id = Guid.CreateVersion7();
        await store.SaveAsync(id, fromAgreement, plan, user, now);
        return id;
    }
}
