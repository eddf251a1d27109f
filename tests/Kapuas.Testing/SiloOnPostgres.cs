using Xunit;

namespace Kapuas.Testing;

/// <summary>A fresh database and one real silo on it, for a test class; the silo can be restarted on the same state.</summary>
public class SiloOnPostgres : IAsyncLifetime
{
    private readonly int jobWorkers;

    public SiloOnPostgres(int jobWorkers = 0) => this.jobWorkers = jobWorkers;

    public PostgresDatabase Database { get; } = new();

    public TestClusterIds Ids { get; } = TestClusterIds.New();

    public TestSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Silo = await TestSilo.StartAsync(Ids, Database.ConnectionString, jobWorkers);
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Stops the silo and starts a new one with the same cluster and service ids: state must come back from PostgreSQL.</summary>
    public async Task RestartSiloAsync()
    {
        await Silo.DisposeAsync();
        Silo = await TestSilo.StartAsync(Ids, Database.ConnectionString, jobWorkers);
    }
}
