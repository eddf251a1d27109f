using Kapuas.Domain.Agreements;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Common;
using Kapuas.Grains.Workers;
using Kapuas.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kapuas.Integration.Tests;

/// <summary>
/// Random operations on many workers, valid and invalid, retried and concurrent: afterwards the read model in
/// PostgreSQL says exactly what the grains say, and still does after it is rebuilt from grain state.
/// </summary>
public sealed class ReadModelPropertyTests : SiloOnPostgres
{
    private static readonly DateOnly AsOf = new(2026, 6, 15);

    [Fact]
    public async Task A_thousand_random_operations_leave_the_read_model_equal_to_grain_state_also_after_a_rebuild()
    {
        var random = new Random(20261129);
        var agreements = new[] { "PKS-2025", "PKS-2026" };
        await DefineAsync(agreements[0], TestData.Agreement2025(quota: 30));
        await DefineAsync(agreements[1], TestData.Agreement2026(quota: 25));

        var workers = Enumerable.Range(0, 60).Select(_ => Guid.CreateVersion7()).ToList();
        var niks = workers.ToDictionary(w => w, _ => TestData.Nik(Sex.Male, new DateOnly(1980, 1, 1)));
        var replayable = new List<Sent>();
        var succeeded = 0;

        for (var i = 0; i < 1_000; i += 4)
        {
            // Four operations at a time, on different or the same workers, to exercise concurrency too.
            var batch = Enumerable.Range(0, 4).Select(_ => Operation(random, workers, niks, agreements, replayable)).ToList();
            var results = await Task.WhenAll(batch.Where(b => !b.Retry).Select(b => b.Run()));
            succeeded += results.Count(ok => ok);
            foreach (var retry in batch.Where(b => b.Retry))
            {
                // A retry runs alone, so that what it answers can be compared with the state just before it.
                await retry.Run();
            }
        }

        Assert.InRange(succeeded, 200, 1_000); // enough of them really changed something
        await AssertReadModelMatchesGrainsAsync(workers);

        await using (var connection = new NpgsqlConnection(Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var wipe = new NpgsqlCommand("TRUNCATE app.participants CASCADE", connection);
            await wipe.ExecuteNonQueryAsync();
        }

        var rebuilt = await Silo.Services.GetRequiredService<IRosterRebuildJob>().RunAsync();
        Assert.Equal(await CountRegisteredAsync(workers), rebuilt);
        await AssertReadModelMatchesGrainsAsync(workers);
    }

    private (Func<Task<bool>> Run, bool Retry) Operation(
        Random random, List<Guid> workers, Dictionary<Guid, string> niks, string[] agreements,
        List<Sent> replayable)
    {
        var id = workers[random.Next(workers.Count)];
        var grain = Silo.Grains.GetGrain<IWorkerGrain>(id);
        var context = TestData.Context($"user{random.Next(5)}", TestData.Now.AddDays(random.Next(0, 30)));
        var kind = random.Next(100);
        var start = new DateOnly(2018, 1, 1).AddDays(random.Next(0, 365 * 6));
        var profile = TestData.Profile($"Pekerja {random.Next(1000)}", Sex.Male, niks[id]) with
        {
            BirthDate = new DateOnly(1980, 1, 1),
            Kecamatan = random.Next(17) + 1 is var k ? $"62.03.{k:D2}" : null,
            Desa = $"Desa {random.Next(40)}",
            Kpj = random.Next(3) == 0 ? $"{random.NextInt64(10_000_000_000, 99_999_999_999)}" : null,
        };

        // Each command is kept as sent (operation and context), so that a retry resends exactly that operation.
        var enrolFrom = new DateOnly(2026, random.Next(1, 13), 1);
        var anotherNik = niks[workers[random.Next(workers.Count)]];
        var (historyEnd, funding) = (start.AddDays(random.Next(0, 400)), (FundingKind)random.Next(2, 6));
        var exit = new ExitInput((ExitReason)random.Next(1, 6), new DateOnly(2025, 1, 1).AddDays(random.Next(0, 520)), null);
        var agreement = agreements[random.Next(2)];
        Func<CommandContext, Task<CommandResult<WorkerView>>>? send = kind switch
        {
            < 25 => c => grain.RegisterAsync(profile, c),
            < 30 => c => grain.RegisterAsync(profile with { Nik = anotherNik }, c),
            < 35 => c => grain.RegisterAsync(profile with { Nik = "123" }, c),
            < 45 => c => grain.UpdateProfileAsync(profile, c),
            < 65 => c => grain.EnrollAsync(agreement, null, c),
            < 70 => c => grain.EnrollAsync(agreements[1], enrolFrom, c),
            < 85 => c => grain.AddHistoricalPeriodAsync(new HistoricalPeriodInput(start, historyEnd, funding, null), c),
            < 92 => c => grain.RecordExitAsync(exit, c),
            _ => null,
        };

        if (send is null)
        {
            return replayable.Count > 0
                ? (Replay(replayable[random.Next(replayable.Count)]), true)
                : (async () => (await grain.GetAsync(AsOf)) is not null, false);
        }

        var sent = new Sent(grain, send, context);
        replayable.Add(sent);
        return (async () =>
        {
            var result = await send(context);
            sent.Outcome = result.Succeeded;
            return result.Succeeded;
        }, false);
    }

    /// <summary>
    /// A retry of the very operation sent earlier (enrolment, exit, period, profile…), with its operation id: when the
    /// first send succeeded, the retry succeeds too and changes nothing (the worker's version stays what it was).
    /// </summary>
    private static Func<Task<bool>> Replay(Sent earlier) =>
        async () =>
        {
            var before = (await earlier.Grain.GetAsync(AsOf))?.Version;
            var again = await earlier.Send(earlier.Context);
            if (earlier.Outcome == true)
            {
                Assert.True(again.Succeeded, $"A retry of a command that succeeded was refused: {string.Join(" ", again.Errors.Select(e => e.Code))}");
                Assert.Equal(before, (await earlier.Grain.GetAsync(AsOf))?.Version);
            }

            return false;
        };

    private sealed class Sent(IWorkerGrain grain, Func<CommandContext, Task<CommandResult<WorkerView>>> send, CommandContext context)
    {
        public IWorkerGrain Grain { get; } = grain;

        public Func<CommandContext, Task<CommandResult<WorkerView>>> Send { get; } = send;

        public CommandContext Context { get; } = context;

        public bool? Outcome { get; set; }
    }

    private async Task DefineAsync(string code, AgreementTermsInput terms)
    {
        var agreement = Silo.Grains.GetGrain<IAgreementGrain>(code);
        (await agreement.DefineAsync(terms, TestData.Context("admin"))).Expect();
        (await agreement.ChangeStatusAsync(AgreementStatus.Signed, TestData.Context("admin"))).Expect();
    }

    private async Task<int> CountRegisteredAsync(List<Guid> workers)
    {
        var count = 0;
        foreach (var id in workers)
        {
            if (await Silo.Grains.GetGrain<IWorkerGrain>(id).GetAsync(AsOf) is not null)
            {
                count++;
            }
        }

        return count;
    }

    private async Task AssertReadModelMatchesGrainsAsync(List<Guid> workers)
    {
        var rows = new Dictionary<Guid, string>();
        var periods = new Dictionary<Guid, List<string>>();
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using (var cmd = new NpgsqlCommand("""
            SELECT worker_id, concat_ws('|', nik_masked, name, sex, birth_date, kecamatan_code, desa, occupation, kpj,
                   exit_reason, exit_date, coverage_start, coverage_end, current_agreement, version)
            FROM app.participants
            """, connection))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows[reader.GetGuid(0)] = reader.GetString(1);
            }
        }

        await using (var cmd = new NpgsqlCommand(
            "SELECT worker_id, concat_ws('|', start_date, end_date, agreement_id) FROM app.participant_periods ORDER BY worker_id, start_date", connection))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var id = reader.GetGuid(0);
                if (!periods.TryGetValue(id, out var list))
                {
                    periods[id] = list = [];
                }

                list.Add(reader.GetString(1));
            }
        }

        var registered = 0;
        foreach (var id in workers)
        {
            var view = await Silo.Grains.GetGrain<IWorkerGrain>(id).GetAsync(AsOf);
            if (view is null)
            {
                Assert.False(rows.ContainsKey(id), $"Read model has a row for unregistered worker {id}.");
                continue;
            }

            registered++;
            var effective = view.Periods.Where(p => p.EffectiveEnd is not null).ToList();
            var last = effective.LastOrDefault();
            var expected = string.Join('|', new[]
            {
                view.NikMasked, view.Name, view.Sex == Sex.Female ? "P" : "L", view.BirthDate.ToString("yyyy-MM-dd"), view.KecamatanCode,
                view.Desa, view.Occupation.ToString(), view.Kpj, view.Exit?.Reason.ToString(), view.Exit?.Date.ToString("yyyy-MM-dd"),
                last?.Start.ToString("yyyy-MM-dd"), last?.EffectiveEnd?.ToString("yyyy-MM-dd"), last?.AgreementId,
                view.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }.Where(v => v is not null));
            Assert.True(rows.TryGetValue(id, out var actual), $"Worker {id} has no read-model row.");
            Assert.Equal(expected, actual);
            Assert.Equal(
                effective.Select(p => string.Join('|', new[] { p.Start.ToString("yyyy-MM-dd"), p.EffectiveEnd!.Value.ToString("yyyy-MM-dd"), p.AgreementId }.Where(v => v is not null))),
                periods.GetValueOrDefault(id) ?? []);
        }

        Assert.Equal(registered, rows.Count);
        await using var claims = new NpgsqlCommand("SELECT count(*) FROM app.nik_registry", connection);
        Assert.Equal(registered, Convert.ToInt32(await claims.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
