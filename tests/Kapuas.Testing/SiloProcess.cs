using System.Diagnostics;
using System.Net.Http;

namespace Kapuas.Testing;

/// <summary>
/// The real Silo (or Admin) program in its own process, as ./run.sh starts it, for tests that kill it with SIGKILL or
/// start several at the same moment.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string SiloProgram = "Silo/Kapuas.Silo";

    public const string AdminProgram = "Admin/Kapuas.Admin";

    private readonly string program;
    private readonly Queue<string> output = new();
    private Process? process;
    private ConsoleLog? console;

    public SiloProcess(IReadOnlyDictionary<string, string> environment, int healthPort, string program = SiloProgram)
    {
        Environment = environment;
        HealthPort = healthPort;
        this.program = program;
    }

    /// <summary>The Admin site in its own process, joined to the same cluster as a client, on a free port.</summary>
    public static async Task<SiloProcess> StartAdminAsync(TestClusterIds ids, string connectionString, string adminPassword)
    {
        var port = TestSilo.FreePort();
        var admin = new SiloProcess(AdminEnvironment(ids, connectionString, adminPassword, port, TestPaths.DataDirectory(), TestData.NikKey), port, AdminProgram);
        await admin.RestartAsync();
        return admin;
    }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public int HealthPort { get; }

    /// <summary>The last lines the process printed (standard output and error), for a failure message.</summary>
    public string RecentOutput
    {
        get
        {
            lock (output)
            {
                return string.Join(System.Environment.NewLine, output);
            }
        }
    }

    public static async Task<SiloProcess> StartAsync(TestClusterIds ids, string connectionString, int jobWorkers, int invisibilitySeconds)
    {
        var healthPort = TestSilo.FreePort();
        var environment = SiloEnvironment(ids, connectionString, healthPort, TestPaths.DataDirectory(), TestData.NikKey);
        environment["Kapuas__Silo__JobWorkers"] = jobWorkers.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Kapuas__Jobs__InvisibilitySeconds"] = invisibilitySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var silo = new SiloProcess(environment, healthPort);
        await silo.RestartAsync();
        return silo;
    }

    /// <summary>What a silo process is given: the database, the data folder, the cluster, free ports; a NIK key unless null.</summary>
    public static Dictionary<string, string> SiloEnvironment(TestClusterIds ids, string connectionString, int healthPort, string dataDirectory, string? nikKey)
    {
        var environment = CommonEnvironment(ids, connectionString, healthPort, dataDirectory, nikKey);
        environment["Kapuas__Silo__SiloPort"] = TestSilo.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Kapuas__Silo__GatewayPort"] = TestSilo.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return environment;
    }

    /// <summary>What the Admin process is given; a NIK key unless null.</summary>
    public static Dictionary<string, string> AdminEnvironment(
        TestClusterIds ids, string connectionString, string adminPassword, int port, string dataDirectory, string? nikKey)
    {
        var environment = CommonEnvironment(ids, connectionString, port, dataDirectory, nikKey);
        environment["KAPUAS_ADMIN_PASSWORD"] = adminPassword;
        return environment;
    }

    /// <summary>What both programs are given: the database, the data folder, the cluster, the HTTP port; a NIK key unless null.</summary>
    private static Dictionary<string, string> CommonEnvironment(TestClusterIds ids, string connectionString, int port, string dataDirectory, string? nikKey)
    {
        var environment = new Dictionary<string, string>
        {
            ["KAPUAS_DB"] = connectionString,
            ["KAPUAS_DATA_DIR"] = dataDirectory,
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Kapuas__Cluster__ClusterId"] = ids.ClusterId,
            ["Kapuas__Cluster__ServiceId"] = ids.ServiceId,
        };
        if (nikKey is not null)
        {
            environment["KAPUAS_NIK_KEY"] = nikKey;
        }

        return environment;
    }

    /// <summary>
    /// Starts the process (again, with the same ports) and waits until its /health answers 200; a process still
    /// running is stopped first, so that a restart never leaves one behind.
    /// </summary>
    public async Task RestartAsync()
    {
        Kill();
        Start();
        await WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>Starts the process and returns at once.</summary>
    public void Start()
    {
        var start = new ProcessStartInfo("dotnet", $"\"{Dll(program)}\"")
        {
            WorkingDirectory = Path.Combine(RepositoryRoot(), program),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        console?.Dispose();
        console = new ConsoleLog(Environment["KAPUAS_DATA_DIR"], $"{Path.GetFileName(program)}-{HealthPort}");
        process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Waits until /health answers 200; fails at once, with what the process printed, if it exits.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var started = process ?? throw new InvalidOperationException("The process was not started.");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.UntilAsync(async () =>
        {
            if (started.HasExited)
            {
                await started.WaitForExitAsync(); // lets the output readers finish
                throw new InvalidOperationException(
                    $"The {Path.GetFileName(program)} process exited with code {started.ExitCode}:{System.Environment.NewLine}{RecentOutput}");
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
        }, timeout, $"the {Path.GetFileName(program)} process is healthy");
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
        console?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        console?.Write(line);
        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > 40)
            {
                output.Dequeue();
            }
        }
    }

    /// <summary>
    /// The built program (<see cref="SiloProgram"/> or <see cref="AdminProgram"/>): the Debug build ./test.sh makes, or
    /// the one KAPUAS_PROCESS_CONFIGURATION names (the benchmarks ask for Release).
    /// </summary>
    public static string Dll(string program)
    {
        var configuration = System.Environment.GetEnvironmentVariable("KAPUAS_PROCESS_CONFIGURATION") ?? "Debug";
        return Path.Combine(RepositoryRoot(), program, "bin", configuration, "net10.0", Path.GetFileName(program) + ".dll");
    }

    /// <summary>
    /// One of the silo program's commands (<c>migrate</c>, <c>backup</c>, <c>restore</c>, ...) run to its end on a
    /// database and a data folder, with the installation's NIK key given as KAPUAS_NIK_KEY unless null.
    /// </summary>
    public static Task<TestProcess.Outcome> CommandAsync(string connectionString, string dataDirectory, string? nikKey, params string[] arguments)
    {
        var environment = new Dictionary<string, string> { ["KAPUAS_DB"] = connectionString, ["KAPUAS_DATA_DIR"] = dataDirectory };
        if (nikKey is not null)
        {
            environment["KAPUAS_NIK_KEY"] = nikKey;
        }

        return TestProcess.RunAsync("dotnet", [Dll(SiloProgram), .. arguments], environment, TimeSpan.FromMinutes(3));
    }

    public static string RepositoryRoot()
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
