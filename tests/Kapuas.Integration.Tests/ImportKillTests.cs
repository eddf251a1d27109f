using System.Text;
using Hangfire;
using Kapuas.Domain.Identity;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Imports;
using Kapuas.Infrastructure.Import;
using Kapuas.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kapuas.Integration.Tests;

/// <summary>An import commit whose Hangfire server (the silo process running it) is killed with SIGKILL, then restarted.</summary>
public sealed class ImportKillTests : IAsyncLifetime
{
    private const int Rows = 3_000;
    private readonly PostgresDatabase db = new();
    private readonly TestClusterIds ids = TestClusterIds.New();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task An_import_whose_job_server_is_killed_midway_resumes_to_completion_without_duplicates()
    {
        Guid batch;
        await using (var setup = await TestSilo.StartAsync(ids, db.ConnectionString, jobWorkers: 0))
        {
            await TestRoster.SignedAgreementAsync(setup.Grains, "IK26", TestData.Agreement2026(quota: Rows));
            var file = new StringBuilder("NIK,Nama,Jenis Kelamin,Tanggal Lahir,Kecamatan,Desa,Pekerjaan\n");
            for (var i = 0; i < Rows; i++)
            {
                file.Append(TestData.Nik(Sex.Female, new DateOnly(1990, 3, 7))).Append($",Impor Terputus {i},P,07/03/1990,Kapuas Hilir,Barimba,Nelayan\n");
            }

            var bytes = Encoding.UTF8.GetBytes(file.ToString());
            var store = setup.Services.GetRequiredService<ImportStore>();
            var preview = new RosterImportService(setup.Services.GetRequiredService<NpgsqlDataSource>(), store, setup.Services.GetRequiredService<NikFingerprinter>());
            batch = (await preview.PreviewAsync(new MemoryStream(bytes), "terputus.csv", bytes.Length, "IK26", "admin", TestData.Now)).Value;
            Assert.True(await store.QueueAsync(batch, "admin"));
        }

        await using var silo = await SiloProcess.StartAsync(ids, db.ConnectionString, jobWorkers: 2, invisibilitySeconds: 10);
        TestJobs.Client(db.ConnectionString).Enqueue<IImportCommitJob>(j => j.RunAsync(batch, CancellationToken.None));

        await Eventually.UntilAsync(async () => await db.ScalarAsync<long>("SELECT count(*) FROM app.participants") >= 500, TimeSpan.FromSeconds(120), "500 rows imported");
        silo.Kill();
        Assert.InRange(await db.ScalarAsync<long>("SELECT count(*) FROM app.participants"), 500, Rows - 1);

        await silo.RestartAsync();
        await Eventually.UntilAsync(async () => await db.ScalarAsync<string>($"SELECT status FROM app.import_batches WHERE batch_id = '{batch}'") == "completed",
            TimeSpan.FromSeconds(180), "the import completed after the restart");

        Assert.Equal(Rows, await db.ScalarAsync<long>("SELECT count(*) FROM app.participants"));
        Assert.Equal(Rows, await db.ScalarAsync<long>("SELECT count(*) FROM app.nik_registry"));
        Assert.Equal(Rows, await db.ScalarAsync<long>("SELECT count(*) FROM app.agreement_enrolments WHERE agreement_id = 'IK26'"));
        Assert.Equal(Rows, await db.ScalarAsync<long>("SELECT count(*) FROM app.audit_log WHERE action = 'worker.registered'"));
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM app.import_rows WHERE batch_id = '{batch}' AND status <> 'done'"));
    }
}
