using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Family;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Renewal;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Claims;
using Kapuas.Infrastructure.Database;
using Kapuas.Infrastructure.Identity;
using Kapuas.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kapuas.Integration.Tests;

/// <summary>
/// The restore drill: an installation with agreements, a renewal, claims with scans, family, users and API keys is
/// backed up by the real command while a silo keeps serving writes, restored by the real command into a fresh database
/// with an empty data folder, and a silo and an Admin started on it, both connected as an application role without DDL
/// rights. Everything read through the Admin's API and from the tables is equal, every write acknowledged before the
/// backup began is there, and the restored installation takes new writes.
/// </summary>
public sealed partial class RestoreDrillTests : IAsyncLifetime
{
    private const string AdminPassword = "Rahasia-Drill-2026";
    private readonly PostgresDatabase source = new();
    private readonly PostgresDatabase restored = new(migrate: false);
    private readonly TestClusterIds ids = TestClusterIds.New();
    private readonly string role = $"kapuas_app_{Guid.NewGuid():N}"[..24];
    private readonly string folder = Path.Combine(TestPaths.DataDirectory(), $"drill-{Guid.NewGuid():N}"[..20]);

    public async Task InitializeAsync()
    {
        await source.InitializeAsync();
        await restored.InitializeAsync();
        await PostgresDatabase.ExecuteAsync(Maintenance, $"CREATE ROLE \"{role}\" LOGIN PASSWORD 'drill-app-password'");
    }

    public async Task DisposeAsync()
    {
        await source.DisposeAsync();
        await restored.DisposeAsync();
        await PostgresDatabase.ExecuteAsync(Maintenance, $"DROP ROLE IF EXISTS \"{role}\"");
    }

    private string Maintenance => KapuasDatabase.WithDatabase(source.ConnectionString, "postgres");

    [Fact]
    public async Task A_backup_taken_while_writes_go_on_restores_every_record_and_the_restored_installation_serves()
    {
        // 1. An installation with a history: two PKS years and a renewal between them, family, claims with scans.
        var renewal = await TestJobs.ApprovedRenewalAsync(ids, source.ConnectionString, "DR25", "DR26", 30, seed: 16);
        var silo = await TestSilo.StartAsync(ids, source.ConnectionString, jobWorkers: 0);
        await using var sourceAdmin = await SiloProcess.StartAdminAsync(ids, source.ConnectionString, AdminPassword);
        var workers = (await ParticipantsAsync(source.ConnectionString)).ToList();
        var scans = new Dictionary<Guid, byte[]>();
        var claims = new List<(Guid Worker, Guid Claim)>();
        try
        {
            await silo.Services.GetRequiredService<IRenewalJob>().RunAsync(renewal, "operator", CancellationToken.None);
            await using var data = NpgsqlDataSource.Create(source.ConnectionString);
            var claimStore = new ClaimStore(data, TimeProvider.System);
            foreach (var id in workers.Take(4))
            {
                var worker = silo.Grains.GetGrain<IWorkerGrain>(id);
                var at = DateTimeOffset.UtcNow.AddDays(-2);
                (await worker.SaveFamilyMemberAsync(new FamilyMemberInput(null, "Anak Drill", null, Relationship.Child, new DateOnly(2015, 3, 3), SchoolLevel.Sd, false, false),
                    TestData.Context("sari", at))).Expect();
                var claim = (await worker.OpenClaimAsync(new ClaimIntakeInput(ClaimType.JkkAccident, at, "Ladang", "Terluka saat bekerja", false, false,
                    ReporterKind.Family, "Keluarga", "081200000000"), TestData.Context("sari", at))).Expect();
                (await worker.RecordClaimDocumentAsync(claim.Id, new DocumentInput(DocumentKind.WorkerKtp, DateOnly.FromDateTime(at.Date), true, "asli dilihat"),
                    TestData.Context("sari", at))).Expect();
                var scan = Guid.CreateVersion7();
                var bytes = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% scan of {id}\n").Concat(Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))).ToArray();
                await claimStore.SaveAttachmentAsync(scan, id, claim.Id, DocumentKind.WorkerKtp, "ktp.pdf", AttachmentType.Pdf, bytes, "sari");
                (await worker.AttachClaimDocumentAsync(claim.Id, new AttachmentInput(DocumentKind.WorkerKtp, scan, "ktp.pdf", AttachmentType.Pdf, bytes.Length),
                    TestData.Context("sari", at))).Expect();
                scans[scan] = bytes;
                claims.Add((id, claim.Id));
            }

            // A second user's key and a revoked one, besides the administrator's.
            var keys = new ApiKeyStore(data, TimeProvider.System);
            var adminId = await source.ScalarAsync<Guid>("SELECT id FROM app.users WHERE user_name = 'admin'");
            var apiKey = await keys.IssueAsync(adminId, "drill", "admin");
            var revoked = await keys.IssueAsync(adminId, "old", "admin");
            Assert.True(await keys.RevokeAsync(adminId, (await keys.ListAsync(adminId)).Single(k => revoked.StartsWith(k.Prefix, StringComparison.Ordinal)).KeyId));

            // 2. What the Admin shows before the backup.
            using var before = Api(sourceAdmin.HealthPort, apiKey);
            var views = new Dictionary<string, string>();
            foreach (var id in workers)
            {
                views[$"/api/workers/{id}"] = await before.GetStringAsync($"/api/workers/{id}");
                views[$"/api/workers/{id}/family"] = await before.GetStringAsync($"/api/workers/{id}/family");
            }

            foreach (var (worker, claim) in claims)
            {
                views[$"/api/workers/{worker}/claims/{claim}"] = await before.GetStringAsync($"/api/workers/{worker}/claims/{claim}");
            }

            var nik = await silo.Grains.GetGrain<IWorkerGrain>(workers[0]).GetNikAsync();

            // 3. Writes go on while the backup runs: each acknowledged registration is noted with its time.
            var acknowledged = new ConcurrentQueue<(Guid Id, DateTimeOffset At)>();
            using var stop = new CancellationTokenSource();
            var writer = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var id = Guid.CreateVersion7();
                    (await silo.Grains.GetGrain<IWorkerGrain>(id).RegisterAsync(TestData.Profile($"Pekerja Saat Cadangan {i:D3}", Sex.Male), TestData.Context())).Expect();
                    acknowledged.Enqueue((id, DateTimeOffset.UtcNow));
                    await Task.Delay(20);
                }
            });
            await Eventually.UntilAsync(() => Task.FromResult(acknowledged.Count >= 5), TimeSpan.FromSeconds(30), "writes are acknowledged");
            var tables = await TablesAsync(source.ConnectionString);
            var backupStarted = DateTimeOffset.UtcNow;
            var backupFile = Path.Combine(folder, "drill.backup");
            var backup = await SiloProcess.CommandAsync(source.ConnectionString, TestPaths.DataDirectory(), TestData.NikKey, "backup", "--to", backupFile);
            await Eventually.UntilAsync(() => Task.FromResult(acknowledged.Any(a => a.At > DateTimeOffset.UtcNow.AddMilliseconds(-100))), TimeSpan.FromSeconds(10), "writes go on after the backup");
            await stop.CancelAsync();
            await writer;
            Assert.True(backup.ExitCode == 0, backup.All);
            var writtenBefore = acknowledged.Where(a => a.At < backupStarted).Select(a => a.Id).ToList();
            Assert.True(writtenBefore.Count >= 5);

            // 4. Restored by the owner into a fresh database and an empty data folder; the application role gets its rights.
            var restoredData = Path.Combine(folder, "restored-data");
            var restore = await SiloProcess.CommandAsync(restored.ConnectionString, restoredData, null, "restore", "--from", backupFile, "--grant-to", role);
            Assert.True(restore.ExitCode == 0, restore.All);
            Assert.Equal(TestData.NikKey, (await File.ReadAllTextAsync(Path.Combine(restoredData, "secrets", "nik-fingerprint.key"))).Trim());
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(restoredData, "keys"), "*.xml"));

            // 5. A silo and an Admin on the restored database, as the application role, with the restored secrets.
            var appConnection = new NpgsqlConnectionStringBuilder(restored.ConnectionString) { Username = role, Password = "drill-app-password" }.ConnectionString;
            var restoredIds = ids with { ClusterId = $"r-{Guid.NewGuid():N}"[..14] };
            var siloPort = TestSilo.FreePort();
            await using var restoredSilo = new SiloProcess(SiloProcess.SiloEnvironment(restoredIds, appConnection, siloPort, restoredData, nikKey: null), siloPort);
            await restoredSilo.RestartAsync();
            var adminPort = TestSilo.FreePort();
            await using var restoredAdmin = new SiloProcess(
                SiloProcess.AdminEnvironment(restoredIds, appConnection, "Another-Password-1", adminPort, restoredData, nikKey: null), adminPort, SiloProcess.AdminProgram);
            await restoredAdmin.RestartAsync();

            // 6. Equal: every worker view, family, claim (as the API shows them, through the restored key), scan, table row.
            using var after = Api(adminPort, apiKey);
            foreach (var (path, json) in views)
            {
                Assert.Equal(WithoutRunningClocks(json), WithoutRunningClocks(await after.GetStringAsync(path)));
            }

            await using var restoredDataSource = NpgsqlDataSource.Create(restored.ConnectionString);
            var restoredClaims = new ClaimStore(restoredDataSource, TimeProvider.System);
            foreach (var (worker, claim) in claims)
            {
                using var view = JsonDocument.Parse(await after.GetStringAsync($"/api/workers/{worker}/claims/{claim}"));
                var attachment = view.RootElement.GetProperty("documents").EnumerateArray()
                    .Single(d => d.GetProperty("kind").GetString() == nameof(DocumentKind.WorkerKtp))
                    .GetProperty("attachments").EnumerateArray().Single().GetProperty("id").GetGuid();
                var file = await restoredClaims.AttachmentAsync(worker, claim, attachment);
                Assert.True(file is not null, $"the scan of claim {claim} is missing after the restore");
                Assert.Equal(scans[attachment], file.Content);
            }

            var restoredTables = await TablesAsync(restored.ConnectionString);
            foreach (var (table, rows) in tables)
            {
                Assert.True(rows.ToHashSet().IsSubsetOf(restoredTables[table]), $"{table}: a row written before the backup is missing or changed");
            }

            foreach (var id in writtenBefore)
            {
                Assert.Equal(HttpStatusCode.OK, (await after.GetAsync($"/api/workers/{id}")).StatusCode);
            }

            // The NIK key came back: a NIK is found again. The revoked key stays revoked.
            var found = await (await after.PostAsJsonAsync("/api/workers/search", new { query = nik }, Wire)).Content.ReadAsStringAsync();
            Assert.Contains(workers[0].ToString(), found, StringComparison.Ordinal);
            using var old = Api(adminPort, revoked);
            Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync($"/api/workers/{workers[0]}")).StatusCode);

            // 7. The restored installation takes writes as the application role, which may not change the schema.
            var registered = await after.PostAsJsonAsync("/api/workers", TestData.Profile("Pekerja Sesudah Pemulihan"), Wire);
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            var ddl = await Assert.ThrowsAsync<PostgresException>(() => PostgresDatabase.ExecuteAsync(appConnection, "CREATE TABLE app.intruder (x int)"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ddl.SqlState);
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    /// <summary>
    /// A view without how late a claim's overdue clock is now ("terlambat 0 jam 1 menit"): that text is worked out from
    /// the time of reading, not stored, and the views before and after the restore are read a minute or more apart.
    /// </summary>
    private static string WithoutRunningClocks(string json) => LateBy().Replace(json, "terlambat …");

    [System.Text.RegularExpressions.GeneratedRegex(@"terlambat \d+ (?:hari \d+ jam|jam \d+ menit)")]
    private static partial System.Text.RegularExpressions.Regex LateBy();

    /// <summary>Each table whose rows are data (not run-time state), as the rows' text, keyed by table.</summary>
    private static async Task<Dictionary<string, List<string>>> TablesAsync(string connectionString)
    {
        string[] tables =
        [
            "app.users", "app.user_roles", "app.audit_log", "app.agreements", "app.participants", "app.participant_periods",
            "app.claims", "app.renewals", "app.renewal_items", "orleans.orleansstorage",
        ];
        var result = new Dictionary<string, List<string>>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT row_to_json(t)::text FROM {table} t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }

            result[table] = rows;
        }

        // API keys without their last use, which the drill's own calls change.
        await using (var keys = new NpgsqlCommand("SELECT (to_jsonb(k) - 'last_used_at')::text FROM app.api_keys k", connection))
        await using (var reader = await keys.ExecuteReaderAsync())
        {
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }

            result["app.api_keys"] = rows;
        }

        return result;
    }

    private static async Task<IReadOnlyList<Guid>> ParticipantsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("SELECT worker_id FROM app.participants ORDER BY worker_id", connection);
        await using var reader = await select.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static HttpClient Api(int port, string key)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add(ApiKeyStore.Header, key);
        return http;
    }

    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
}
