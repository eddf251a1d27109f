using System.Diagnostics;
using System.Net.Http;

namespace Kapuas.Testing;

/// <summary>
/// The real Silo program in its own process (as ./run.sh starts it), for tests that kill it with SIGKILL.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private Process? process;

    private SiloProcess(IReadOnlyDictionary<string, string> environment, int healthPort)
    {
        Environment = environment;
        HealthPort = healthPort;
    }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public int HealthPort { get; }

    public static async Task<SiloProcess> StartAsync(TestClusterIds ids, string connectionString, int jobWorkers, int invisibilitySeconds)
    {
        var healthPort = TestSilo.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["KAPUAS_DB"] = connectionString,
            ["KAPUAS_DATA_DIR"] = TestPaths.DataDirectory(),
            ["KAPUAS_NIK_KEY"] = TestData.NikKey,
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Urls"] = $"http://127.0.0.1:{healthPort}",
            ["Kapuas__Cluster__ClusterId"] = ids.ClusterId,
            ["Kapuas__Cluster__ServiceId"] = ids.ServiceId,
            ["Kapuas__Silo__SiloPort"] = TestSilo.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kapuas__Silo__GatewayPort"] = TestSilo.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kapuas__Silo__JobWorkers"] = jobWorkers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kapuas__Jobs__InvisibilitySeconds"] = invisibilitySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var silo = new SiloProcess(environment, healthPort);
        await silo.RestartAsync();
        return silo;
    }

    /// <summary>Starts the process (again, with the same ports) and waits until its /health answers 200.</summary>
    public async Task RestartAsync()
    {
        var root = RepositoryRoot();
        var dll = Path.Combine(root, "Silo", "Kapuas.Silo", "bin", "Debug", "net10.0", "Kapuas.Silo.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = Path.Combine(root, "Silo", "Kapuas.Silo"),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The silo process exited with code {process.ExitCode}.");
            }

            try
            {
                return (await http.GetAsync($"http://127.0.0.1:{HealthPort}/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), "the silo process is healthy");
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster, jobs left mid-flight.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kapuas.Actors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Kapuas.Actors.sln not found above the test folder.");
    }
}
