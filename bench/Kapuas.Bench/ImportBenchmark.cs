using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kapuas.Domain.Demo;
using Kapuas.Domain.Identity;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Imports;
using Kapuas.Infrastructure.Import;
using Kapuas.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kapuas.Bench;

/// <summary>Preview and commit of a roster file of N rows into an agreement, on a fresh database.</summary>
public static class ImportBenchmark
{
    public static async Task<int> RunAsync(int rows)
    {
        var db = new PostgresDatabase();
        await db.InitializeAsync();
        try
        {
            await using var silo = await TestSilo.StartAsync(TestClusterIds.New(), db.ConnectionString, jobWorkers: 0);
            var agreement = silo.Grains.GetGrain<IAgreementGrain>("PKS-BENCH");
            (await agreement.DefineAsync(TestData.Agreement2026(quota: rows), TestData.Context("bench"))).Expect();
            (await agreement.ChangeStatusAsync(Domain.Agreements.AgreementStatus.Signed, TestData.Context("bench"))).Expect();

            var csv = new StringBuilder("NIK;Nama;Jenis Kelamin;Tanggal Lahir;Kecamatan;Desa/Kelurahan;Pekerjaan;No HP;KPJ;Sumber Data\n");
            foreach (var w in DemoRoster.Generate(rows, 1, new DateOnly(2026, 11, 29)))
            {
                var p = w.Profile;
                csv.Append(CultureInfo.InvariantCulture, $"{p.Nik};{p.Name};{(p.Sex == Domain.Workers.Sex.Female ? "P" : "L")};{p.BirthDate:dd/MM/yyyy};{p.Kecamatan};{p.Desa};{p.Occupation};{p.Phone};{p.Kpj};{p.Source}\n");
            }

            var bytes = Encoding.UTF8.GetBytes(csv.ToString());
            var store = silo.Services.GetRequiredService<ImportStore>();
            var service = new RosterImportService(silo.Services.GetRequiredService<NpgsqlDataSource>(), store, silo.Services.GetRequiredService<NikFingerprinter>());

            var clock = Stopwatch.StartNew();
            var batch = (await service.PreviewAsync(new MemoryStream(bytes), "bench.csv", bytes.Length, "PKS-BENCH", "bench", DateTimeOffset.UtcNow)).Value;
            var preview = clock.Elapsed;

            await StatementProfile.ResetAsync(db.ConnectionString);

            clock.Restart();
            var cpu = new CpuMeter();
            await store.QueueAsync(batch, "bench");
            await silo.Services.GetRequiredService<IImportCommitJob>().RunAsync(batch, CancellationToken.None);
            var commit = clock.Elapsed;
            var cpuReport = cpu.Report(commit, rows, "row");

            var summary = await store.GetAsync(batch);
            var enrolled = (await agreement.GetAsync())!.Enrolled;
            Console.WriteLine($"import rows={rows} new={summary!.NewRows} rejected={summary.RejectedRows} enrolled={enrolled}");
            Console.WriteLine($"preview  {preview.TotalSeconds,7:0.00} s  ({rows / preview.TotalSeconds,8:0} rows/s)");
            Console.WriteLine($"commit   {commit.TotalSeconds,7:0.00} s  ({rows / commit.TotalSeconds,8:0} rows/s)");
            Console.WriteLine($"total    {(preview + commit).TotalSeconds,7:0.00} s  (target < 15 s for 10,000 rows)");
            Console.WriteLine(cpuReport);
            return 0;
        }
        finally
        {
            await db.DisposeAsync();
        }
    }
}
