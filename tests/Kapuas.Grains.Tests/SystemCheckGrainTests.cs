using Kapuas.Grains.Diagnostics;

namespace Kapuas.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SystemCheckGrainTests(ClusterFixture fixture)
{
    private static SystemCheckRequest Request(Guid id, string by = "tester") =>
        new(id, by, new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero), "test");

    [Fact]
    public async Task A_retried_operation_is_recorded_once()
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<ISystemCheckGrain>($"retry-{Guid.NewGuid()}");
        var id = Guid.NewGuid();

        await grain.RecordAsync(Request(id));
        var view = await grain.RecordAsync(Request(id));

        Assert.Equal(1, view.TimesRecorded);
        Assert.Single(view.Recent);
    }

    [Fact]
    public async Task Distinct_operations_are_all_recorded_and_the_recent_list_is_bounded()
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<ISystemCheckGrain>($"many-{Guid.NewGuid()}");
        for (var i = 0; i < 25; i++)
        {
            await grain.RecordAsync(Request(Guid.NewGuid(), $"user{i}"));
        }

        var view = await grain.GetAsync();
        Assert.Equal(25, view.TimesRecorded);
        Assert.Equal(20, view.Recent.Count);
        Assert.Equal("user24", view.Recent[^1].RequestedBy);
    }

    [Fact]
    public async Task Concurrent_calls_with_the_same_operation_id_apply_once()
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<ISystemCheckGrain>($"concurrent-{Guid.NewGuid()}");
        var id = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => grain.RecordAsync(Request(id))));

        Assert.Equal(1, (await grain.GetAsync()).TimesRecorded);
    }

    [Fact]
    public async Task State_survives_deactivation()
    {
        var key = $"deactivate-{Guid.NewGuid()}";
        var grain = fixture.Cluster.GrainFactory.GetGrain<ISystemCheckGrain>(key);
        await grain.RecordAsync(Request(Guid.NewGuid()));

        var management = fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0);
        var id = grain.GetGrainId();
        Assert.Contains(id, await management.GetActiveGrains(id.Type));
        await management.ForceActivationCollection(TimeSpan.Zero);
        Assert.DoesNotContain(id, await management.GetActiveGrains(id.Type)); // really deactivated, so the read below reactivates it

        var view = await fixture.Cluster.GrainFactory.GetGrain<ISystemCheckGrain>(key).GetAsync();
        Assert.Equal(1, view.TimesRecorded);
    }
}
