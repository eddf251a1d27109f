using System.Diagnostics;
using System.Net.Http;

namespace Kapuas.Testing;

/// <summary>
/// The real Silo program in its own process (as ./run.sh starts it), for tests that kill it with SIGKILL.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private Process? process;

    private readonly string program;

    private SiloProcess(IReadOnlyDictionary<string, string> environment, int healthPort, string program = "Silo/Kapuas.Silo")
    {
        Environment = environment;
        HealthPort = healthPort;
        this.program = program;
    }

    /// <summary>The Admin site in its own process, joined to the same cluster as a client, on a free port.</summary>
    public static async Task<SiloProcess> StartAdminAsync(TestClusterIds ids, string connectionString, string adminPassword)
    {
        var port = TestSilo.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["KAPUAS_DB"] = connectionString,
            ["KAPUAS_DATA_DIR"] = TestPaths.DataDirectory(),
            ["KAPUAS_NIK_KEY"] = TestData.NikKey,
            ["KAPUAS_ADMIN_PASSWORD"] = adminPassword,
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Kapuas__Cluster__ClusterId"] = ids.ClusterId,
            ["Kapuas__Cluster__ServiceId"] = ids.ServiceId,
        };
        var admin = new SiloProcess(environment, port, "Admin/Kapuas.Admin");
        await admin.RestartAsync();
        return admin;
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
        var project = Path.Combine(root, program);
        // Tests run the Debug build ./test.sh makes; the benchmarks ask for Release (KAPUAS_PROCESS_CONFIGURATION).
        var configuration = System.Environment.GetEnvironmentVariable("KAPUAS_PROCESS_CONFIGURATION") ?? "Debug";
        var dll = Path.Combine(project, "bin", configuration, "net10.0", Path.GetFileName(program) + ".dll");
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = project,
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
                throw new InvalidOperationException($"The {Path.GetFileName(program)} process exited with code {process.ExitCode}.");
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

    internal static string RepositoryRoot()
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
