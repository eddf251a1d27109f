using Kapuas.Grains;
using Kapuas.Grains.Diagnostics;
using Kapuas.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Kapuas.Integration.Tests;

/// <summary>Orleans' ADO.NET clustering and grain storage on the project's own PostgreSQL schema.</summary>
public sealed class OrleansOnPostgresTests : IAsyncLifetime
{
    private readonly PostgresDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private static SystemCheckRequest Request(string by) =>
        new(Guid.NewGuid(), by, new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero), "test");

    [Fact]
    public async Task Grain_state_survives_a_full_silo_restart()
    {
        var ids = TestClusterIds.New();
        await using (var first = await TestSilo.StartAsync(ids, db.ConnectionString))
        {
            var grain = first.Grains.GetGrain<ISystemCheckGrain>("restart");
            await grain.RecordAsync(Request("before-restart"));
            await grain.RecordAsync(Request("before-restart-2"));
        }

        Assert.Equal(1L, await db.ScalarAsync<long>(
            $"SELECT count(*) FROM orleans.orleansstorage WHERE serviceid = '{ids.ServiceId}' AND grainidextensionstring = 'restart'"));

        await using var second = await TestSilo.StartAsync(ids, db.ConnectionString);
        var view = await second.Grains.GetGrain<ISystemCheckGrain>("restart").GetAsync();

        Assert.Equal(2, view.TimesRecorded);
        Assert.Equal(["before-restart", "before-restart-2"], view.Recent.Select(e => e.RequestedBy));
    }

    [Fact]
    public async Task A_stale_concurrent_write_is_rejected()
    {
        var ids = TestClusterIds.New();
        await using var silo = await TestSilo.StartAsync(ids, db.ConnectionString);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);
        var grainId = GrainId.Create("systemcheck", "stale-write");

        var writer = new GrainState<SystemCheckState>(new SystemCheckState { TimesRecorded = 1 });
        await storage.WriteStateAsync("systemcheck", grainId, writer);
        var staleReader = new GrainState<SystemCheckState>(new SystemCheckState());
        await storage.ReadStateAsync("systemcheck", grainId, staleReader);

        writer.State!.TimesRecorded = 2;
        await storage.WriteStateAsync("systemcheck", grainId, writer);

        staleReader.State!.TimesRecorded = 99;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("systemcheck", grainId, staleReader));

        var fresh = new GrainState<SystemCheckState>(new SystemCheckState());
        await storage.ReadStateAsync("systemcheck", grainId, fresh);
        Assert.Equal(2, fresh.State!.TimesRecorded);
        Assert.Equal(writer.ETag, fresh.ETag);
    }

    /// <summary>
    /// Grain ids that split into the same N0, N1 and extension under one state name (a long key n and a Guid whose last
    /// eight bytes are n; a string key "x" and a Guid key with extension "x") are different grains: their hashes differ,
    /// and the storage key includes them (migration 0010), so each is written and read back as its own row.
    /// </summary>
    [Fact]
    public async Task Grain_ids_that_alias_in_n0_n1_and_extension_are_stored_apart()
    {
        var ids = TestClusterIds.New();
        await using var silo = await TestSilo.StartAsync(ids, db.ConnectionString);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);
        const long n = 4242;
        var bytes = new byte[16];
        BitConverter.GetBytes(n).CopyTo(bytes, 8);
        var pairs = new[]
        {
            (Id(GrainIdKeyExtensions.CreateIntegerKey(n)), Id(GrainIdKeyExtensions.CreateGuidKey(new Guid(bytes)))),
            (GrainId.Create("systemcheck", "x"), Id(GrainIdKeyExtensions.CreateGuidKey(Guid.Empty, "x"))),
        };

        static GrainId Id(IdSpan key) => GrainId.Create(GrainType.Create("systemcheck"), key);
        var value = 0;
        foreach (var (first, second) in pairs)
        {
            foreach (var grainId in new[] { first, second })
            {
                await storage.WriteStateAsync("systemcheck", grainId, new GrainState<SystemCheckState>(new SystemCheckState { TimesRecorded = ++value }));
            }
        }

        value = 0;
        foreach (var grainId in pairs.SelectMany(p => new[] { p.Item1, p.Item2 }))
        {
            var read = new GrainState<SystemCheckState>(new SystemCheckState());
            await storage.ReadStateAsync("systemcheck", grainId, read);
            Assert.Equal(++value, read.State!.TimesRecorded);
        }

        Assert.Equal(4L, await db.ScalarAsync<long>($"SELECT count(*) FROM orleans.orleansstorage WHERE serviceid = '{ids.ServiceId}'"));
    }

    [Fact]
    public async Task Concurrent_first_writes_have_exactly_one_winner()
    {
        var ids = TestClusterIds.New();
        await using var silo = await TestSilo.StartAsync(ids, db.ConnectionString);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);
        var grainId = GrainId.Create("systemcheck", "first-write-race");

        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await storage.WriteStateAsync("systemcheck", grainId, new GrainState<SystemCheckState>(new SystemCheckState { TimesRecorded = i }));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        });

        var outcomes = await Task.WhenAll(attempts);
        Assert.Single(outcomes, won => won);
    }

    [Fact]
    public async Task Two_silos_form_one_cluster_and_the_survivor_keeps_serving()
    {
        var ids = TestClusterIds.New();
        await using var a = await TestSilo.StartAsync(ids, db.ConnectionString);
        await using var b = await TestSilo.StartAsync(ids, db.ConnectionString);

        var management = a.Grains.GetGrain<IManagementGrain>(0);
        await Eventually.UntilAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2, TimeSpan.FromSeconds(30), "both silos active");
        Assert.Equal(2L, await db.ScalarAsync<long>(
            $"SELECT count(*) FROM orleans.orleansmembershiptable WHERE deploymentid = '{ids.ClusterId}' AND status = 3"));

        // Enough grains that both silos host some (placement weighs the silos' load, so a busy machine may put a first
        // batch all on one of them: more batches until both do); each records one check through the ADO.NET storage.
        var keys = new List<string>();
        var silos = new HashSet<string?>();
        for (var batch = 0; batch < 10 && silos.Count < 2; batch++)
        {
            var more = Enumerable.Range(batch * 40, 40).Select(i => $"spread-{i}").ToList();
            var views = await Task.WhenAll(more.Select(k => b.Grains.GetGrain<ISystemCheckGrain>(k).RecordAsync(Request(k))));
            keys.AddRange(more);
            silos.UnionWith(views.Select(v => v.SiloAddress));
        }

        Assert.Equal(2, silos.Count);

        await b.StopAsync();

        foreach (var key in keys)
        {
            var view = await a.Grains.GetGrain<ISystemCheckGrain>(key).GetAsync();
            Assert.Equal(1, view.TimesRecorded);
            Assert.Equal(key, view.Recent.Single().RequestedBy);
        }

        Assert.Single(await management.GetHosts(onlyActive: true));
    }
}
