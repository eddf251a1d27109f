using System.Text;
using Kapuas.Domain.Demo;
using Kapuas.Domain.Identity;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Imports;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Import;
using Kapuas.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kapuas.Integration.Tests;

/// <summary>The import commit job and the demo seed job, stopped midway and run again.</summary>
public sealed class ImportCommitJobTests : SiloOnPostgres
{
    [Fact]
    public async Task A_commit_stopped_midway_completes_on_the_rerun_without_duplicates()
    {
        var agreement = Silo.Grains.GetGrain<IAgreementGrain>("PKS-KILL");
        (await agreement.DefineAsync(TestData.Agreement2026(quota: 2_000), TestData.Context("admin"))).Expect();
        (await agreement.ChangeStatusAsync(Domain.Agreements.AgreementStatus.Signed, TestData.Context("admin"))).Expect();

        const int rows = 1_200;
        var file = new StringBuilder("NIK,Nama,Jenis Kelamin,Tanggal Lahir,Kecamatan,Desa,Pekerjaan\n");
        for (var i = 0; i < rows; i++)
        {
            file.Append(TestData.Nik(Sex.Female, new DateOnly(1990, 3, 7))).Append($",Pekerja {i},P,07/03/1990,Kapuas Hilir,Barimba,Nelayan\n");
        }

        var bytes = Encoding.UTF8.GetBytes(file.ToString());
        var store = Silo.Services.GetRequiredService<ImportStore>();
        var preview = new RosterImportService(Silo.Services.GetRequiredService<NpgsqlDataSource>(), store, Silo.Services.GetRequiredService<NikFingerprinter>());
        var batch = (await preview.PreviewAsync(new MemoryStream(bytes), "besar.csv", bytes.Length, "PKS-KILL", "admin", TestData.Now)).Value;
        Assert.True(await store.QueueAsync(batch, "admin"));

        var job = Silo.Services.GetRequiredService<IImportCommitJob>();
        using var stop = new CancellationTokenSource();
        var firstRun = job.RunAsync(batch, stop.Token);
        await Eventually.UntilAsync(async () => await Database.ScalarAsync<long>("SELECT count(*) FROM app.participants") >= 300, TimeSpan.FromSeconds(60), "300 rows done");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstRun);
        var afterStop = await Database.ScalarAsync<long>($"SELECT count(*) FROM app.import_rows WHERE batch_id = '{batch}' AND status = 'pending'");
        Assert.InRange(afterStop, 1, rows - 300);

        await job.RunAsync(batch, CancellationToken.None);

        Assert.Equal(0L, await Database.ScalarAsync<long>($"SELECT count(*) FROM app.import_rows WHERE batch_id = '{batch}' AND status <> 'done'"));
        Assert.Equal(rows, await Database.ScalarAsync<long>("SELECT count(*) FROM app.participants"));
        Assert.Equal(rows, await Database.ScalarAsync<long>("SELECT count(*) FROM app.nik_registry"));
        Assert.Equal(rows, await Database.ScalarAsync<long>("SELECT count(*) FROM app.agreement_enrolments WHERE agreement_id = 'PKS-KILL'"));
        Assert.Equal(rows, await Database.ScalarAsync<long>("SELECT count(*) FROM app.audit_log WHERE action = 'worker.registered'"));
        Assert.Equal(rows, await Database.ScalarAsync<long>("SELECT count(*) FROM app.audit_log WHERE action = 'worker.enrolled'"));
        Assert.Equal("completed", await Database.ScalarAsync<string>($"SELECT status FROM app.import_batches WHERE batch_id = '{batch}'"));
        Assert.Equal(0L, await Database.ScalarAsync<long>($"SELECT count(*) FROM app.import_rows WHERE batch_id = '{batch}' AND payload IS NOT NULL"));
        Assert.Equal(rows, (await agreement.GetAsync())!.Enrolled);
    }

    [Fact]
    public async Task A_row_refused_at_commit_gives_back_the_quota_place_taken_for_it()
    {
        var agreement = Silo.Grains.GetGrain<IAgreementGrain>("PKS-REFUSED");
        (await agreement.DefineAsync(TestData.Agreement2026(quota: 10), TestData.Context("admin"))).Expect();
        (await agreement.ChangeStatusAsync(Domain.Agreements.AgreementStatus.Signed, TestData.Context("admin"))).Expect();

        var niks = Enumerable.Range(0, 3).Select(_ => TestData.Nik(Sex.Female, new DateOnly(1990, 3, 7))).ToList();
        var file = new StringBuilder("NIK,Nama,Jenis Kelamin,Tanggal Lahir,Kecamatan,Desa,Pekerjaan\n");
        for (var i = 0; i < niks.Count; i++)
        {
            file.Append(niks[i]).Append($",Pekerja {i},P,07/03/1990,Kapuas Hilir,Barimba,Nelayan\n");
        }

        var bytes = Encoding.UTF8.GetBytes(file.ToString());
        var store = Silo.Services.GetRequiredService<ImportStore>();
        var preview = new RosterImportService(Silo.Services.GetRequiredService<NpgsqlDataSource>(), store, Silo.Services.GetRequiredService<NikFingerprinter>());
        var batch = (await preview.PreviewAsync(new MemoryStream(bytes), "tiga.csv", bytes.Length, "PKS-REFUSED", "admin", TestData.Now)).Value;

        // Between the preview and the commit a caseworker registers the second row's person by hand: that row is refused.
        (await Silo.Grains.GetGrain<IWorkerGrain>(Guid.NewGuid()).RegisterAsync(TestData.Profile("Didaftar Manual", Sex.Female, niks[1]), TestData.Context())).Expect();
        Assert.True(await store.QueueAsync(batch, "admin"));
        await Silo.Services.GetRequiredService<IImportCommitJob>().RunAsync(batch, CancellationToken.None);

        Assert.Equal(1L, await Database.ScalarAsync<long>($"SELECT count(*) FROM app.import_rows WHERE batch_id = '{batch}' AND status = 'failed'"));
        Assert.Equal(2, (await agreement.GetAsync())!.Enrolled);
        Assert.Equal(2L, await Database.ScalarAsync<long>("SELECT count(*) FROM app.agreement_enrolments WHERE agreement_id = 'PKS-REFUSED'"));
    }

    [Fact]
    public async Task The_seed_command_refuses_a_database_that_holds_other_workers_and_enqueues_nothing()
    {
        var id = Guid.CreateVersion7();
        (await Silo.Grains.GetGrain<IWorkerGrain>(id).RegisterAsync(TestData.Profile("Bukan Demo", Sex.Female, TestData.Nik(Sex.Female, new DateOnly(1991, 2, 3))), TestData.Context())).Expect();
        await Eventually.UntilAsync(async () => await Database.ScalarAsync<long>("SELECT count(*) FROM app.participants") == 1, TimeSpan.FromSeconds(30), "the worker is in the read model");

        var (code, output) = await SeedAsync("--workers", "10", "--seed", "5");
        Assert.True(code == 1, output);
        Assert.Contains("sudah berisi 1 peserta", output, StringComparison.Ordinal);
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%IDemoSeedJob%'"));

        (code, output) = await SeedAsync("--if-empty", "--workers", "10");
        Assert.True(code == 0, output);
        Assert.Contains("Data demo tidak dibuat", output, StringComparison.Ordinal);
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%IDemoSeedJob%'"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT count(*) FROM app.participants"));
    }

    /// <summary>The silo's seed command as a user runs it (the Debug build ./test.sh made), on this test's database.</summary>
    private async Task<(int Code, string Output)> SeedAsync(params string[] arguments)
    {
        var run = await TestProcess.RunAsync("dotnet", [SiloProcess.Dll(SiloProcess.SiloProgram), "seed", .. arguments],
            new Dictionary<string, string> { ["KAPUAS_DB"] = Database.ConnectionString }, TimeSpan.FromSeconds(60));
        return (run.ExitCode, run.All);
    }

    [Fact]
    public async Task The_demo_seed_run_twice_adds_nothing_the_second_time_and_tells_the_continuity_story()
    {
        var job = Silo.Services.GetRequiredService<IDemoSeedJob>();

        await job.RunAsync(300, 7, CancellationToken.None);
        var first = await SnapshotAsync();
        await job.RunAsync(300, 7, CancellationToken.None);

        Assert.Equal(300L, await Database.ScalarAsync<long>("SELECT count(*) FROM app.participants"));
        Assert.Equal(first, await SnapshotAsync());
        Assert.True(await Database.ScalarAsync<long>("SELECT count(*) FROM app.participants WHERE exit_reason IS NOT NULL") > 0);
        Assert.Equal(
            await Database.ScalarAsync<long>("SELECT count(*) FROM app.participants WHERE exit_reason = 'Died'"),
            await Database.ScalarAsync<long>("SELECT count(*) FROM app.claims WHERE claim_type = 'JkmDeath'"));
        Assert.True(await Database.ScalarAsync<long>("SELECT count(*) FROM app.claims WHERE claim_type = 'JkkAccident'") > 0);
        Assert.True(await Database.ScalarAsync<long>("SELECT count(*) FROM app.participants WHERE NOT nik_kapuas") > 0);
        Assert.Equal(17L, await Database.ScalarAsync<long>("SELECT count(DISTINCT kecamatan_code) FROM app.participants"));
        Assert.Equal("Closed", await Database.ScalarAsync<string>("SELECT status FROM app.agreements WHERE agreement_id = 'PKS-2025'"));
        Assert.Equal("Active", await Database.ScalarAsync<string>("SELECT status FROM app.agreements WHERE agreement_id = 'PKS-2026'"));
        // The continuity story: the 2027 PKS signed late, one renewal preview offering to bridge January 2027, and the
        // 2025 alerts replayed once each (90/60/30/7 days before 30/09/2025, and the cohort entering grace).
        Assert.Equal("Signed", await Database.ScalarAsync<string>("SELECT status FROM app.agreements WHERE agreement_id = 'PKS-2027'"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT count(*) FROM app.renewals WHERE to_agreement = 'PKS-2027' AND bridgeable_workers > 0"));
        Assert.Equal(5L, await Database.ScalarAsync<long>("SELECT count(*) FROM app.continuity_alerts WHERE agreement_id = 'PKS-2025' AND acknowledged_at IS NOT NULL"));
        Assert.True(await Database.ScalarAsync<long>("SELECT count(*) FROM app.participant_membership WHERE status = 'InGrace' AND start_date = '2025-10-01'") > 0);
        // Two villages pay for their residents from their APBDes; the residents the regency covers too are held as
        // double cover and the check found each of them.
        Assert.Equal(2L, await Database.ScalarAsync<long>("SELECT count(*) FROM app.agreements WHERE payer = 'Apbdes' AND payer_desa IS NOT NULL"));
        var held = await Database.ScalarAsync<long>("SELECT count(DISTINCT worker_id) FROM app.participant_held_covers");
        Assert.InRange(held, 2L, 6L);
        Assert.Equal(held, await Database.ScalarAsync<long>("SELECT count(DISTINCT worker_id) FROM app.double_cover_findings WHERE held"));
        var sample = DemoRoster.Generate(300, 7, new DateOnly(2026, 11, 29)).First();
        Assert.NotNull(await Silo.Grains.GetGrain<IWorkerGrain>(sample.Id).GetAsync(new DateOnly(2026, 11, 29)));
    }

    private async Task<string> SnapshotAsync() =>
        await Database.ScalarAsync<string>(
            "SELECT string_agg(worker_id::text || name || version::text || coalesce(coverage_end::text, ''), ',' ORDER BY worker_id) FROM app.participants") ?? "";
}
