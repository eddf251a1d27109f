using Dapper;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Family;
using Kapuas.Domain.Planning;
using Npgsql;

namespace Kapuas.Infrastructure.Planning;

/// <summary>
/// Who pays, as a budget plan names it: the kind and, for a village, its kecamatan and desa; for another donor (or a named
/// province) its name. Two agreements with the same parts have the same payer.
/// </summary>
public sealed record BudgetPayer(FundingKind Kind, string? Kecamatan, string? Desa, string? Name)
{
    /// <summary>The payer in one form field: <c>Apbdes:62.03.01:Sei Tatas</c>, <c>Donor::Yayasan Contoh</c>, <c>ApbdKabupaten::</c>.</summary>
    public string Key => $"{Kind}:{Kecamatan}:{(Kind == FundingKind.Apbdes ? Desa : Name)}";

    /// <summary>The payer in words, in the current UI culture.</summary>
    public Phrase Phrase => Agreement.PayerPhraseOf(Kind, Kecamatan, Desa, Name);

    /// <summary>Reads a <see cref="Key"/>; null when it names no payer an agreement can have.</summary>
    public static BudgetPayer? Parse(string? key)
    {
        var parts = (key ?? "").Split(':', 3);
        // By name only: a number ("1") or another spelling of a kind is not a key this page wrote (no kind is 0).
        var kind = Agreement.AgreementPayers.FirstOrDefault(k => k.ToString() == parts[0]);
        if (parts.Length != 3 || kind == default)
        {
            return null;
        }

        static string? Part(string text) => text.Length == 0 ? null : text;
        return kind == FundingKind.Apbdes
            ? new BudgetPayer(kind, Part(parts[1]), Part(parts[2]), null)
            : new BudgetPayer(kind, Part(parts[1]), null, Part(parts[2]));
    }
}

/// <summary>The payer's agreement whose end the plan starts from: the latest signed or active one (else the latest closed).</summary>
public sealed record CurrentAgreement(string Id, string Number, AgreementStatus Status, DateOnly Start, DateOnly End, int Quota, Money BudgetCeiling, Money DeclaredIncome);

/// <summary>How many of the payer's workers were covered at one month's end.</summary>
public sealed record MonthEndCount(DateOnly Day, int Workers);

/// <summary>
/// What the read model says about one payer on one day, for next year's budget plan (<see cref="BudgetPlanInputs"/>):
/// every count is of workers with an effective period (cut at an exit) under one of the payer's agreements.
/// </summary>
/// <param name="RosterToday">Workers covered by the payer on <paramref name="AsOf"/>.</param>
/// <param name="KnownExits">Of those, workers whose exit is already recorded with a date before the budget year's first day.</param>
/// <param name="ObservedDeaths">Workers who died after <paramref name="ObservedFrom"/> and at the latest on <paramref name="AsOf"/>, covered by the payer that day.</param>
/// <param name="ObservedExits">The same for the other exits (moved away, became a wage earner, withdrawn); a duplicate record is not an exit of a person.</param>
/// <param name="MonthEnds">The workers covered at each of the 12 month ends up to <paramref name="AsOf"/>, oldest first.</param>
/// <param name="ScholarshipChildren">Children of today's roster who could hold a scholarship right on <paramref name="AsOf"/>, at most two per worker.</param>
/// <param name="FamiliesNotIndexed">Workers of today's roster whose family is not in the read model yet (published before it kept them).</param>
public sealed record BudgetFacts(
    BudgetPayer Payer,
    int BudgetYear,
    DateOnly AsOf,
    CurrentAgreement? Current,
    int RosterToday,
    int KnownExits,
    DateOnly ObservedFrom,
    int ObservedDeaths,
    int ObservedExits,
    IReadOnlyList<MonthEndCount> MonthEnds,
    int ScholarshipChildren,
    int FamiliesNotIndexed)
{
    /// <summary>The average of the month-end counts, halves rounded up: the base of the observed rates.</summary>
    public int AverageRoster => MonthEnds.Count == 0 ? 0 : (int)(((2L * MonthEnds.Sum(m => (long)m.Workers)) + MonthEnds.Count) / (2L * MonthEnds.Count));

    /// <summary>The first day of the budget year: exits recorded before it are known exits.</summary>
    public DateOnly BudgetYearStart => new(BudgetYear, 1, 1);

    /// <summary>
    /// The plan's inputs, with the programmes and rates of the current agreement (its grain holds them); null without a
    /// current agreement (the payer's only agreements are drafts).
    /// </summary>
    public BudgetPlanInputs? Inputs(Programs programs, ContributionRateTable rates) => Current is not { } current ? null : new(
        Payer.Kind, BudgetYear, AsOf, RosterToday, KnownExits, ObservedDeaths, ObservedExits, AverageRoster, ScholarshipChildren,
        current.End, current.DeclaredIncome, rates, programs);

    /// <summary>
    /// The 12 month ends the average is taken over: the last day of each of the 12 months up to <paramref name="asOf"/>'s
    /// month when it is that month's last day, else up to the month before; oldest first.
    /// </summary>
    public static IReadOnlyList<DateOnly> MonthEndsUpTo(DateOnly asOf)
    {
        var last = asOf == YearMonth.Of(asOf).LastDay ? YearMonth.Of(asOf) : YearMonth.Of(asOf.AddMonths(-1));
        return [.. Enumerable.Range(0, 12).Select(k => YearMonth.Of(last.FirstDay.AddMonths(k - 11)).LastDay)];
    }
}

/// <summary>
/// The inputs of next year's budget plan from the read model (<c>app.agreements</c>, <c>app.participant_periods</c>,
/// <c>app.participants</c>), for one payer as of a given day: no clock here, the caller says which day is today.
/// </summary>
public sealed class BudgetPlanInputsStore(NpgsqlDataSource db)
{
    /// <summary>The payers that have at least one agreement, the regency first, then by kind and name.</summary>
    public async Task<IReadOnlyList<BudgetPayer>> PayersAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<PayerRow>("""
            SELECT DISTINCT payer AS Payer, payer_kecamatan AS Kecamatan, payer_desa AS Desa, payer_name AS Name
            FROM app.agreements
            """);
        return [.. rows
            .Select(r => Enum.TryParse<FundingKind>(r.Payer, out var kind) && Agreement.AgreementPayers.Contains(kind)
                ? new BudgetPayer(kind, r.Kecamatan, kind == FundingKind.Apbdes ? r.Desa : null, kind == FundingKind.Apbdes ? null : r.Name)
                : null)
            .OfType<BudgetPayer>()
            .Distinct()
            .OrderBy(p => Agreement.AgreementPayers.ToList().IndexOf(p.Kind))
            .ThenBy(p => p.Kecamatan, StringComparer.Ordinal)
            .ThenBy(p => p.Desa ?? p.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// The payer's facts on <paramref name="asOf"/> for a plan of <paramref name="budgetYear"/> (null: the year to plan
    /// first after the current agreement, <see cref="BudgetPlanner.DefaultYear"/>); null when the payer has no agreement.
    /// </summary>
    public async Task<BudgetFacts?> FactsAsync(BudgetPayer payer, int? budgetYear, DateOnly asOf)
    {
        await using var connection = await db.OpenConnectionAsync();
        var agreements = (await connection.QueryAsync<AgreementRow>("""
            SELECT agreement_id AS Id, number AS Number, status AS Status, start_date AS Start, end_date AS End, quota AS Quota,
                   budget_ceiling AS BudgetCeiling, declared_income AS DeclaredIncome
            FROM app.agreements
            WHERE payer = @kind AND coalesce(payer_kecamatan, '') = @kecamatan
              AND coalesce(payer_desa, '') = @desa AND coalesce(payer_name, '') = @name
            """, new { kind = payer.Kind.ToString(), kecamatan = payer.Kecamatan ?? "", desa = payer.Desa ?? "", name = payer.Name ?? "" })).ToList();
        if (agreements.Count == 0)
        {
            return null;
        }

        var current = Current(agreements);
        var year = budgetYear ?? BudgetPlanner.DefaultYear(current?.End, asOf);
        var ids = agreements.Select(a => a.Id).ToArray();
        var today = asOf.ToDateTime(TimeOnly.MinValue);
        var counts = await connection.QuerySingleAsync<Counts>("""
            WITH roster AS (
                SELECT DISTINCT pp.worker_id FROM app.participant_periods pp
                WHERE pp.agreement_id = ANY(@ids) AND pp.start_date <= @today AND pp.end_date >= @today
            )
            SELECT
                (SELECT count(*) FROM roster)::int AS RosterToday,
                (SELECT count(*) FROM roster r JOIN app.participants p ON p.worker_id = r.worker_id
                 WHERE p.exit_date IS NOT NULL AND p.exit_date < @yearStart)::int AS KnownExits,
                (SELECT coalesce(sum(least(@perWorker, (SELECT count(*) FROM unnest(p.scholarship_until) u WHERE u >= @today))), 0)
                 FROM roster r JOIN app.participants p ON p.worker_id = r.worker_id)::int AS ScholarshipChildren,
                (SELECT count(*) FROM roster r JOIN app.participants p ON p.worker_id = r.worker_id
                 WHERE p.scholarship_until IS NULL)::int AS FamiliesNotIndexed,
                (SELECT count(*) FROM app.participants p
                 WHERE p.exit_reason = 'Died' AND p.exit_date > @from AND p.exit_date <= @today
                   AND EXISTS (SELECT 1 FROM app.participant_periods pp WHERE pp.worker_id = p.worker_id AND pp.agreement_id = ANY(@ids)
                               AND pp.start_date <= p.exit_date AND pp.end_date >= p.exit_date))::int AS ObservedDeaths,
                (SELECT count(*) FROM app.participants p
                 WHERE p.exit_reason NOT IN ('Died', 'DuplicateRecord') AND p.exit_date > @from AND p.exit_date <= @today
                   AND EXISTS (SELECT 1 FROM app.participant_periods pp WHERE pp.worker_id = p.worker_id AND pp.agreement_id = ANY(@ids)
                               AND pp.start_date <= p.exit_date AND pp.end_date >= p.exit_date))::int AS ObservedExits
            """, new
        {
            ids,
            today,
            yearStart = new DateTime(year, 1, 1),
            from = asOf.AddMonths(-12).ToDateTime(TimeOnly.MinValue),
            perWorker = ScholarshipRights.PerWorker,
        });

        var ends = BudgetFacts.MonthEndsUpTo(asOf);
        var monthEnds = (await connection.QueryAsync<MonthEndRow>("""
            SELECT e AS Day,
                   (SELECT count(DISTINCT pp.worker_id) FROM app.participant_periods pp
                    WHERE pp.agreement_id = ANY(@ids) AND pp.start_date <= e AND pp.end_date >= e)::int AS Workers
            FROM unnest(@ends::date[]) AS e
            ORDER BY e
            """, new { ids, ends = ends.Select(e => e.ToDateTime(TimeOnly.MinValue)).ToArray() }))
            .Select(r => new MonthEndCount(DateOnly.FromDateTime(r.Day), r.Workers)).ToList();

        return new BudgetFacts(payer, year, asOf, current, counts.RosterToday, counts.KnownExits, asOf.AddMonths(-12),
            counts.ObservedDeaths, counts.ObservedExits, monthEnds, counts.ScholarshipChildren, counts.FamiliesNotIndexed);
    }

    /// <summary>The latest signed or active agreement by its end; without one, the latest closed one; drafts never.</summary>
    private static CurrentAgreement? Current(List<AgreementRow> agreements)
    {
        var parsed = agreements
            .Select(a => (Row: a, Status: Enum.TryParse<AgreementStatus>(a.Status, out var s) ? s : AgreementStatus.Draft))
            .ToList();
        var inForce = parsed.Where(a => a.Status.TakesWorkers()).ToList();
        var pool = inForce.Count > 0 ? inForce : [.. parsed.Where(a => a.Status == AgreementStatus.Closed)];
        if (pool.Count == 0)
        {
            return null;
        }

        var (row, status) = pool.MaxBy(a => (a.Row.End, a.Row.Start));
        return new CurrentAgreement(row.Id, row.Number, status, DateOnly.FromDateTime(row.Start), DateOnly.FromDateTime(row.End), row.Quota,
            new Money(row.BudgetCeiling), new Money(row.DeclaredIncome));
    }

    private sealed record PayerRow(string Payer, string? Kecamatan, string? Desa, string? Name);

    private sealed class AgreementRow
    {
        public string Id { get; init; } = "";

        public string Number { get; init; } = "";

        public string Status { get; init; } = "";

        public DateTime Start { get; init; }

        public DateTime End { get; init; }

        public int Quota { get; init; }

        public long BudgetCeiling { get; init; }

        public long DeclaredIncome { get; init; }
    }

    private sealed class Counts
    {
        public int RosterToday { get; init; }

        public int KnownExits { get; init; }

        public int ScholarshipChildren { get; init; }

        public int FamiliesNotIndexed { get; init; }

        public int ObservedDeaths { get; init; }

        public int ObservedExits { get; init; }
    }

    private sealed class MonthEndRow
    {
        public DateTime Day { get; init; }

        public int Workers { get; init; }
    }
}
