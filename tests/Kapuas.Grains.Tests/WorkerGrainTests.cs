using Kapuas.Domain.Claims;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Common;
using Kapuas.Grains.Workers;
using Kapuas.Testing;

namespace Kapuas.Grains.Tests;

/// <summary>The worker grain's shell, without PostgreSQL: commands reach the aggregate, state, quota and read model follow.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WorkerGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    [Fact]
    public async Task An_enrolment_takes_a_quota_place_publishes_the_row_and_a_retry_changes_nothing()
    {
        var code = $"G{Guid.NewGuid():N}"[..12];
        var agreement = await TestRoster.SignedAgreementAsync(Grains, code, TestData.Agreement2026(quota: 5));
        var id = Guid.NewGuid();
        var worker = Grains.GetGrain<IWorkerGrain>(id);
        var profile = TestData.Profile("Siti Grain");
        (await worker.RegisterAsync(profile, TestData.Context())).Expect();

        var enrol = TestData.Context();
        var first = (await worker.EnrollAsync(code, null, enrol)).Expect();
        var again = (await worker.EnrollAsync(code, null, enrol)).Expect();

        Assert.Equal(first.Version, again.Version);
        Assert.Equal(1, (await agreement.GetAsync())!.Enrolled);
        Assert.True((await worker.GetCoverageOnAsync(new DateOnly(2026, 7, 1))).IsCovered);
        var row = ClusterFixture.Roster.Row(id)!;
        Assert.Equal((code, first.Version, "Siti Grain"), (row.CurrentAgreement, row.Version, row.Name));
        Assert.NotEqual(profile.Nik, row.NikMasked);
        Assert.Single(ClusterFixture.Roster.Audit, a => a.SubjectId == id.ToString() && a.Action == "worker.enrolled");
    }

    [Fact]
    public async Task A_nik_taken_by_another_worker_is_refused_and_the_second_worker_stays_unregistered()
    {
        var profile = TestData.Profile("Ani Pertama");
        (await Grains.GetGrain<IWorkerGrain>(Guid.NewGuid()).RegisterAsync(profile, TestData.Context())).Expect();
        var second = Grains.GetGrain<IWorkerGrain>(Guid.NewGuid());

        var refused = await second.RegisterAsync(profile with { Name = "Ani Kedua" }, TestData.Context());

        Assert.Equal("nik.duplicate", Assert.Single(refused.Errors).Code);
        Assert.Contains("Ani Pertama", refused.Errors[0].Message);
        Assert.Null(await second.GetAsync(new DateOnly(2026, 7, 1)));
    }

    [Fact]
    public async Task A_death_claim_ends_coverage_gives_back_the_later_place_and_reversing_it_takes_the_place_again()
    {
        var earlier = $"E{Guid.NewGuid():N}"[..12];
        var later = $"L{Guid.NewGuid():N}"[..12];
        await TestRoster.SignedAgreementAsync(Grains, earlier, TestData.Agreement2025(quota: 5));
        var next = await TestRoster.SignedAgreementAsync(Grains, later, TestData.Agreement2026(quota: 5));
        var worker = Grains.GetGrain<IWorkerGrain>(Guid.NewGuid());
        var registered = new DateTimeOffset(2025, 2, 1, 2, 0, 0, TimeSpan.Zero);
        (await worker.RegisterAsync(TestData.Profile("Rudi Grain"), TestData.Context("admin", registered))).Expect();
        (await worker.EnrollFromStartAsync(earlier, TestData.Context("admin", registered))).Expect();
        (await worker.EnrollFromStartAsync(later, TestData.Context("admin", registered))).Expect();
        Assert.Equal(1, (await next.GetAsync())!.Enrolled);

        var claim = (await worker.OpenClaimAsync(new ClaimIntakeInput(ClaimType.JkmDeath, new DateTimeOffset(2025, 11, 3, 8, 0, 0, TimeSpan.FromHours(7)),
            "Rumah", "Sakit", false, false, ReporterKind.Family, "Wati", "081234567890"), TestData.Context("sari", TestData.Now))).Expect();

        var dead = (await worker.GetAsync(new DateOnly(2026, 7, 1)))!;
        Assert.Equal(ExitReason.Died, dead.Exit!.Reason);
        Assert.False(claim.CoverageOnIncident.IsCovered);
        Assert.Equal(0, (await next.GetAsync())!.Enrolled);

        var reversed = (await worker.ReverseDeathAsync("salah orang", TestData.Context("admin", TestData.Now))).Expect();
        Assert.Null(reversed.Exit);
        Assert.Equal(1, (await next.GetAsync())!.Enrolled);
        Assert.Equal(ClaimState.Closed, (await worker.GetClaimAsync(claim.Id, TestData.Now))!.State);
    }
}
