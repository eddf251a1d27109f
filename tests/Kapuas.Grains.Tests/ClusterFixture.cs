using Kapuas.Domain.Claims;
using Kapuas.Domain.Continuity;
using Kapuas.Domain.Identity;
using Kapuas.Grains;
using Kapuas.Grains.ReadModel;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Kapuas.Grains.Tests;

/// <summary>
/// An in-process test cluster with in-memory grain storage under the production storage name and the read model in
/// memory (<see cref="InMemoryRosterStore"/>): grain behaviour without PostgreSQL.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The one store of the one silo (the test cluster's silo runs in this process).</summary>
    public static InMemoryRosterStore Roster { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.AddSiloBuilderConfigurator<InMemoryParts>();
        builder.AddClientBuilderConfigurator<CallerLanguage>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class InMemoryParts : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(GrainStorage.Name);
            siloBuilder.Services.AddSingleton<IRosterStore>(Roster);
            siloBuilder.Services.AddSingleton(new NikFingerprinter(Convert.FromBase64String(Testing.TestData.NikKey)));
            siloBuilder.Services.AddSingleton<IHolidayCalendarSource>(new FixedHolidays());
            siloBuilder.Services.AddSingleton<IInstallationDecisionSource>(new NoDecisions());
        }
    }

    /// <summary>The client sends its UI culture with each call, registered as the Admin's AddKapuasCallCulture does.</summary>
    private sealed class CallerLanguage : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddSingleton<IOutgoingGrainCallFilter, Common.SendUiCulture>();
    }

    private sealed class FixedHolidays : IHolidayCalendarSource
    {
        public Task<HolidayCalendar> GetAsync() => Task.FromResult(new HolidayCalendar([]));
    }

    private sealed class NoDecisions : IInstallationDecisionSource
    {
        public Task<InstallationDecisions> GetAsync() => Task.FromResult(InstallationDecisions.None);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
