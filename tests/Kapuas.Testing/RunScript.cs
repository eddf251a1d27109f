using System.Diagnostics;
using System.Net.Http;
using System.Text;

namespace Kapuas.Testing;

/// <summary>
/// <c>./run.sh</c> as a user starts it, on its own data folder and ports, with the build ./test.sh made (--no-build).
/// Its output is kept; it can be stopped with Ctrl-C (SIGINT) or killed alone (SIGKILL), leaving its children behind.
/// </summary>
public sealed class RunScript : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly ConsoleLog console;

    private RunScript(Process process, ConsoleLog console)
    {
        this.process = process;
        this.console = console;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => process.Id;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>The settings one installation's runs share: its data folder and its ports.</summary>
    public sealed record Installation(string DataDirectory, int AdminPort, int SiloPort, int GatewayPort, int SiloHttpPort)
    {
        /// <summary>
        /// Four port ranges ten apart, below the kernel's ephemeral range, every port of them free: run.sh gives silo i
        /// the base port + i, so independent free ports (often consecutive) could make one silo's port another's.
        /// </summary>
        public static Installation New(string dataDirectory)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var start = Random.Shared.Next(2_000, 3_000) * 10; // 20000–29990
                if (Enumerable.Range(start, 40).All(Free))
                {
                    return new(dataDirectory, start, start + 10, start + 20, start + 30);
                }
            }

            throw new InvalidOperationException("No block of 40 free ports between 20000 and 30030.");
        }

        private static bool Free(int port)
        {
            try
            {
                using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        }
    }

    public static RunScript Start(Installation installation, params string[] arguments)
    {
        var root = SiloProcess.RepositoryRoot();
        var start = new ProcessStartInfo("bash", ["run.sh", "--no-build", .. arguments])
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var variable in new[] { "KAPUAS_DB", "KAPUAS_NIK_KEY", "KAPUAS_ADMIN_PASSWORD", "ASPNETCORE_ENVIRONMENT", "KAPUAS_ROOT" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["KAPUAS_DATA_DIR"] = installation.DataDirectory;
        start.Environment["KAPUAS_CONFIGURATION"] = Environment.GetEnvironmentVariable("KAPUAS_PROCESS_CONFIGURATION") ?? "Debug";
        start.Environment["KAPUAS_DEMO_WORKERS"] = "0";
        start.Environment["KAPUAS_PG_PORT"] = TestSilo.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["KAPUAS_ADMIN_PORT"] = installation.AdminPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["KAPUAS_SILO_PORT"] = installation.SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["KAPUAS_GATEWAY_PORT"] = installation.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["KAPUAS_SILO_HTTP_PORT"] = installation.SiloHttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var console = new ConsoleLog(installation.DataDirectory, "run-sh");
        return new RunScript(Process.Start(start) ?? throw new InvalidOperationException("Could not start run.sh."), console);
    }

    /// <summary>Waits for the line that says the system is up; fails with the output if run.sh ends first.</summary>
    public Task WaitUntilRunningAsync() => Eventually.UntilAsync(() =>
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"run.sh ended with {process.ExitCode} before the system was up:{Environment.NewLine}{Output}");
        }

        return Task.FromResult(Output.Contains("Kapuas.Actors is running", StringComparison.Ordinal));
    }, TimeSpan.FromSeconds(180), "run.sh says the system is running");

    /// <summary>
    /// Waits for run.sh itself to end. (Not Process.WaitForExitAsync: that also waits for the end of its output, which
    /// children left running keep open.)
    /// </summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await Eventually.UntilAsync(() => Task.FromResult(process.HasExited), timeout, $"run.sh ends{Environment.NewLine}{Output}");
        await Task.Delay(200); // the last lines it printed
        return process.ExitCode;
    }

    /// <summary>Ctrl-C: SIGINT to run.sh, as a terminal sends it.</summary>
    public Task InterruptAsync() => SignalAsync("INT");

    /// <summary>SIGKILL to run.sh alone: its silos, Admin and PostgreSQL are left running.</summary>
    public Task KillAloneAsync() => SignalAsync("KILL");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        if (signal == "KILL")
        {
            await WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public static async Task<bool> AnswersAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return (await http.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Stops whatever of this installation still runs (processes, PostgreSQL cluster), whatever state a failed test left.</summary>
    public static async Task StopEverythingAsync(Installation installation)
    {
        var root = SiloProcess.RepositoryRoot();
        var start = new ProcessStartInfo("bash", ["-c",
            "source scripts/postgres.sh; p=$(kapuas_processes_of \"$KAPUAS_DATA_DIR\"); [ -z \"$p\" ] || kill -9 $p; " +
            "KAPUAS_PG_STARTED_HERE=1 kapuas_pg_down pg"])
        {
            WorkingDirectory = root,
            UseShellExecute = false,
        };
        start.Environment["KAPUAS_ROOT"] = root;
        start.Environment["KAPUAS_DATA_DIR"] = installation.DataDirectory;
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await InterruptAsync();
            try
            {
                await WaitForExitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
        console.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            console.Write(line);
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
