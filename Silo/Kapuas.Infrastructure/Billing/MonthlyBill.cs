using Dapper;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Identity;
using Npgsql;

namespace Kapuas.Infrastructure.Billing;

/// <summary>One worker's charge on a bill; <see cref="ArrearsFor"/> names the earlier month an arrears line pays for;
/// <see cref="Held"/>: the worker's period under this agreement is held as double cover (another payer covers the same
/// days; billed until an administrator chooses, issue 18).</summary>
public sealed record BillLine(Guid WorkerId, string Name, string NikMasked, string? Kpj, string KecamatanCode, int DaysCovered, Money Amount,
    YearMonth? ArrearsFor = null, bool Held = false);

public sealed record Bill(string AgreementId, YearMonth Month, IReadOnlyList<BillLine> Lines)
{
    public Money Total => Money.Sum(Lines.Select(l => l.Amount));
}

public sealed record ReconciliationLine(DifferenceKind Kind, string Name, string NikMasked, Guid? WorkerId, string Explanation);

public sealed record Reconciliation(
    IReadOnlyList<YearMonth> Months, int InvoiceLines, int Matched, IReadOnlyList<ReconciliationLine> Differences, IReadOnlyList<InvoiceRowError> Errors);

/// <summary>
/// The contribution bill (tagihan iuran) of an agreement month from the read model's effective periods, priced by
/// the agreement's own rule, and its reconciliation with BPJS's invoice.
/// </summary>
public sealed class MonthlyBill(NpgsqlDataSource db, NikFingerprinter fingerprinter)
{
    private sealed class PeriodRow
    {
        public Guid WorkerId { get; init; }
        public string Name { get; init; } = "";
        public string NikMasked { get; init; } = "";
        public byte[] NikHash { get; init; } = [];
        public string? Kpj { get; init; }
        public string KecamatanCode { get; init; } = "";
        public DateTime StartDate { get; init; }
        public DateTime EndDate { get; init; }
        public string Funding { get; init; } = "";

        public bool Held { get; init; }

        public CoveragePeriod Period => CoveragePeriod.Of(DateOnly.FromDateTime(StartDate), DateOnly.FromDateTime(EndDate));

        public bool IsArrears => Funding == nameof(FundingKind.Arrears);
    }

    /// <summary>
    /// The bill of one month. The agreement's first month also carries the arrears it pays for the gap before it
    /// (bridging, bpjs-rules.md §3.1), one line per worker and month, at the rates in force in those months.
    /// </summary>
    public async Task<Bill> ForMonthAsync(Agreement agreement, YearMonth month)
    {
        var rows = await PeriodsAsync(agreement.Id, month, month);
        var lines = rows.Where(r => !r.IsArrears)
            .SelectMany(r => agreement.Charges(r.Period)
                .Where(c => c.Month == month)
                .Select(c => new BillLine(r.WorkerId, r.Name, r.NikMasked, r.Kpj, r.KecamatanCode, c.DaysCovered, c.Amount, Held: r.Held)))
            .ToList();
        if (month == YearMonth.Of(agreement.Period.Start))
        {
            var arrears = await ArrearsAsync(agreement.Id);
            lines.AddRange(arrears.SelectMany(r => Bridging.Cost(agreement, r.Period)
                .Select(c => new BillLine(r.WorkerId, r.Name, r.NikMasked, r.Kpj, r.KecamatanCode, c.DaysCovered, c.Amount, c.Month))));
        }

        return new Bill(agreement.Id, month, [.. lines.OrderBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.WorkerId).ThenBy(l => l.ArrearsFor)]);
    }

    public async Task<Reconciliation> ReconcileAsync(Agreement agreement, IReadOnlyList<InvoiceLine> invoice, IReadOnlyList<InvoiceRowError> errors)
    {
        if (invoice.Count == 0)
        {
            return new Reconciliation([], 0, 0, [], errors);
        }

        var months = invoice.Select(l => l.Month).Distinct().Order().ToList();
        var rows = await PeriodsAsync(agreement.Id, months[0], months[^1]);
        var ours = new Dictionary<string, HashSet<YearMonth>>(StringComparer.Ordinal);
        var who = new Dictionary<string, PeriodRow>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = Convert.ToHexString(row.NikHash);
            who[key] = row;
            var set = ours.TryGetValue(key, out var existing) ? existing : ours[key] = [];
            set.UnionWith(row.IsArrears ? row.Period.Months().Select(m => m.Month) : agreement.Charges(row.Period).Select(c => c.Month));
        }

        var theirs = new Dictionary<string, HashSet<YearMonth>>(StringComparer.Ordinal);
        var invoiceNames = new Dictionary<string, (string Name, string Masked)>(StringComparer.Ordinal);
        foreach (var line in invoice)
        {
            var key = Convert.ToHexString(fingerprinter.Fingerprint(line.Nik));
            (theirs.TryGetValue(key, out var set) ? set : theirs[key] = []).Add(line.Month);
            invoiceNames.TryAdd(key, (line.Name ?? "", line.Nik.Masked));
        }

        var differences = InvoiceReconciliation.Compare(
            ours.ToDictionary(p => p.Key, p => (IReadOnlySet<YearMonth>)p.Value, StringComparer.Ordinal),
            theirs.ToDictionary(p => p.Key, p => (IReadOnlySet<YearMonth>)p.Value, StringComparer.Ordinal));
        var lines = differences.Select(d => who.TryGetValue(d.Key, out var w)
                ? new ReconciliationLine(d.Kind, w.Name, w.NikMasked, w.WorkerId, d.Explain())
                : new ReconciliationLine(d.Kind, invoiceNames[d.Key].Name, invoiceNames[d.Key].Masked, null, d.Explain()))
            .OrderBy(l => l.Kind).ThenBy(l => l.Name, StringComparer.Ordinal).ToList();
        var differing = differences.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        var matched = theirs.Keys.Count(k => !differing.Contains(k));
        return new Reconciliation(months, invoice.Count, matched, lines, errors);
    }

    private async Task<List<PeriodRow>> PeriodsAsync(string agreementId, YearMonth first, YearMonth last)
    {
        await using var connection = await db.OpenConnectionAsync();
        // The agreement's own periods and those it holds as double cover: BPJS bills both until an administrator chooses.
        return [.. await connection.QueryAsync<PeriodRow>($"""
            {SelectPeriods}
            WHERE x.agreement_id = @agreementId AND x.start_date <= @last AND x.end_date >= @first
            UNION ALL
            {SelectHeld}
            WHERE x.agreement_id = @agreementId AND x.start_date <= @last AND x.end_date >= @first
            """, new { agreementId, first = first.FirstDay.ToDateTime(TimeOnly.MinValue), last = last.LastDay.ToDateTime(TimeOnly.MinValue) })];
    }

    private async Task<List<PeriodRow>> ArrearsAsync(string agreementId)
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<PeriodRow>($"""
            {SelectPeriods}
            WHERE x.agreement_id = @agreementId AND x.funding = 'Arrears'
            """, new { agreementId })];
    }

    private const string SelectPeriods = """
        SELECT p.worker_id AS WorkerId, p.name AS Name, p.nik_masked AS NikMasked, p.nik_hash AS NikHash, p.kpj AS Kpj,
               p.kecamatan_code AS KecamatanCode, x.start_date AS StartDate, x.end_date AS EndDate, x.funding AS Funding, false AS Held
        FROM app.participant_periods x JOIN app.participants p ON p.worker_id = x.worker_id
        """;

    private const string SelectHeld = """
        SELECT p.worker_id, p.name, p.nik_masked, p.nik_hash, p.kpj, p.kecamatan_code, x.start_date, x.end_date, x.funding, true
        FROM app.participant_held_covers x JOIN app.participants p ON p.worker_id = x.worker_id
        """;
}
