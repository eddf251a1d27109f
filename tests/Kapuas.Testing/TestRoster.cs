using Kapuas.Domain.Agreements;
using Kapuas.Domain.Demo;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Common;
using Kapuas.Grains.Workers;

namespace Kapuas.Testing;

/// <summary>Agreements and enrolled rosters made through the grains, for tests and benchmarks.</summary>
public static class TestRoster
{
    public static async Task<IAgreementGrain> SignedAgreementAsync(IGrainFactory grains, string code, AgreementTermsInput terms)
    {
        var agreement = grains.GetGrain<IAgreementGrain>(code);
        (await agreement.DefineAsync(terms, TestData.Context("admin"))).Expect();
        (await agreement.ChangeStatusAsync(AgreementStatus.Signed, TestData.Context("admin"))).Expect();
        return agreement;
    }

    /// <summary>Registers <paramref name="count"/> demo workers and enrols them in <paramref name="agreement"/>, 64 at a time.</summary>
    public static async Task<IReadOnlyList<DemoWorker>> EnrolledAsync(IGrainFactory grains, IAgreementGrain agreement, int count, int seed)
    {
        var roster = DemoRoster.Generate(count, seed, new DateOnly(2026, 11, 29)).ToList();
        foreach (var chunk in roster.Chunk(1000))
        {
            await agreement.ReserveManyAsync([.. chunk.Select(w => w.Id)], TestData.Context("admin"));
        }

        var code = agreement.GetPrimaryKeyString();
        await Parallel.ForEachAsync(roster, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (w, _) =>
        {
            var p = w.Profile;
            (await grains.GetGrain<IWorkerGrain>(w.Id).ImportAsync(
                new WorkerProfileInput(p.Nik, p.Name, p.Sex, p.BirthDate, p.Kecamatan, p.Desa, p.Occupation, p.Phone, p.Kpj, p.Source),
                new EnrolmentInput(code, null, StartingRoster: true), CommandContext.New("admin", "admin", TestData.Now))).Expect();
        });
        return roster;
    }
}
