using System.Text.Json;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Family;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Common;
using Kapuas.Grains.Workers;
using Kapuas.Testing;
using Npgsql;

namespace Kapuas.Integration.Tests;

/// <summary>
/// Grain state written by an earlier version still loads. The fixture holds the Orleans storage rows (payload bytes
/// and keys) of two agreements and a worker with history, family, claims (documents, a scan, moves) and an exit,
/// written by the version of 2026-11-30 before the worker grain was restructured. They are put into a fresh database
/// and the grains read them back through today's code; what the views show must be what was written. A stored field
/// whose type or id changes fails here.
/// Writing the fixture again (only when the stored format is meant to change, with a migration):
/// <c>KAPUAS_WRITE_STATE_FIXTURES=1</c> before running this test.
/// </summary>
public sealed class StoredStateCompatibilityTests : SiloOnPostgres
{
    private const string FixtureName = "2026-11-30.json";
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset WrittenAt = new(2026, 7, 20, 3, 0, 0, TimeSpan.Zero);

    private sealed record StoredRow(string GrainType, long N0, long N1, string? Extension, int GrainHash, int TypeHash, string Payload, int Version);

    private sealed record Fixture(Guid WorkerId, Guid ClaimId, Guid AttachmentId, IReadOnlyList<StoredRow> Rows);

    private static string FixturePath() => Path.Combine(SiloProcess.RepositoryRoot(), "tests", "Kapuas.Integration.Tests", "StoredState", FixtureName);

    [Fact]
    public async Task States_written_by_the_earlier_version_load_with_every_field()
    {
        if (Environment.GetEnvironmentVariable("KAPUAS_WRITE_STATE_FIXTURES") == "1")
        {
            await WriteFixtureAsync();
            await Database.ScalarAsync<long>("WITH gone AS (DELETE FROM orleans.orleansstorage RETURNING 1) SELECT count(*) FROM gone");
            await RestartSiloAsync();
        }

        Assert.True(File.Exists(FixturePath()), $"No fixture at {FixturePath()}");
        var fixture = JsonSerializer.Deserialize<Fixture>(await File.ReadAllTextAsync(FixturePath()))!;
        Assert.Equal(["agreement", "agreement", "worker"], fixture.Rows.Select(r => r.GrainType[(r.GrainType.LastIndexOf('.') + 1)..].ToLowerInvariant()).Order());
        await using (var connection = new NpgsqlConnection(Database.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var row in fixture.Rows)
            {
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO orleans.orleansstorage (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring, grainidhash, graintypehash, payloadbinary, version)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                    """, connection);
                foreach (var value in new object?[] { Ids.ServiceId, row.GrainType, row.N0, row.N1, row.Extension, row.GrainHash, row.TypeHash, Convert.FromBase64String(row.Payload), row.Version })
                {
                    insert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
                }

                await insert.ExecuteNonQueryAsync();
            }
        }

        var earlier = (await Silo.Grains.GetGrain<IAgreementGrain>("ST25").GetAsync())!;
        Assert.Equal("400.7/96/DINSOS/2025", earlier.Terms.Number);
        Assert.Equal(new DateOnly(2025, 3, 1), earlier.Terms.Start);
        Assert.Equal(AgreementStatus.Closed, earlier.Status);
        Assert.Equal(TestData.Agreement2025(quota: 50), earlier.Terms);
        var current = (await Silo.Grains.GetGrain<IAgreementGrain>("ST26").GetAsync())!;
        Assert.Equal(AgreementStatus.Active, current.Status);
        Assert.Equal(TestData.Agreement2026(quota: 50), current.Terms); // (its enrolled count comes from the roster tables, not the state)

        var worker = (await Silo.Grains.GetGrain<IWorkerGrain>(fixture.WorkerId).GetAsync(new DateOnly(2026, 7, 20)))!;
        Assert.Equal("Rusdi Tersimpan", worker.Name);
        Assert.Equal(Sex.Male, worker.Sex);
        Assert.Equal(new DateOnly(1988, 4, 12), worker.BirthDate);
        Assert.Equal("Selat Hulu", worker.Desa);
        Assert.Equal("12345678901", worker.Kpj);
        Assert.Equal(
            ["2020-01-01..2020-12-31 SelfPaid -", "2025-03-01..2025-09-30 ApbdKabupaten ST25", "2026-01-01..2026-12-31 ApbdKabupaten ST26"],
            worker.Periods.Select(p => $"{p.Start:yyyy-MM-dd}..{p.End:yyyy-MM-dd} {p.Funding} {p.AgreementId ?? "-"}"));
        Assert.Equal(new DateOnly(2026, 7, 15), worker.Periods[^1].EffectiveEnd);
        Assert.Equal(ExitReason.MovedAway, worker.Exit!.Reason);
        Assert.Equal(new DateOnly(2026, 7, 15), worker.Exit.Date);
        Assert.Equal("pindah ke Kalimantan Selatan", worker.Exit.Note);
        Assert.Equal(["Nia Child 2016-02-02 Sd", "Wati Spouse - NotYetInSchool"],
            worker.Family.Select(f => $"{f.Name} {f.Relationship} {f.BirthDate?.ToString("yyyy-MM-dd") ?? "-"} {f.Level}").Order());
        Assert.Equal(new DateOnly(2025, 2, 1), DateOnly.FromDateTime(worker.RegisteredAt.ToOffset(Wib).DateTime));

        var claim = (await Silo.Grains.GetGrain<IWorkerGrain>(fixture.WorkerId).GetClaimAsync(fixture.ClaimId, WrittenAt))!;
        Assert.Equal(ClaimType.JkkAccident, claim.Type);
        Assert.Equal(ClaimState.DocumentsIncomplete, claim.State);
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 8, 0, 0, Wib), claim.Incident.At);
        Assert.Equal("Sungai Kapuas, Desa Selat Hulu", claim.Incident.Place);
        Assert.Equal("Pak Budi", claim.Incident.ReporterName);
        Assert.Equal(ReporterKind.WorkersGroup, claim.Incident.Reporter);
        Assert.True(claim.CoverageOnIncident.IsCovered);
        Assert.Equal("ST26", claim.CoverageOnIncident.AgreementId);
        var identity = claim.Documents.Single(d => d.Kind == DocumentKind.WorkerKtp);
        Assert.Equal(new DateOnly(2026, 6, 12), identity.ReceivedOn);
        Assert.True(identity.OriginalSighted);
        Assert.Equal("fotokopi dilegalisir", identity.Note);
        var scan = Assert.Single(identity.Attachments);
        Assert.Equal(fixture.AttachmentId, scan.Id);
        Assert.Equal("ktp.pdf", scan.FileName);
        Assert.Equal(2048, scan.Size);
        Assert.Equal([ClaimState.Draft, ClaimState.DocumentsIncomplete], claim.History.Select(h => h.To));
        Assert.Contains(worker.Claims, c => c.Id == fixture.ClaimId && c.State == ClaimState.DocumentsIncomplete);
    }

    /// <summary>The story the fixture holds, through today's grains; then their storage rows, as they are in PostgreSQL.</summary>
    private async Task WriteFixtureAsync()
    {
        var registered = new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero);
        await TestRoster.SignedAgreementAsync(Silo.Grains, "ST25", TestData.Agreement2025(quota: 50));
        var current = await TestRoster.SignedAgreementAsync(Silo.Grains, "ST26", TestData.Agreement2026(quota: 50));
        var id = Guid.CreateVersion7();
        var worker = Silo.Grains.GetGrain<IWorkerGrain>(id);
        (await worker.RegisterAsync(TestData.Profile("Rusdi Tersimpan", Sex.Male, nik: TestData.Nik(Sex.Male, new DateOnly(1988, 4, 12))) with
        {
            Sex = Sex.Male, BirthDate = new DateOnly(1988, 4, 12), Desa = "Selat Hulu", Kpj = "12345678901",
        }, TestData.Context("admin", registered))).Expect();
        (await worker.AddHistoricalPeriodAsync(new HistoricalPeriodInput(new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31), FundingKind.SelfPaid, "mandiri"),
            TestData.Context("admin", registered))).Expect();
        (await worker.EnrollFromStartAsync("ST25", TestData.Context("admin", registered))).Expect();
        (await worker.EnrollFromStartAsync("ST26", TestData.Context("admin", registered))).Expect();
        await Silo.Grains.GetGrain<IAgreementGrain>("ST25").ChangeStatusAsync(AgreementStatus.Active, TestData.Context("admin", registered));
        await Silo.Grains.GetGrain<IAgreementGrain>("ST25").ChangeStatusAsync(AgreementStatus.Closed, TestData.Context("admin", registered));
        await current.ChangeStatusAsync(AgreementStatus.Active, TestData.Context("admin", registered));
        (await worker.SaveFamilyMemberAsync(new FamilyMemberInput(null, "Wati", null, Relationship.Spouse, null, SchoolLevel.NotYetInSchool, true, false), TestData.Context("sari", WrittenAt))).Expect();
        (await worker.SaveFamilyMemberAsync(new FamilyMemberInput(null, "Nia", null, Relationship.Child, new DateOnly(2016, 2, 2), SchoolLevel.Sd, false, false), TestData.Context("sari", WrittenAt))).Expect();

        var claim = (await worker.OpenClaimAsync(new ClaimIntakeInput(ClaimType.JkkAccident, new DateTimeOffset(2026, 6, 10, 8, 0, 0, Wib), "Sungai Kapuas, Desa Selat Hulu",
            "Perahu terbalik saat menjala ikan", false, false, ReporterKind.WorkersGroup, "Pak Budi", "081234567890"), TestData.Context("sari", WrittenAt))).Expect();
        (await worker.RecordClaimDocumentAsync(claim.Id, new DocumentInput(DocumentKind.WorkerKtp, new DateOnly(2026, 6, 12), true, "fotokopi dilegalisir"), TestData.Context("sari", WrittenAt))).Expect();
        var attachment = Guid.CreateVersion7();
        (await worker.AttachClaimDocumentAsync(claim.Id, new AttachmentInput(DocumentKind.WorkerKtp, attachment, "ktp.pdf", AttachmentType.Pdf, 2048), TestData.Context("sari", WrittenAt))).Expect();
        (await worker.MoveClaimAsync(claim.Id, new TransitionInput(ClaimState.DocumentsIncomplete, Reason: "menunggu surat keterangan"), TestData.Context("sari", WrittenAt))).Expect();
        (await worker.RecordExitAsync(new ExitInput(ExitReason.MovedAway, new DateOnly(2026, 7, 15), "pindah ke Kalimantan Selatan"), TestData.Context("admin", WrittenAt))).Expect();

        var rows = new List<StoredRow>();
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("""
            SELECT graintypestring, grainidn0, grainidn1, grainidextensionstring, grainidhash, graintypehash, payloadbinary, version
            FROM orleans.orleansstorage WHERE serviceid = $1 AND (graintypestring ILIKE '%worker%' OR graintypestring ILIKE '%agreement%')
            ORDER BY graintypestring, grainidextensionstring
            """, connection);
        select.Parameters.Add(new NpgsqlParameter { Value = Ids.ServiceId });
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(new StoredRow(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetInt32(4), reader.GetInt32(5), Convert.ToBase64String((byte[])reader[6]), reader.GetInt32(7)));
            }
        }

        await File.WriteAllTextAsync(FixturePath(), JsonSerializer.Serialize(new Fixture(id, claim.Id, attachment, rows), new JsonSerializerOptions { WriteIndented = true }));
    }
}
