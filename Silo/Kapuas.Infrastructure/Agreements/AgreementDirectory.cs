using Dapper;
using Npgsql;

using Kapuas.Domain.Agreements;
using Kapuas.Domain.Coverage;

namespace Kapuas.Infrastructure.Agreements;

/// <summary>The agreements as the read model lists them (newest first), with how many workers each enrols.</summary>
public sealed class AgreementDirectory(NpgsqlDataSource db)
{
    /// <summary>
    /// The agreements, newest first; only those of one payer (e.g. <c>Apbdes</c>) when <paramref name="kind"/> is one an
    /// agreement can name (<see cref="Agreement.AgreementPayers"/>), every agreement otherwise.
    /// </summary>
    public async Task<IReadOnlyList<AgreementListRow>> ListAsync(FundingKind? kind = null)
    {
        var payer = kind is { } k && Agreement.AgreementPayers.Contains(k) ? k.ToString() : null;
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<AgreementListRow>("""
            SELECT a.agreement_id AS Code, a.number AS Number, a.budget_year AS BudgetYear, a.start_date AS Start, a.end_date AS End,
                   a.quota AS Quota, a.budget_ceiling AS BudgetCeiling, a.cost_per_worker AS CostPerWorker, a.status AS Status,
                   (SELECT count(*)::int FROM app.agreement_enrolments e WHERE e.agreement_id = a.agreement_id) AS Enrolled,
                   a.payer AS Payer, a.payer_kecamatan AS PayerKecamatan, a.payer_desa AS PayerDesa, a.payer_name AS PayerName
            FROM app.agreements a
            WHERE @payer::text IS NULL OR a.payer = @payer
            ORDER BY a.start_date DESC, a.agreement_id
            """, new { payer })];
    }
}

public sealed class AgreementListRow : AgreementPayerColumns
{
    public string Code { get; set; } = "";

    public string Number { get; set; } = "";

    public int BudgetYear { get; set; }

    public DateTime Start { get; set; }

    public DateTime End { get; set; }

    public int Quota { get; set; }

    public long BudgetCeiling { get; set; }

    public long CostPerWorker { get; set; }

    public string Status { get; set; } = "";

    public int Enrolled { get; set; }
}

/// <summary>Who pays for an agreement, as the read model's columns hold it (<c>app.agreements.payer*</c>).</summary>
public class AgreementPayerColumns
{
    public string Payer { get; set; } = "";

    public string? PayerKecamatan { get; set; }

    public string? PayerDesa { get; set; }

    public string? PayerName { get; set; }

    /// <summary>The payer in words, in the current UI culture.</summary>
    public string PayerLabel => Agreement.PayerLabelOf(Payer, PayerKecamatan, PayerDesa, PayerName);
}
