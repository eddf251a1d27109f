using Dapper;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Grains.Agreements;
using Npgsql;

namespace Kapuas.Infrastructure.Coverage;

/// <summary>
/// One overlap as the last check found it: a worker, two payers billing the same months, and each one's money at stake.
/// <see cref="Held"/>: one of the two periods is held as double cover (the second payer's list came in after the first).
/// </summary>
public sealed class DoubleCoverFinding
{
    public Guid WorkerId { get; init; }

    public string Name { get; init; } = "";

    public string NikMasked { get; init; } = "";

    public string KecamatanCode { get; init; } = "";

    public string Desa { get; init; } = "";

    public string FirstAgreement { get; init; } = "";

    public string FirstPayer { get; init; } = "";

    public string? FirstPayerKecamatan { get; init; }

    public string? FirstPayerDesa { get; init; }

    public string? FirstPayerName { get; init; }

    public string SecondAgreement { get; init; } = "";

    public string SecondPayer { get; init; } = "";

    public string? SecondPayerKecamatan { get; init; }

    public string? SecondPayerDesa { get; init; }

    public string? SecondPayerName { get; init; }

    public string[] Months { get; init; } = [];

    public long FirstAtStake { get; init; }

    public long SecondAtStake { get; init; }

    public bool Held { get; init; }

    public DateTime FoundAt { get; init; }

    /// <summary>The first payer in words, in the current UI culture.</summary>
    public string FirstPayerLabel => Agreement.PayerLabelOf(FirstPayer, FirstPayerKecamatan, FirstPayerDesa, FirstPayerName);

    public string SecondPayerLabel => Agreement.PayerLabelOf(SecondPayer, SecondPayerKecamatan, SecondPayerDesa, SecondPayerName);

    /// <summary>The first payer and its agreement, as the page lists them.</summary>
    public string FirstLabel => $"{FirstPayerLabel} · {FirstAgreement}";

    public string SecondLabel => $"{SecondPayerLabel} · {SecondAgreement}";
}

/// <summary>A run of the double-cover check.</summary>
public sealed class DoubleCoverCheckRun
{
    public long Id { get; init; }

    public DateTime StartedAt { get; init; }

    public DateTime? FinishedAt { get; init; }

    public int WorkersChecked { get; init; }

    public int Found { get; init; }

    public string? Failure { get; init; }
}

/// <summary>
/// The double-cover check (issue 18; bpjs-rules.md §6.2): every worker that two agreements cover in a same month, read
/// from the read model's agreement periods and held double covers, worked out by <see cref="DoubleCover.Find"/> with each
/// agreement's own rates and partial-month rule; the findings replace the last check's (all of them, or one worker's
/// after an administrator's choice). The agreements' terms come from their grains.
/// </summary>
public sealed class DoubleCoverStore(NpgsqlDataSource db, IGrainFactory grains)
{
    private sealed class PeriodRow
    {
        public Guid WorkerId { get; init; }

        public string AgreementId { get; init; } = "";

        public DateTime StartDate { get; init; }

        public DateTime EndDate { get; init; }

        public bool Held { get; init; }
    }

    /// <summary>
    /// Every agreement's own periods for each worker (not the arrears it pays, which bill months already past) and the
    /// periods held as double cover, as <c>(worker_id, agreement_id, start_date, end_date, held)</c>: what two payers
    /// can bill twice. The read model's periods are already cut at an exit.
    /// </summary>
    public const string PayerPeriods = """
        SELECT worker_id, agreement_id, start_date, end_date, false AS held FROM app.participant_periods
        WHERE agreement_id IS NOT NULL AND funding <> 'Arrears'
        UNION ALL
        SELECT worker_id, agreement_id, start_date, end_date, true FROM app.participant_held_covers
        """;

    /// <summary>Checks every worker (the nightly job, or an administrator's "check now"), recording the run.</summary>
    public async Task<DoubleCoverCheckRun> CheckAllAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        long runId;
        await using (var connection = await db.OpenConnectionAsync(cancellationToken))
        {
            runId = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO app.double_cover_checks (started_at) VALUES (@now) RETURNING id", new { now = now.UtcDateTime });
        }

        try
        {
            var (checkedWorkers, found) = await CheckAsync(null, now, cancellationToken);
            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(
                "UPDATE app.double_cover_checks SET finished_at = now(), workers_checked = @checkedWorkers, found = @found WHERE id = @runId",
                new { checkedWorkers, found, runId });
            return (await LastCheckAsync())!;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OrleansException)
        {
            await using var connection = await db.OpenConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync("UPDATE app.double_cover_checks SET finished_at = now(), failure = @failure WHERE id = @runId",
                new { failure = e.GetType().Name, runId });
            throw;
        }
    }

    /// <summary>Checks one worker again (after an administrator's choice), replacing that worker's findings.</summary>
    public async Task<int> CheckWorkerAsync(Guid workerId, DateTimeOffset now) => (await CheckAsync(workerId, now, CancellationToken.None)).Found;

    /// <summary>The findings of the last check, by worker name; only those naming an agreement of <paramref name="payer"/> when given.</summary>
    public async Task<IReadOnlyList<DoubleCoverFinding>> FindingsAsync(FundingKind? payer = null)
    {
        var kind = payer is { } k && Agreement.AgreementPayers.Contains(k) ? k.ToString() : null;
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<DoubleCoverFinding>("""
            SELECT f.worker_id AS WorkerId, p.name AS Name, p.nik_masked AS NikMasked, p.kecamatan_code AS KecamatanCode, p.desa AS Desa,
                   f.first_agreement AS FirstAgreement, coalesce(a.payer, '') AS FirstPayer, a.payer_kecamatan AS FirstPayerKecamatan,
                   a.payer_desa AS FirstPayerDesa, a.payer_name AS FirstPayerName,
                   f.second_agreement AS SecondAgreement, coalesce(b.payer, '') AS SecondPayer, b.payer_kecamatan AS SecondPayerKecamatan,
                   b.payer_desa AS SecondPayerDesa, b.payer_name AS SecondPayerName,
                   f.months AS Months, f.first_at_stake AS FirstAtStake, f.second_at_stake AS SecondAtStake, f.held AS Held, f.found_at AS FoundAt
            FROM app.double_cover_findings f
            JOIN app.participants p ON p.worker_id = f.worker_id
            LEFT JOIN app.agreements a ON a.agreement_id = f.first_agreement
            LEFT JOIN app.agreements b ON b.agreement_id = f.second_agreement
            WHERE @kind::text IS NULL OR a.payer = @kind OR b.payer = @kind
            ORDER BY p.name_key, f.worker_id, f.first_agreement, f.second_agreement
            """, new { kind })];
    }

    public async Task<DoubleCoverCheckRun?> LastCheckAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<DoubleCoverCheckRun>("""
            SELECT id AS Id, started_at AS StartedAt, finished_at AS FinishedAt, workers_checked AS WorkersChecked, found AS Found, failure AS Failure
            FROM app.double_cover_checks ORDER BY id DESC LIMIT 1
            """);
    }

    private async Task<(int Checked, int Found)> CheckAsync(Guid? workerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<PeriodRow> rows;
        await using (var connection = await db.OpenConnectionAsync(cancellationToken))
        {
            // Only workers with two agreements' periods in a same month are read: a renewal's periods touch at a year's end.
            rows = [.. await connection.QueryAsync<PeriodRow>(new CommandDefinition($"""
                WITH periods AS (SELECT * FROM ({PayerPeriods}) p WHERE @workerId::uuid IS NULL OR p.worker_id = @workerId),
                meeting AS (
                    SELECT DISTINCT a.worker_id FROM periods a JOIN periods b
                      ON b.worker_id = a.worker_id AND b.agreement_id > a.agreement_id
                     AND date_trunc('month', a.start_date) <= b.end_date AND date_trunc('month', b.start_date) <= a.end_date)
                SELECT p.worker_id AS WorkerId, p.agreement_id AS AgreementId, p.start_date AS StartDate, p.end_date AS EndDate, p.held AS Held
                FROM periods p JOIN meeting m ON m.worker_id = p.worker_id
                ORDER BY p.worker_id, p.start_date
                """, new { workerId }, cancellationToken: cancellationToken))];
        }

        var agreements = await AgreementsAsync(rows.Select(r => r.AgreementId).Distinct(StringComparer.Ordinal));
        var findings = new List<(Guid Worker, DoubleCoverOverlap Overlap, bool Held)>();
        foreach (var worker in rows.GroupBy(r => r.WorkerId))
        {
            var covers = worker.Where(r => agreements.ContainsKey(r.AgreementId))
                .Select(r => new PayerCover(agreements[r.AgreementId], CoveragePeriod.Of(DateOnly.FromDateTime(r.StartDate), DateOnly.FromDateTime(r.EndDate))));
            var held = worker.Where(r => r.Held).Select(r => r.AgreementId).ToHashSet(StringComparer.Ordinal);
            findings.AddRange(DoubleCover.Find(covers).Select(o => (worker.Key, o, held.Contains(o.First.AgreementId) || held.Contains(o.Second.AgreementId))));
        }

        await using (var connection = await db.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await connection.ExecuteAsync("DELETE FROM app.double_cover_findings WHERE @workerId::uuid IS NULL OR worker_id = @workerId",
                new { workerId }, transaction);
            await connection.ExecuteAsync("""
                INSERT INTO app.double_cover_findings (worker_id, first_agreement, second_agreement, months, first_at_stake, second_at_stake, held, found_at)
                VALUES (@Worker, @First, @Second, @Months, @FirstAtStake, @SecondAtStake, @Held, @At)
                """, findings.Select(f => new
            {
                f.Worker,
                First = f.Overlap.First.AgreementId,
                Second = f.Overlap.Second.AgreementId,
                Months = f.Overlap.Months.Select(m => m.Month.ToString()).ToArray(),
                FirstAtStake = f.Overlap.First.AtStake.Rupiah,
                SecondAtStake = f.Overlap.Second.AtStake.Rupiah,
                f.Held,
                At = now.UtcDateTime,
            }), transaction);
            await transaction.CommitAsync(cancellationToken);
        }

        return (rows.Select(r => r.WorkerId).Distinct().Count(), findings.Count);
    }

    /// <summary>The terms of the agreements named, read from their grains at once; an agreement with no grain is left out.</summary>
    private async Task<Dictionary<string, Agreement>> AgreementsAsync(IEnumerable<string> ids)
    {
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<IAgreementGrain>(id).GetAsync()));
        return views.OfType<AgreementView>().ToDictionary(v => v.Id, v => v.Terms.ToAgreement(v.Id), StringComparer.Ordinal);
    }
}

/// <summary>The double-cover check as a Hangfire job (nightly, and "check now").</summary>
public interface IDoubleCoverJob
{
    Task<int> RunAsync(CancellationToken cancellationToken);
}
