using System.Net;
using System.Net.Sockets;
using Kapuas.Testing;

namespace Kapuas.Integration.Tests;

/// <summary>
/// The first hour with ./run.sh, on a data folder of its own: a first start, a second run.sh while the first runs,
/// Ctrl-C and a restart on the same data, a run.sh killed alone (silos, Admin and PostgreSQL left running) followed by
/// ./run.sh --silos 3, and a port taken by another program. Each works or says in one sentence what to do.
/// </summary>
public sealed class RunScriptTests
{
    [Fact]
    public async Task Run_sh_starts_refuses_a_second_run_restarts_recovers_from_a_killed_run_and_names_a_taken_port()
    {
        var installation = RunScript.Installation.New(Path.Combine(TestPaths.DataDirectory(), "run-sh", Guid.NewGuid().ToString("N")[..8]));
        var postmaster = Path.Combine(installation.DataDirectory, "pg", "data", "postmaster.pid");
        try
        {
            // A first start on an empty data folder: up, with the first administrator's password shown once.
            await using (var first = RunScript.Start(installation))
            {
                await first.WaitUntilRunningAsync();
                Assert.Contains("kata sandi / password", first.Output, StringComparison.Ordinal);

                // A second run.sh on the same folder: refused in a sentence naming the first; the first keeps running.
                await using (var second = RunScript.Start(installation))
                {
                    Assert.Equal(1, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                    Assert.Contains($"already running from this folder (run.sh pid {first.Pid}", second.Output, StringComparison.Ordinal);
                }

                Assert.True(await RunScript.AnswersAsync(installation.AdminPort));

                // Ctrl-C stops everything, PostgreSQL included.
                await first.InterruptAsync();
                Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(90)));
                Assert.Contains("Stopped.", first.Output, StringComparison.Ordinal);
                Assert.False(await RunScript.AnswersAsync(installation.AdminPort));
                Assert.False(File.Exists(postmaster), "PostgreSQL still runs after Ctrl-C");
            }

            // A second start reuses the data: no new administrator. Then run.sh alone is killed.
            await using (var again = RunScript.Start(installation))
            {
                await again.WaitUntilRunningAsync();
                Assert.DoesNotContain("kata sandi / password", again.Output, StringComparison.Ordinal);
                await again.KillAloneAsync();
            }

            Assert.True(await RunScript.AnswersAsync(installation.AdminPort), "the killed run's Admin should still be running");
            Assert.True(File.Exists(postmaster));

            // The next run.sh, with three silos, stops the leftovers, takes over the cluster and comes up.
            await using (var recovered = RunScript.Start(installation, "--silos", "3"))
            {
                await recovered.WaitUntilRunningAsync();
                Assert.Contains("stopping processes left by an earlier run that was killed", recovered.Output, StringComparison.Ordinal);
                for (var i = 0; i < 3; i++)
                {
                    var port = installation.SiloHttpPort + i;
                    await Eventually.UntilAsync(() => RunScript.AnswersAsync(port), TimeSpan.FromSeconds(60), $"silo {i} is healthy");
                }

                await recovered.InterruptAsync();
                Assert.Equal(0, await recovered.WaitForExitAsync(TimeSpan.FromSeconds(90)));
                Assert.False(File.Exists(postmaster), "the taken-over PostgreSQL still runs after Ctrl-C");
            }

            // Another program holds the Admin's port: one sentence naming the port and the setting to change.
            using (var squatter = new TcpListener(IPAddress.Loopback, installation.AdminPort))
            {
                squatter.Start();
                await using var blocked = RunScript.Start(installation);
                Assert.Equal(1, await blocked.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                Assert.Contains($"Port {installation.AdminPort} (the Admin site)", blocked.Output, StringComparison.Ordinal);
                Assert.Contains("KAPUAS_ADMIN_PORT=", blocked.Output, StringComparison.Ordinal);
                Assert.DoesNotContain("Unhandled exception", blocked.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            await RunScript.StopEverythingAsync(installation);
        }
    }
}
