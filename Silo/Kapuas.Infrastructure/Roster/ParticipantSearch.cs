using Dapper;
using Kapuas.Domain.Identity;
using Kapuas.Domain.Workers;
using Npgsql;

namespace Kapuas.Infrastructure.Roster;

public enum ParticipantStatus
{
    Any,
    CoveredToday,
    NotCoveredToday,
    Exited,
    Died,

    /// <summary>Protection ended; arrears still payable (bpjs-rules.md §3.1).</summary>
    InGrace,

    /// <summary>More than 3 months unpaid: membership ended.</summary>
    Lapsed,
}

/// <summary>A search of the roster: the text is a NIK, a KPJ or a name; the rest narrows it.</summary>
public sealed record ParticipantFilter(
    string? Query, string? Kecamatan, string? Desa, OccupationKind? Occupation, ParticipantStatus Status, int Page = 1, int PageSize = 25)
{
    public const int MaxQuery = 100;
}

public sealed class ParticipantRowView
{
    public Guid WorkerId { get; init; }
    public string Name { get; init; } = "";
    public string NikMasked { get; init; } = "";
    public string? Kpj { get; init; }
    public string KecamatanCode { get; init; } = "";
    public string Desa { get; init; } = "";
    public string Occupation { get; init; } = "";
    public string? ExitReason { get; init; }
    public DateOnly? ExitDate { get; init; }
    public DateOnly? CoverageEnd { get; init; }
    public bool CoveredToday { get; init; }

    /// <summary>Membership today: Active, InGrace, Lapsed, Exited; null before the first cover.</summary>
    public string? MembershipToday { get; init; }

    /// <summary>In grace: the last day the arrears can be paid.</summary>
    public DateOnly? GraceUntil { get; init; }
}

public sealed record ParticipantPage(IReadOnlyList<ParticipantRowView> Rows, long Total, int Page, int PageSize)
{
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Searches the participants read model. A NIK is matched through its fingerprint (the read model never holds it);
/// a KPJ exactly; a name by the start of any of its words.
/// </summary>
public sealed class ParticipantSearch(NpgsqlDataSource db, NikFingerprinter fingerprinter)
{
    /// <summary>Whether any participant is registered at all.</summary>
    public async Task<bool> AnyAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM app.participants)");
    }

    public async Task<ParticipantPage> SearchAsync(ParticipantFilter filter, DateOnly today)
    {
        var query = filter.Query?.Trim() ?? "";
        var compact = query.Replace(" ", "", StringComparison.Ordinal);
        byte[]? nikHash = null;
        if (compact.Length == 16 && compact.All(char.IsAsciiDigit) && Nik.Parse(compact) is { IsSuccess: true } nik)
        {
            nikHash = fingerprinter.Fingerprint(nik.Value);
        }

        var name = WorkerProfile.NameKey(query).Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)
            .Replace("\\", "", StringComparison.Ordinal);
        var size = Math.Clamp(filter.PageSize, 1, 200);
        var page = Math.Clamp(filter.Page, 1, 100_000);
        var args = new
        {
            query = compact, nikHash, name, kecamatan = Blank(filter.Kecamatan), desa = Blank(filter.Desa)?.ToLowerInvariant(),
            occupation = filter.Occupation?.ToString(), today = today.ToDateTime(TimeOnly.MinValue),
            limit = size, offset = (page - 1) * size,
        };
        // Coverage today is looked up only where it matters: as a filter when one is asked for, else for the page shown.
        var coveredFilter = filter.Status switch
        {
            ParticipantStatus.CoveredToday => "AND EXISTS (SELECT 1 FROM app.participant_periods x WHERE x.worker_id = p.worker_id AND x.start_date <= @today AND x.end_date >= @today)",
            ParticipantStatus.NotCoveredToday => "AND NOT EXISTS (SELECT 1 FROM app.participant_periods x WHERE x.worker_id = p.worker_id AND x.start_date <= @today AND x.end_date >= @today)",
            ParticipantStatus.Exited => "AND p.exit_reason IS NOT NULL",
            ParticipantStatus.Died => "AND p.exit_reason = 'Died'",
            ParticipantStatus.InGrace => $"AND EXISTS (SELECT 1 FROM app.participant_membership m WHERE m.worker_id = p.worker_id AND m.status = 'InGrace' AND {Today})",
            ParticipantStatus.Lapsed => $"AND EXISTS (SELECT 1 FROM app.participant_membership m WHERE m.worker_id = p.worker_id AND m.status = 'Lapsed' AND {Today})",
            _ => "",
        };
        var where = $"""
            (@kecamatan::text IS NULL OR p.kecamatan_code = @kecamatan)
            AND (@desa::text IS NULL OR lower(p.desa) = @desa)
            AND (@occupation::text IS NULL OR p.occupation = @occupation)
            AND (@query = ''
                 OR (@nikHash::bytea IS NOT NULL AND p.nik_hash = @nikHash)
                 OR p.kpj = @query
                 OR (@name <> '' AND (p.name_key LIKE @name || '%' OR p.name_key LIKE '% ' || @name || '%')))
            {coveredFilter}
            """;
        // One pass over the matches: the page and, beside each of its rows, how many match in all.
        await using var connection = await db.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<ParticipantRowView, long, (ParticipantRowView Row, long Total)>($"""
            WITH shown AS (
                SELECT p.*, count(*) OVER () AS total FROM app.participants p
                WHERE {where}
                ORDER BY p.name_key, p.worker_id
                LIMIT @limit OFFSET @offset)
            SELECT p.worker_id AS WorkerId, p.name AS Name, p.nik_masked AS NikMasked, p.kpj AS Kpj, p.kecamatan_code AS KecamatanCode,
                   p.desa AS Desa, p.occupation AS Occupation, p.exit_reason AS ExitReason, p.exit_date AS ExitDate,
                   p.coverage_end AS CoverageEnd,
                   EXISTS (SELECT 1 FROM app.participant_periods x WHERE x.worker_id = p.worker_id AND x.start_date <= @today AND x.end_date >= @today) AS CoveredToday,
                   m.status AS MembershipToday, m.grace_until AS GraceUntil, p.total AS Total
            FROM shown p
            LEFT JOIN app.participant_membership m ON m.worker_id = p.worker_id AND {Today}
            ORDER BY p.name_key, p.worker_id
            """, (row, total) => (row, total), args, splitOn: "Total")).ToList();
        var total = rows.Count > 0 || page == 1
            ? rows.FirstOrDefault().Total
            : await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM app.participants p WHERE {where}", args); // a page past the end
        return new ParticipantPage([.. rows.Select(r => r.Row)], total, page, size);
    }

    private const string Today = "m.start_date <= @today AND (m.end_date IS NULL OR m.end_date >= @today)";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed class AuditEntry
{
    public DateTime At { get; init; }
    public string UserName { get; init; } = "";
    public string Action { get; init; } = "";
}

public sealed class AccessEntry
{
    public DateTime At { get; init; }
    public string UserName { get; init; } = "";
    public string Roles { get; init; } = "";
    public Guid WorkerId { get; init; }
    public string? WorkerName { get; init; }
    public string Action { get; init; } = "";
}

/// <summary>Who looked at whom (append-only), and a worker's audit trail for the history page.</summary>
public sealed class AccessLog(NpgsqlDataSource db)
{
    public async Task RecordAsync(string userName, IEnumerable<string> roles, Guid workerId, string action)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO app.access_log (user_name, roles, worker_id, action) VALUES (@userName, @roles, @workerId, @action)",
            new { userName, roles = string.Join(",", roles.Order(StringComparer.Ordinal)), workerId, action });
    }

    public async Task<IReadOnlyList<AccessEntry>> RecentAsync(string? role, Guid? workerId, int limit = 200)
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<AccessEntry>("""
            SELECT a.at AS At, a.user_name AS UserName, a.roles AS Roles, a.worker_id AS WorkerId, p.name AS WorkerName, a.action AS Action
            FROM app.access_log a LEFT JOIN app.participants p ON p.worker_id = a.worker_id
            WHERE (@role::text IS NULL OR a.roles LIKE '%' || @role || '%') AND (@workerId::uuid IS NULL OR a.worker_id = @workerId)
            ORDER BY a.at DESC, a.id DESC LIMIT @limit
            """, new { role, workerId, limit })];
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditTrailAsync(Guid workerId, int limit = 200)
    {
        await using var connection = await db.OpenConnectionAsync();
        return [.. await connection.QueryAsync<AuditEntry>("""
            SELECT at AS At, user_name AS UserName, action AS Action FROM app.audit_log
            WHERE subject_type = 'worker' AND subject_id = @id ORDER BY at DESC, id DESC LIMIT @limit
            """, new { id = workerId.ToString(), limit })];
    }
}
