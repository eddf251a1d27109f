using Dapper;
using Npgsql;

namespace Kapuas.Infrastructure.Agreements;

/// <summary>The agreements as the read model lists them (newest first), with how many workers each enrols.</summary>
public sealed class AgreementDirectory(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<AgreementListRow>> ListAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<AgreementListRow>("""
            SELECT a.agreement_id AS Code, a.number AS Number, a.budget_year AS BudgetYear, a.start_date AS Start, a.end_date AS End,
                   a.quota AS Quota, a.budget_ceiling AS BudgetCeiling, a.cost_per_worker AS CostPerWorker, a.status AS Status,
                   (SELECT count(*)::int FROM app.agreement_enrolments e WHERE e.agreement_id = a.agreement_id) AS Enrolled
            FROM app.agreements a ORDER BY a.start_date DESC
            """)];
    }
}

public sealed class AgreementListRow
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
