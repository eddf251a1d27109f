using Dapper;
using Kapuas.Grains.ReadModel;
using Npgsql;

namespace Kapuas.Infrastructure.ReadModel;

/// <summary>The read model's writes and the quota places, in PostgreSQL (<c>app.*</c>): the grains' <see cref="IRosterStore"/>.</summary>
public sealed class PostgresRosterStore(NpgsqlDataSource db) : IRosterStore
{
    public async Task<Guid> ClaimNikAsync(byte[] nikHash, Guid workerId) => (await ClaimNiksAsync([(nikHash, workerId)]))[0];

    public async Task ReleaseNikAsync(byte[] nikHash, Guid workerId)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "DELETE FROM app.nik_registry WHERE nik_hash = @nikHash AND worker_id = @workerId", new { nikHash, workerId });
    }

    public Task PublishWorkerAsync(ParticipantRow row, IReadOnlyList<PeriodRow> periods, IReadOnlyList<MembershipRow> membership, IReadOnlyList<ClaimRow> claims, IReadOnlyList<AuditRow> audit) =>
        PublishWorkersAsync([new WorkerPublication(row, periods, membership, claims, audit)]);

    private static NpgsqlBatchCommand AuditCommand(IReadOnlyList<AuditRow> audit)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO app.audit_log (operation_id, subject_type, subject_id, action, at, user_id, user_name, before, after)
            SELECT o, t, s, a, w, u, n, b::jsonb, f::jsonb
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[])
                AS x(o, t, s, a, w, u, n, b, f)
            ON CONFLICT (operation_id, subject_type, subject_id, action) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = audit.Select(a => a.OperationId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = audit.Select(a => a.SubjectType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = audit.Select(a => a.SubjectId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = audit.Select(a => a.Action).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = audit.Select(a => a.At.UtcDateTime).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = audit.Select(a => a.UserId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = audit.Select(a => a.UserName).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = audit.Select(a => (object?)a.Before ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = audit.Select(a => (object?)a.After ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        return command;
    }

    /// <summary>Claims many NIK fingerprints in one round trip; returns, for each item, the worker that holds it.</summary>
    public async Task<IReadOnlyList<Guid>> ClaimNiksAsync(IReadOnlyList<(byte[] Hash, Guid WorkerId)> items)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO app.nik_registry (nik_hash, worker_id)
            SELECT h, w FROM unnest($1::bytea[], $2::uuid[]) AS x(h, w)
            ON CONFLICT (nik_hash) DO NOTHING
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = items.Select(i => i.Hash).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = items.Select(i => i.WorkerId).ToArray() });
        var select = new NpgsqlBatchCommand("SELECT nik_hash, worker_id FROM app.nik_registry WHERE nik_hash = ANY($1::bytea[])");
        select.Parameters.Add(new NpgsqlParameter { Value = items.Select(i => i.Hash).ToArray() });
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(select);
        var owners = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                owners[Convert.ToHexString((byte[])reader[0])] = reader.GetGuid(1);
            }
        }

        return [.. items.Select(i => owners[Convert.ToHexString(i.Hash)])];
    }

    /// <summary>
    /// Publishes many workers in one round trip: rows upserted from arrays (a newer version already stored wins),
    /// periods replaced for the rows written, audit entries appended once.
    /// </summary>
    public async Task<IReadOnlyList<bool>> PublishWorkersAsync(IReadOnlyList<WorkerPublication> items)
    {
        var latest = items.GroupBy(i => i.Row.WorkerId).Select(g => g.MaxBy(i => i.Row.Version)!).ToList();
        var rows = latest.Select(i => i.Row).ToList();
        await using var connection = await db.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);

        var upsert = new NpgsqlBatchCommand("""
            INSERT INTO app.participants (worker_id, nik_hash, nik_masked, nik_kapuas, name, name_key, sex, birth_date,
                kecamatan_code, desa, occupation, occupation_other, phone, kpj, data_source, exit_reason, exit_date,
                first_coverage_start, coverage_start, coverage_end, current_agreement, registered_at, updated_at,
                updated_by, version, scholarship_until)
            SELECT c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25,
                c26::date[]
            FROM unnest($1::uuid[], $2::bytea[], $3::text[], $4::boolean[], $5::text[], $6::text[], $7::text[], $8::date[],
                $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::date[],
                $18::date[], $19::date[], $20::date[], $21::text[], $22::timestamptz[], $23::timestamptz[], $24::text[], $25::bigint[],
                $26::text[])
                AS x(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26)
            ON CONFLICT (worker_id) DO UPDATE SET
                nik_hash = EXCLUDED.nik_hash, nik_masked = EXCLUDED.nik_masked, nik_kapuas = EXCLUDED.nik_kapuas,
                name = EXCLUDED.name, name_key = EXCLUDED.name_key, sex = EXCLUDED.sex, birth_date = EXCLUDED.birth_date,
                kecamatan_code = EXCLUDED.kecamatan_code, desa = EXCLUDED.desa, occupation = EXCLUDED.occupation,
                occupation_other = EXCLUDED.occupation_other, phone = EXCLUDED.phone, kpj = EXCLUDED.kpj,
                data_source = EXCLUDED.data_source, exit_reason = EXCLUDED.exit_reason, exit_date = EXCLUDED.exit_date,
                first_coverage_start = EXCLUDED.first_coverage_start, coverage_start = EXCLUDED.coverage_start,
                coverage_end = EXCLUDED.coverage_end, current_agreement = EXCLUDED.current_agreement,
                registered_at = EXCLUDED.registered_at, updated_at = EXCLUDED.updated_at,
                updated_by = EXCLUDED.updated_by, version = EXCLUDED.version, scholarship_until = EXCLUDED.scholarship_until
            WHERE app.participants.version <= EXCLUDED.version
            """);
        Add(upsert, rows.Select(r => r.WorkerId).ToArray());
        Add(upsert, rows.Select(r => r.NikHash).ToArray());
        Add(upsert, rows.Select(r => r.NikMasked).ToArray());
        Add(upsert, rows.Select(r => r.NikKapuas).ToArray());
        Add(upsert, rows.Select(r => r.Name).ToArray());
        Add(upsert, rows.Select(r => r.NameKey).ToArray());
        Add(upsert, rows.Select(r => r.Sex).ToArray());
        Add(upsert, rows.Select(r => r.BirthDate).ToArray());
        Add(upsert, rows.Select(r => r.KecamatanCode).ToArray());
        Add(upsert, rows.Select(r => r.Desa).ToArray());
        Add(upsert, rows.Select(r => r.Occupation).ToArray());
        AddNullable(upsert, rows.Select(r => (object?)r.OccupationOther), NpgsqlTypes.NpgsqlDbType.Text);
        AddNullable(upsert, rows.Select(r => (object?)r.Phone), NpgsqlTypes.NpgsqlDbType.Text);
        AddNullable(upsert, rows.Select(r => (object?)r.Kpj), NpgsqlTypes.NpgsqlDbType.Text);
        Add(upsert, rows.Select(r => r.DataSource).ToArray());
        AddNullable(upsert, rows.Select(r => (object?)r.ExitReason), NpgsqlTypes.NpgsqlDbType.Text);
        AddNullable(upsert, rows.Select(r => (object?)r.ExitDate), NpgsqlTypes.NpgsqlDbType.Date);
        AddNullable(upsert, rows.Select(r => (object?)r.FirstCoverageStart), NpgsqlTypes.NpgsqlDbType.Date);
        AddNullable(upsert, rows.Select(r => (object?)r.CoverageStart), NpgsqlTypes.NpgsqlDbType.Date);
        AddNullable(upsert, rows.Select(r => (object?)r.CoverageEnd), NpgsqlTypes.NpgsqlDbType.Date);
        AddNullable(upsert, rows.Select(r => (object?)r.CurrentAgreement), NpgsqlTypes.NpgsqlDbType.Text);
        Add(upsert, rows.Select(r => r.RegisteredAt.UtcDateTime).ToArray());
        Add(upsert, rows.Select(r => r.UpdatedAt.UtcDateTime).ToArray());
        Add(upsert, rows.Select(r => r.UpdatedBy).ToArray());
        Add(upsert, rows.Select(r => r.Version).ToArray());
        // Each row's children as an array literal ({2031-05-01,2035-08-09}): one array per row cannot travel in unnest.
        AddNullable(upsert, rows.Select(r => (object?)ArrayLiteral(r.ScholarshipUntil)), NpgsqlTypes.NpgsqlDbType.Text);
        batch.BatchCommands.Add(upsert);

        // Rows whose stored version is the one just written: only their periods are replaced. The rows are found by
        // their keys (an index lookup of the ids), then checked for the version: written as a join of the id/version
        // pairs with the table, PostgreSQL sometimes scanned the whole table once per statement (2.5 ms per batch at
        // 20,000 workers, seen in pg_stat_statements).
        const string written = """
            SELECT x.worker_id FROM app.participants x
            WHERE x.worker_id = ANY($1::uuid[]) AND (x.worker_id, x.version) IN (SELECT * FROM unnest($1::uuid[], $2::bigint[]))
            """;
        // Periods and membership segments: only what changed is written. The rows no longer in the worker's state go,
        // the new ones come; unchanged rows stay (a renewal adds one period and a few segments instead of rewriting all).
        // The effective periods, and the held double covers (rare) in their own table, read by their payer's bill only.
        foreach (var (table, conflict, held) in new[] { ("app.participant_periods", "worker_id, start_date", false),
                     ("app.participant_held_covers", "worker_id, agreement_id, start_date", true) })
        {
            var periods = latest.SelectMany(i => i.Periods.Where(p => p.Held == held).Select(p => (i.Row.WorkerId, p))).ToList();
            var stalePeriods = new NpgsqlBatchCommand($"""
                DELETE FROM {table} x WHERE x.worker_id IN ({written})
                  AND NOT EXISTS (SELECT 1 FROM unnest($3::uuid[], $4::date[], $5::date[], $6::text[], $7::text[]) AS p(w, s, e, f, a)
                                  WHERE p.w = x.worker_id AND p.s = x.start_date AND p.e = x.end_date AND p.f = x.funding
                                    AND p.a IS NOT DISTINCT FROM x.agreement_id)
                """);
            // The stale rows of these workers are gone by now, so a row whose key is still there is the same row.
            var newPeriods = new NpgsqlBatchCommand($"""
                INSERT INTO {table} (worker_id, start_date, end_date, funding, agreement_id)
                SELECT w, s, e, f, a FROM unnest($3::uuid[], $4::date[], $5::date[], $6::text[], $7::text[]) AS p(w, s, e, f, a)
                WHERE w IN ({written})
                ON CONFLICT ({conflict}) DO NOTHING
                """);
            foreach (var command in new[] { stalePeriods, newPeriods })
            {
                Add(command, rows.Select(r => r.WorkerId).ToArray());
                Add(command, rows.Select(r => r.Version).ToArray());
                Add(command, periods.Select(p => p.WorkerId).ToArray());
                Add(command, periods.Select(p => p.p.Start).ToArray());
                Add(command, periods.Select(p => p.p.End).ToArray());
                Add(command, periods.Select(p => p.p.Funding).ToArray());
                AddNullable(command, periods.Select(p => (object?)p.p.AgreementId), NpgsqlTypes.NpgsqlDbType.Text);
                batch.BatchCommands.Add(command);
            }
        }

        var segments = latest.SelectMany(i => i.Membership.Select(m => (i.Row.WorkerId, m))).ToList();
        var staleSegments = new NpgsqlBatchCommand($"""
            DELETE FROM app.participant_membership x WHERE x.worker_id IN ({written})
              AND NOT EXISTS (SELECT 1 FROM unnest($3::uuid[], $4::date[], $5::date[], $6::text[], $7::date[], $8::date[]) AS m(w, s, e, t, p, g)
                              WHERE m.w = x.worker_id AND m.s = x.start_date AND m.e IS NOT DISTINCT FROM x.end_date AND m.t = x.status
                                AND m.p IS NOT DISTINCT FROM x.protection_ended AND m.g IS NOT DISTINCT FROM x.grace_until)
            """);
        var newSegments = new NpgsqlBatchCommand($"""
            INSERT INTO app.participant_membership (worker_id, start_date, end_date, status, protection_ended, grace_until)
            SELECT w, s, e, t, p, g FROM unnest($3::uuid[], $4::date[], $5::date[], $6::text[], $7::date[], $8::date[]) AS m(w, s, e, t, p, g)
            WHERE w IN ({written})
            ON CONFLICT (worker_id, start_date) DO NOTHING
            """);
        foreach (var command in new[] { staleSegments, newSegments })
        {
            Add(command, rows.Select(r => r.WorkerId).ToArray());
            Add(command, rows.Select(r => r.Version).ToArray());
            Add(command, segments.Select(m => m.WorkerId).ToArray());
            Add(command, segments.Select(m => m.m.Start).ToArray());
            AddNullable(command, segments.Select(m => (object?)m.m.End), NpgsqlTypes.NpgsqlDbType.Date);
            Add(command, segments.Select(m => m.m.Status).ToArray());
            AddNullable(command, segments.Select(m => (object?)m.m.ProtectionEnded), NpgsqlTypes.NpgsqlDbType.Date);
            AddNullable(command, segments.Select(m => (object?)m.m.GraceUntil), NpgsqlTypes.NpgsqlDbType.Date);
            batch.BatchCommands.Add(command);
        }

        var deleteClaims = new NpgsqlBatchCommand($"DELETE FROM app.claims WHERE worker_id IN ({written})");
        Add(deleteClaims, rows.Select(r => r.WorkerId).ToArray());
        Add(deleteClaims, rows.Select(r => r.Version).ToArray());
        batch.BatchCommands.Add(deleteClaims);
        var claims = latest.SelectMany(i => i.Claims.Select(c => (i.Row.WorkerId, c))).ToList();
        if (claims.Count > 0)
        {
            batch.BatchCommands.Add(ClaimsCommand(written, rows, claims));
        }

        var audit = items.SelectMany(i => i.Audit).DistinctBy(a => (a.OperationId, a.SubjectType, a.SubjectId, a.Action)).ToList();
        if (audit.Count > 0)
        {
            batch.BatchCommands.Add(AuditCommand(audit));
        }

        await batch.ExecuteNonQueryAsync();
        return [.. items.Select(_ => true)];
    }

    private static NpgsqlBatchCommand ClaimsCommand(string written, IReadOnlyList<ParticipantRow> rows, IReadOnlyList<(Guid WorkerId, ClaimRow Claim)> claims)
    {
        var insert = new NpgsqlBatchCommand($"""
            INSERT INTO app.claims (claim_id, worker_id, number, claim_type, state, incident_at, opened_at, opened_by, assigned_to,
                covered, missing_blocking, next_due_at, next_due_label, approved_amount, paid_amount, paid_on, updated_at)
            SELECT * FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[],
                $10::text[], $11::text[], $12::boolean[], $13::integer[], $14::timestamptz[], $15::text[], $16::bigint[], $17::bigint[],
                $18::date[], $19::timestamptz[]) AS c(i, w, n, t, s, ia, oa, ob, a, cv, mb, nd, nl, aa, pa, po, ua)
            WHERE w IN ({written})
            """);
        Add(insert, rows.Select(r => r.WorkerId).ToArray());
        Add(insert, rows.Select(r => r.Version).ToArray());
        Add(insert, claims.Select(c => c.Claim.ClaimId).ToArray());
        Add(insert, claims.Select(c => c.WorkerId).ToArray());
        Add(insert, claims.Select(c => c.Claim.Number).ToArray());
        Add(insert, claims.Select(c => c.Claim.Type).ToArray());
        Add(insert, claims.Select(c => c.Claim.State).ToArray());
        Add(insert, claims.Select(c => c.Claim.IncidentAt.UtcDateTime).ToArray());
        Add(insert, claims.Select(c => c.Claim.OpenedAt.UtcDateTime).ToArray());
        Add(insert, claims.Select(c => c.Claim.OpenedBy).ToArray());
        Add(insert, claims.Select(c => c.Claim.AssignedTo).ToArray());
        Add(insert, claims.Select(c => c.Claim.Covered).ToArray());
        Add(insert, claims.Select(c => c.Claim.MissingBlocking).ToArray());
        AddNullable(insert, claims.Select(c => (object?)c.Claim.NextDueAt?.UtcDateTime), NpgsqlTypes.NpgsqlDbType.TimestampTz);
        AddNullable(insert, claims.Select(c => (object?)c.Claim.NextDueLabel), NpgsqlTypes.NpgsqlDbType.Text);
        AddNullable(insert, claims.Select(c => (object?)c.Claim.ApprovedAmount), NpgsqlTypes.NpgsqlDbType.Bigint);
        AddNullable(insert, claims.Select(c => (object?)c.Claim.PaidAmount), NpgsqlTypes.NpgsqlDbType.Bigint);
        AddNullable(insert, claims.Select(c => (object?)c.Claim.PaidOn), NpgsqlTypes.NpgsqlDbType.Date);
        Add(insert, claims.Select(c => c.Claim.UpdatedAt.UtcDateTime).ToArray());
        return insert;
    }

    private static void Add<T>(NpgsqlBatchCommand command, T[] values) => command.Parameters.Add(new NpgsqlParameter { Value = values });

    /// <summary>Dates as a PostgreSQL array literal (<c>{2031-05-01,2035-08-09}</c>, <c>{}</c>); null stays null.</summary>
    private static string? ArrayLiteral(IReadOnlyList<DateOnly>? dates) =>
        dates is null ? null : "{" + string.Join(',', dates.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))) + "}";

    private static void AddNullable(NpgsqlBatchCommand command, IEnumerable<object?> values, NpgsqlTypes.NpgsqlDbType elementType) =>
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = values.Select(v => v ?? DBNull.Value).ToArray(),
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | elementType,
        });

    public async Task PublishAgreementAsync(AgreementRow row, IReadOnlyList<AuditRow> audit)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO app.agreements (agreement_id, number, budget_year, start_date, end_date, quota, budget_ceiling,
                declared_income, cost_per_worker, payer, status, updated_at, version, payer_kecamatan, payer_desa, payer_name)
            VALUES (@AgreementId, @Number, @BudgetYear, @Start, @End, @Quota, @BudgetCeiling,
                @DeclaredIncome, @CostPerWorker, @Payer, @Status, @UpdatedAt, @Version, @PayerKecamatan, @PayerDesa, @PayerName)
            ON CONFLICT (agreement_id) DO UPDATE SET
                number = EXCLUDED.number, budget_year = EXCLUDED.budget_year, start_date = EXCLUDED.start_date,
                end_date = EXCLUDED.end_date, quota = EXCLUDED.quota, budget_ceiling = EXCLUDED.budget_ceiling,
                declared_income = EXCLUDED.declared_income, cost_per_worker = EXCLUDED.cost_per_worker,
                payer = EXCLUDED.payer, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at,
                version = EXCLUDED.version, payer_kecamatan = EXCLUDED.payer_kecamatan, payer_desa = EXCLUDED.payer_desa,
                payer_name = EXCLUDED.payer_name
            WHERE app.agreements.version <= EXCLUDED.version
            """, row, tx);
        await AppendAuditAsync(connection, tx, audit);
        await tx.CommitAsync();
    }

    public async Task<ReserveOutcome> ReserveAsync(string agreementId, Guid workerId, int quota, DateTimeOffset at, string by)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        // One enrolment at a time per agreement, whatever silo or activation asks: the quota cannot be overrun.
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('agreement:' || @agreementId, 0))", new { agreementId }, tx);
        var held = await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM app.agreement_enrolments WHERE agreement_id = @agreementId AND worker_id = @workerId)",
            new { agreementId, workerId }, tx);
        var count = await connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM app.agreement_enrolments WHERE agreement_id = @agreementId", new { agreementId }, tx);
        if (held)
        {
            await tx.CommitAsync();
            return new ReserveOutcome(ReserveStatus.AlreadyHeld, count);
        }

        if (count >= quota)
        {
            await tx.CommitAsync();
            return new ReserveOutcome(ReserveStatus.QuotaFull, count);
        }

        await connection.ExecuteAsync("""
            INSERT INTO app.agreement_enrolments (agreement_id, worker_id, enrolled_at, enrolled_by)
            VALUES (@agreementId, @workerId, @at, @by)
            """, new { agreementId, workerId, at, by }, tx);
        await tx.CommitAsync();
        return new ReserveOutcome(ReserveStatus.Reserved, count + 1);
    }

    public async Task ReleaseAsync(string agreementId, Guid workerId)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "DELETE FROM app.agreement_enrolments WHERE agreement_id = @agreementId AND worker_id = @workerId", new { agreementId, workerId });
    }

    public async Task<IReadOnlyList<Guid>> ReserveManyAsync(string agreementId, IReadOnlyList<Guid> workerIds, int quota, DateTimeOffset at, string by)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('agreement:' || @agreementId, 0))", new { agreementId }, tx);
        var held = (await connection.QueryAsync<Guid>(
            "SELECT worker_id FROM app.agreement_enrolments WHERE agreement_id = @agreementId AND worker_id = ANY(@ids)",
            new { agreementId, ids = workerIds.ToArray() }, tx)).ToHashSet();
        var count = await connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM app.agreement_enrolments WHERE agreement_id = @agreementId", new { agreementId }, tx);
        var granted = workerIds.Where(id => !held.Contains(id)).Take(Math.Max(0, quota - count)).ToArray();
        await connection.ExecuteAsync("""
            INSERT INTO app.agreement_enrolments (agreement_id, worker_id, enrolled_at, enrolled_by)
            SELECT @agreementId, id, @at, @by FROM unnest(@granted) AS id
            """, new { agreementId, granted, at, by }, tx);
        await tx.CommitAsync();
        return [.. held, .. granted];
    }

    public async Task<IReadOnlyList<Guid>> EnrolledAsync(string agreementId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<Guid>(
            "SELECT worker_id FROM app.agreement_enrolments WHERE agreement_id = @agreementId", new { agreementId })];
    }

    public async Task<(string Name, string NikMasked)?> DescribeWorkerAsync(Guid workerId)
    {
        await using var connection = await db.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<NamedWorker>(
            "SELECT name AS Name, nik_masked AS NikMasked FROM app.participants WHERE worker_id = @workerId", new { workerId });
        return row is null ? null : (row.Name, row.NikMasked ?? "");
    }

    private static async Task AppendAuditAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<AuditRow> audit)
    {
        if (audit.Count == 0)
        {
            return;
        }

        await connection.ExecuteAsync("""
            INSERT INTO app.audit_log (operation_id, subject_type, subject_id, action, at, user_id, user_name, before, after)
            VALUES (@OperationId, @SubjectType, @SubjectId, @Action, @At, @UserId, @UserName, @Before::jsonb, @After::jsonb)
            ON CONFLICT (operation_id, subject_type, subject_id, action) DO NOTHING
            """, audit, tx);
    }
}

internal sealed record NamedWorker(string Name, string? NikMasked);
