using Dapper;
using Npgsql;

namespace Kapuas.Grains.ReadModel;

public sealed class PostgresRosterStore(NpgsqlDataSource db) : IRosterStore
{
    public async Task<Guid> ClaimNikAsync(byte[] nikHash, Guid workerId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<Guid>("""
            WITH claimed AS (
                INSERT INTO app.nik_registry (nik_hash, worker_id) VALUES (@nikHash, @workerId)
                ON CONFLICT (nik_hash) DO NOTHING
                RETURNING worker_id)
            SELECT worker_id FROM claimed
            UNION ALL
            SELECT worker_id FROM app.nik_registry WHERE nik_hash = @nikHash
            LIMIT 1
            """, new { nikHash, workerId });
    }

    public async Task ReleaseNikAsync(byte[] nikHash, Guid workerId)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "DELETE FROM app.nik_registry WHERE nik_hash = @nikHash AND worker_id = @workerId", new { nikHash, workerId });
    }

    public async Task PublishWorkerAsync(ParticipantRow row, IReadOnlyList<PeriodRow> periods, IReadOnlyList<AuditRow> audit)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var written = await connection.ExecuteAsync("""
            INSERT INTO app.participants (worker_id, nik_hash, nik_masked, nik_kapuas, name, name_key, sex, birth_date,
                kecamatan_code, desa, occupation, occupation_other, phone, kpj, data_source, exit_reason, exit_date,
                first_coverage_start, coverage_start, coverage_end, current_agreement, registered_at, updated_at,
                updated_by, version)
            VALUES (@WorkerId, @NikHash, @NikMasked, @NikKapuas, @Name, @NameKey, @Sex, @BirthDate,
                @KecamatanCode, @Desa, @Occupation, @OccupationOther, @Phone, @Kpj, @DataSource, @ExitReason, @ExitDate,
                @FirstCoverageStart, @CoverageStart, @CoverageEnd, @CurrentAgreement, @RegisteredAt, @UpdatedAt,
                @UpdatedBy, @Version)
            ON CONFLICT (worker_id) DO UPDATE SET
                nik_hash = EXCLUDED.nik_hash, nik_masked = EXCLUDED.nik_masked, nik_kapuas = EXCLUDED.nik_kapuas,
                name = EXCLUDED.name, name_key = EXCLUDED.name_key, sex = EXCLUDED.sex, birth_date = EXCLUDED.birth_date,
                kecamatan_code = EXCLUDED.kecamatan_code, desa = EXCLUDED.desa, occupation = EXCLUDED.occupation,
                occupation_other = EXCLUDED.occupation_other, phone = EXCLUDED.phone, kpj = EXCLUDED.kpj,
                data_source = EXCLUDED.data_source, exit_reason = EXCLUDED.exit_reason, exit_date = EXCLUDED.exit_date,
                first_coverage_start = EXCLUDED.first_coverage_start, coverage_start = EXCLUDED.coverage_start,
                coverage_end = EXCLUDED.coverage_end, current_agreement = EXCLUDED.current_agreement,
                registered_at = EXCLUDED.registered_at, updated_at = EXCLUDED.updated_at,
                updated_by = EXCLUDED.updated_by, version = EXCLUDED.version
            WHERE app.participants.version <= EXCLUDED.version
            """, row, tx);
        if (written > 0)
        {
            await connection.ExecuteAsync("DELETE FROM app.participant_periods WHERE worker_id = @WorkerId", new { row.WorkerId }, tx);
            if (periods.Count > 0)
            {
                await connection.ExecuteAsync("""
                    INSERT INTO app.participant_periods (worker_id, start_date, end_date, funding, agreement_id)
                    VALUES (@WorkerId, @Start, @End, @Funding, @AgreementId)
                    """, periods.Select(p => new { row.WorkerId, p.Start, p.End, p.Funding, p.AgreementId }), tx);
            }
        }

        await AppendAuditAsync(connection, tx, audit);
        await tx.CommitAsync();
    }

    public async Task PublishAgreementAsync(AgreementRow row, IReadOnlyList<AuditRow> audit)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO app.agreements (agreement_id, number, budget_year, start_date, end_date, quota, budget_ceiling,
                declared_income, cost_per_worker, payer, status, updated_at, version)
            VALUES (@AgreementId, @Number, @BudgetYear, @Start, @End, @Quota, @BudgetCeiling,
                @DeclaredIncome, @CostPerWorker, @Payer, @Status, @UpdatedAt, @Version)
            ON CONFLICT (agreement_id) DO UPDATE SET
                number = EXCLUDED.number, budget_year = EXCLUDED.budget_year, start_date = EXCLUDED.start_date,
                end_date = EXCLUDED.end_date, quota = EXCLUDED.quota, budget_ceiling = EXCLUDED.budget_ceiling,
                declared_income = EXCLUDED.declared_income, cost_per_worker = EXCLUDED.cost_per_worker,
                payer = EXCLUDED.payer, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at,
                version = EXCLUDED.version
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

    public async Task<int> CountEnrolledAsync(string agreementId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM app.agreement_enrolments WHERE agreement_id = @agreementId", new { agreementId });
    }

    public async Task<(string Name, string NikMasked)?> DescribeWorkerAsync(Guid workerId)
    {
        await using var connection = await db.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(string? Name, string? NikMasked)>(
            "SELECT name, nik_masked FROM app.participants WHERE worker_id = @workerId", new { workerId });
        return row.Name is null ? null : (row.Name, row.NikMasked ?? "");
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
