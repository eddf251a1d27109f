using Dapper;
using Kapuas.Admin.Identity;
using Kapuas.Domain.Identity;
using Kapuas.Domain.Regions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Kapuas.Admin.Pages.Workers;

/// <summary>
/// Finding a worker by NIK, KPJ or name. The search is posted, never put in the address: a NIK must not end up in a
/// URL, a browser history or a request log.
/// </summary>
[Authorize(Policy = Policies.Reader)]
public sealed class IndexModel(NpgsqlDataSource db, NikFingerprinter fingerprinter) : PageModel
{
    public const int MaxQuery = 100;

    [BindProperty]
    public string? Query { get; set; }

    [BindProperty]
    public string? Kecamatan { get; set; }

    public IReadOnlyList<WorkerListRow>? Results { get; private set; }

    public IReadOnlyList<Kecamatan> Kecamatans => Domain.Regions.Kecamatan.All;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var query = Query?.Trim() ?? "";
        if (query.Length > MaxQuery)
        {
            ModelState.AddModelError(nameof(Query), $"Kata pencarian paling panjang {MaxQuery} karakter.");
            return Page();
        }

        var kecamatan = string.IsNullOrWhiteSpace(Kecamatan) ? null : Kecamatan;
        if (kecamatan is not null && !Domain.Regions.Kecamatan.Find(kecamatan).IsSuccess)
        {
            ModelState.AddModelError(nameof(Kecamatan), "Kecamatan tidak dikenal.");
            return Page();
        }

        var digits = new string([.. query.Where(char.IsDigit)]);
        byte[]? nikHash = null;
        if (digits.Length == 16 && digits.Length == query.Replace(" ", "", StringComparison.Ordinal).Length)
        {
            var nik = Nik.Parse(digits);
            if (nik.IsSuccess)
            {
                nikHash = fingerprinter.Fingerprint(nik.Value);
            }
        }

        await using var connection = await db.OpenConnectionAsync();
        Results = [.. await connection.QueryAsync<WorkerListRow>("""
            SELECT worker_id AS WorkerId, name AS Name, nik_masked AS NikMasked, kpj AS Kpj, kecamatan_code AS KecamatanCode, desa AS Desa,
                   exit_reason AS ExitReason, coverage_end AS CoverageEnd
            FROM app.participants
            WHERE (@kecamatan::text IS NULL OR kecamatan_code = @kecamatan)
              AND (@query = ''
                   OR (@nikHash::bytea IS NOT NULL AND nik_hash = @nikHash)
                   OR kpj = @query
                   OR name_key LIKE @namePrefix || '%' OR name_key LIKE '% ' || @namePrefix || '%')
            ORDER BY name_key LIMIT 50
            """, new { kecamatan, query, nikHash, namePrefix = Domain.Workers.WorkerProfile.NameKey(query).Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) })];
        return Page();
    }
}

public sealed class WorkerListRow
{
    public Guid WorkerId { get; init; }
    public string Name { get; init; } = "";
    public string NikMasked { get; init; } = "";
    public string? Kpj { get; init; }
    public string KecamatanCode { get; init; } = "";
    public string Desa { get; init; } = "";
    public string? ExitReason { get; init; }
    public DateTime? CoverageEnd { get; init; }
}
