using System.Net;
using System.Net.Sockets;
using Kapuas.Infrastructure.Hosting;
using Kapuas.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kapuas.Testing;

/// <summary>
/// A real silo, wired exactly as the Silo process wires itself (<see cref="KapuasSiloExtensions.AddKapuasSilo"/>),
/// hosted in the test process on free ports.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly WebApplication app;
    private bool stopped;

    private TestSilo(WebApplication app, int siloPort, int gatewayPort)
    {
        this.app = app;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public IServiceProvider Services => app.Services;

    public IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    public static async Task<TestSilo> StartAsync(TestClusterIds ids, string connectionString, int jobWorkers = 0, string? dataDirectory = null)
    {
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", Args = HostArguments.WithoutConfigReload([]) });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KAPUAS_DB"] = connectionString,
            ["KAPUAS_DATA_DIR"] = dataDirectory ?? TestPaths.DataDirectory(),
            ["KAPUAS_NIK_KEY"] = TestData.NikKey,
            ["Urls"] = $"http://127.0.0.1:{FreePort()}",
            ["Kapuas:Cluster:ClusterId"] = ids.ClusterId,
            ["Kapuas:Cluster:ServiceId"] = ids.ServiceId,
            ["Kapuas:Silo:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kapuas:Silo:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kapuas:Silo:JobWorkers"] = jobWorkers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.AddKapuasSilo();
        var app = builder.Build();
        app.MapKapuasSilo();
        await app.StartAsync();
        return new TestSilo(app, siloPort, gatewayPort);
    }

    /// <summary>A graceful stop: the silo leaves the cluster and hands its grains over.</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StopAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
    }

    private static readonly HashSet<int> Given = [];

    /// <summary>
    /// A port free now, below Linux's ephemeral range (32768 and up): a port the kernel hands out at random could be
    /// taken again by any outgoing connection (a database client's, say) before the process that was given it binds it.
    /// No port is given twice in one test run.
    /// </summary>
    public static int FreePort()
    {
        lock (Given)
        {
            while (true)
            {
                var port = Random.Shared.Next(20_000, 32_000);
                if (!Given.Add(port))
                {
                    continue;
                }

                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // In use: try another.
                }
            }
        }
    }
}

/// <summary>Cluster and service ids for one test: a fixed ServiceId is what lets state survive a restart.</summary>
public sealed record TestClusterIds(string ClusterId, string ServiceId)
{
    public static TestClusterIds New() => new($"c-{Guid.NewGuid():N}"[..14], $"s-{Guid.NewGuid():N}"[..14]);
}

public static class TestPaths
{
    /// <summary>
    /// Where test processes write logs and keys: <c>{KAPUAS_DATA_DIR}/tests</c> when ./test.sh runs them
    /// (so a later check can scan every log of the run), else the system temp folder.
    /// </summary>
    public static string DataDirectory()
    {
        var root = Environment.GetEnvironmentVariable("KAPUAS_DATA_DIR");
        var path = string.IsNullOrWhiteSpace(root)
            ? Path.Combine(Path.GetTempPath(), "kapuas-tests")
            : Path.Combine(root, "tests");
        Directory.CreateDirectory(path);
        return path;
    }
}
