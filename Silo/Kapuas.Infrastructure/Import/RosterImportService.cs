using Dapper;
using Kapuas.Domain.Common;
using Kapuas.Domain.Identity;
using Kapuas.Domain.Import;
using Kapuas.Domain.Workers;
using Kapuas.Infrastructure.Spreadsheets;
using Npgsql;

namespace Kapuas.Infrastructure.Import;

/// <summary>
/// Step one of an import: read the file, validate every row, find duplicates in the file and in the registry,
/// work out what each row would change and the effect on the chosen agreement, and keep it all as a batch.
/// Nothing about the workers changes until an administrator commits the batch.
/// </summary>
public sealed class RosterImportService(NpgsqlDataSource db, ImportStore store, NikFingerprinter fingerprinter)
{

    public async Task<Result<Guid>> PreviewAsync(Stream content, string fileName, long length, string? agreementId, string uploadedBy, DateTimeOffset now, bool startingRoster = false)
    {
        var safeName = Path.GetFileName(fileName ?? "").Trim();
        if (safeName.Length is 0 or > 200)
        {
            return new DomainError("file.name");
        }

        var table = TabularFile.Read(content, safeName, length);
        if (!table.IsSuccess)
        {
            return table.Error!;
        }

        var header = RosterHeader.Match(table.Value.Header);
        if (!header.IsSuccess)
        {
            return header.Error!;
        }

        AgreementRow? agreement = null;
        if (!string.IsNullOrWhiteSpace(agreementId))
        {
            agreement = await AgreementAsync(agreementId.Trim());
            if (agreement is null)
            {
                return new DomainError("agreement.not_found", agreementId);
            }
        }

        var asOf = Wib.DateOf(now);
        var read = table.Value.Rows.Select(r => RosterRowReader.Read(header.Value, r.Number, r.Cells, asOf)).ToList();

        // Duplicates within the file: the first occurrence counts, later ones are rejected.
        var firstRowOfNik = new Dictionary<string, int>(StringComparer.Ordinal);
        var hashes = new Dictionary<int, byte[]>();
        for (var i = 0; i < read.Count; i++)
        {
            if (read[i].Profile is not { } profile)
            {
                continue;
            }

            if (firstRowOfNik.TryGetValue(profile.Nik.Value, out var first))
            {
                read[i] = read[i] with
                {
                    Input = null,
                    Profile = null,
                    Errors = [RowProblem.Of(read[i].RowNumber, RosterHeader.Key(RosterColumn.Nik), profile.Nik.Masked, new DomainError("import.duplicate_in_file", $"{first}"))],
                };
                continue;
            }

            firstRowOfNik[profile.Nik.Value] = read[i].RowNumber;
            hashes[i] = fingerprinter.Fingerprint(profile.Nik);
        }

        var existing = await ExistingAsync(hashes.Values.ToArray());
        var enrolled = agreement is null ? [] : await EnrolledAsync(agreement.AgreementId, existing.Values.Select(e => e.WorkerId).ToArray());
        var otherPayers = agreement is null ? [] : await OtherPayersAsync(agreement, NewPeriod(agreement, asOf, startingRoster),
            [.. existing.Values.Select(e => e.WorkerId).Where(w => !enrolled.Contains(w))]);

        var previews = new List<(ImportRowPreview, ProfileInput?)>();
        var toEnrol = 0;
        for (var i = 0; i < read.Count; i++)
        {
            var row = read[i];
            if (row.Profile is not { } profile)
            {
                previews.Add((new ImportRowPreview(row.RowNumber, ImportRowKind.Rejected, row.Name, null, row.Errors, row.Warnings, []), null));
                continue;
            }

            if (existing.TryGetValue(Convert.ToHexString(hashes[i]), out var current))
            {
                var changes = Changes(current, profile);
                var kind = changes.Count == 0 ? ImportRowKind.Unchanged : ImportRowKind.Update;
                if (agreement is not null && !enrolled.Contains(current.WorkerId))
                {
                    toEnrol++;
                }

                IReadOnlyList<RowProblem> warnings = otherPayers.TryGetValue(current.WorkerId, out var others)
                    ? [.. row.Warnings, .. others.Select(o => RowProblem.Of(row.RowNumber, RosterHeader.Key(RosterColumn.Nik), profile.Nik.Masked, o))]
                    : row.Warnings;
                previews.Add((new ImportRowPreview(row.RowNumber, kind, row.Name, current.WorkerId, [], warnings, changes), row.Input));
            }
            else
            {
                toEnrol += agreement is null ? 0 : 1;
                previews.Add((new ImportRowPreview(row.RowNumber, ImportRowKind.New, row.Name, Guid.CreateVersion7(), [], row.Warnings, []), row.Input));
            }
        }

        var effect = agreement is null ? null : new QuotaEffect(agreement.AgreementId, agreement.Number, agreement.Quota,
            await CountEnrolledAsync(agreement.AgreementId), toEnrol, agreement.CostPerWorker, agreement.BudgetCeiling);

        var sha = table.Value.Sha256;
        var batchId = Guid.CreateVersion7();
        var rows = previews.Select(p => p.Item1).ToList();
        var summary = new ImportBatchSummary(batchId, safeName, table.Value.Kind, agreement?.AgreementId, uploadedBy, now, "previewed",
            rows.Count, rows.Count(r => r.Kind == ImportRowKind.New), rows.Count(r => r.Kind == ImportRowKind.Update),
            rows.Count(r => r.Kind == ImportRowKind.Unchanged), rows.Count(r => r.Kind == ImportRowKind.Rejected),
            rows.Count(r => r.Warnings.Count > 0), null, null, null, agreement is not null && startingRoster);
        await store.SaveAsync(summary, sha, previews, effect);
        return batchId;
    }

    private static List<string> Changes(ExistingWorker current, WorkerProfile profile)
    {
        var changes = new List<string>();

        void Compare(string label, string? before, string? after)
        {
            if (!string.Equals(before ?? "", after ?? "", StringComparison.Ordinal))
            {
                changes.Add($"{label}: {Show(before)} → {Show(after)}");
            }
        }

        Compare("Nama", current.Name, profile.Name);
        Compare("Jenis Kelamin", current.Sex, profile.Sex == Sex.Female ? "P" : "L");
        Compare("Tanggal Lahir", IndonesianFormat.Date(DateOnly.FromDateTime(current.BirthDate)), IndonesianFormat.Date(profile.BirthDate));
        Compare("Kecamatan", current.KecamatanCode, profile.Kecamatan.Code);
        Compare("Desa/Kelurahan", current.Desa, profile.Desa);
        Compare("Pekerjaan", Occupation(current.Occupation, current.OccupationOther), Occupation(profile.Occupation.Kind.ToString(), profile.Occupation.Other));
        Compare("No HP", current.Phone, profile.Phone);
        Compare("KPJ", current.Kpj, profile.Kpj?.Value);
        if (profile.Source != DataSource.Unknown)
        {
            Compare("Sumber Data", current.DataSource, profile.Source.ToString());
        }

        return changes;
    }

    private static string Occupation(string kind, string? other) => other is null ? kind : $"{kind}: {other}";

    private static string Show(string? value) => string.IsNullOrEmpty(value) ? "(kosong)" : $"'{value}'";

    private async Task<Dictionary<string, ExistingWorker>> ExistingAsync(byte[][] hashes)
    {
        if (hashes.Length == 0)
        {
            return [];
        }

        await using var connection = await db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<ExistingWorker>("""
            SELECT nik_hash AS NikHash, worker_id AS WorkerId, name AS Name, sex AS Sex, birth_date AS BirthDate,
                   kecamatan_code AS KecamatanCode, desa AS Desa, occupation AS Occupation, occupation_other AS OccupationOther,
                   phone AS Phone, kpj AS Kpj, data_source AS DataSource
            FROM app.participants WHERE nik_hash = ANY(@hashes)
            """, new { hashes });
        return rows.ToDictionary(r => Convert.ToHexString(r.NikHash), r => r);
    }

    private async Task<HashSet<Guid>> EnrolledAsync(string agreementId, Guid[] workers)
    {
        await using var connection = await db.OpenConnectionAsync();
        var ids = await connection.QueryAsync<Guid>(
            "SELECT worker_id FROM app.agreement_enrolments WHERE agreement_id = @agreementId AND worker_id = ANY(@workers)",
            new { agreementId, workers });
        return [.. ids];
    }

    /// <summary>The period an enrolment from this import would give (<see cref="Domain.Agreements.Agreement.EarliestCoverage"/>) to the agreement's end.</summary>
    private static (DateOnly Start, DateOnly End) NewPeriod(AgreementRow agreement, DateOnly asOf, bool startingRoster) =>
        (Domain.Agreements.Agreement.EarliestCoverage(DateOnly.FromDateTime(agreement.StartDate), asOf, startingRoster), DateOnly.FromDateTime(agreement.EndDate));

    /// <summary>
    /// For each worker the import would enrol, the other payers that already bill them in a month the new period
    /// touches (double cover, issue 18: the preview names the payer and the months; the commit holds the period for an
    /// administrator's choice when days overlap).
    /// </summary>
    private async Task<Dictionary<Guid, List<DomainError>>> OtherPayersAsync(AgreementRow agreement, (DateOnly Start, DateOnly End) period, Guid[] workers)
    {
        var found = new Dictionary<Guid, List<DomainError>>();
        if (workers.Length == 0 || period.Start > period.End)
        {
            return found;
        }

        await using var connection = await db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<OtherPayerRow>($"""
            SELECT x.worker_id AS WorkerId, x.agreement_id AS AgreementId, x.start_date AS StartDate, x.end_date AS EndDate,
                   a.payer AS Payer, a.payer_kecamatan AS PayerKecamatan, a.payer_desa AS PayerDesa, a.payer_name AS PayerName
            FROM ({Coverage.DoubleCoverStore.PayerPeriods}) x
            JOIN app.agreements a ON a.agreement_id = x.agreement_id
            WHERE x.worker_id = ANY(@workers) AND x.agreement_id <> @agreementId
              AND x.start_date <= @last AND x.end_date >= @first
            ORDER BY x.worker_id, x.start_date
            """, new
        {
            workers,
            agreementId = agreement.AgreementId,
            first = YearMonth.Of(period.Start).FirstDay.ToDateTime(TimeOnly.MinValue),
            last = YearMonth.Of(period.End).LastDay.ToDateTime(TimeOnly.MinValue),
        });
        foreach (var row in rows)
        {
            var from = YearMonth.Of(Later(period.Start, DateOnly.FromDateTime(row.StartDate)));
            var to = YearMonth.Of(Earlier(period.End, DateOnly.FromDateTime(row.EndDate)));
            var payer = Enum.TryParse<Domain.Coverage.FundingKind>(row.Payer, out var kind)
                ? Domain.Agreements.Agreement.PayerPhraseOf(kind, row.PayerKecamatan, row.PayerDesa, row.PayerName).AsArgument()
                : row.Payer;
            (found.TryGetValue(row.WorkerId, out var list) ? list : found[row.WorkerId] = [])
                .Add(new DomainError("import.other_payer", payer, row.AgreementId, from.ToString(), to.ToString(), $"{YearMonth.Range(from, to).Count()}"));
        }

        return found;
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Earlier(DateOnly a, DateOnly b) => a < b ? a : b;

    private sealed class OtherPayerRow
    {
        public Guid WorkerId { get; init; }

        public string AgreementId { get; init; } = "";

        public DateTime StartDate { get; init; }

        public DateTime EndDate { get; init; }

        public string Payer { get; init; } = "";

        public string? PayerKecamatan { get; init; }

        public string? PayerDesa { get; init; }

        public string? PayerName { get; init; }
    }

    private async Task<int> CountEnrolledAsync(string agreementId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM app.agreement_enrolments WHERE agreement_id = @agreementId", new { agreementId });
    }

    private async Task<AgreementRow?> AgreementAsync(string agreementId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<AgreementRow>("""
            SELECT agreement_id AS AgreementId, number AS Number, quota AS Quota, cost_per_worker AS CostPerWorker, budget_ceiling AS BudgetCeiling,
                   start_date AS StartDate, end_date AS EndDate
            FROM app.agreements WHERE agreement_id = @agreementId
            """, new { agreementId });
    }

    private sealed class ExistingWorker
    {
        public byte[] NikHash { get; set; } = [];

        public Guid WorkerId { get; set; }

        public string Name { get; set; } = "";

        public string Sex { get; set; } = "";

        public DateTime BirthDate { get; set; }

        public string KecamatanCode { get; set; } = "";

        public string Desa { get; set; } = "";

        public string Occupation { get; set; } = "";

        public string? OccupationOther { get; set; }

        public string? Phone { get; set; }

        public string? Kpj { get; set; }

        public string DataSource { get; set; } = "";
    }

    private sealed class AgreementRow
    {
        public string AgreementId { get; set; } = "";

        public string Number { get; set; } = "";

        public int Quota { get; set; }

        public long CostPerWorker { get; set; }

        public long BudgetCeiling { get; set; }

        public DateTime StartDate { get; set; }

        public DateTime EndDate { get; set; }
    }
}
