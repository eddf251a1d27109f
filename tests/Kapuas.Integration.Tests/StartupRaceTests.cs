using Kapuas.Testing;

namespace Kapuas.Integration.Tests;

/// <summary>
/// A first start as ./run.sh does it: a silo process and the Admin process started at the same moment on an empty data
/// folder, with no NIK key configured, so that both must find or create the installation's shared files themselves.
/// Once, a start died here three times in four: the loser read the NIK key while the winner still held it.
/// </summary>
public sealed class StartupRaceTests : IAsyncLifetime
{
    private const int Starts = 10;
    private readonly PostgresDatabase db = new();
    private readonly string root = Path.Combine(TestPaths.DataDirectory(), "startup-race", Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task A_silo_and_the_admin_started_together_on_an_empty_data_folder_come_up_every_time()
    {
        // The two programs reach their shared files at different times after they start (the silo loads Orleans
        // first): measured once each, alone, so that the ten starts below meet there, spread by a few milliseconds
        // around the measured difference, whatever this machine's speed.
        var siloReaches = await TimeToKeyFileAsync(admin: false);
        var adminReaches = await TimeToKeyFileAsync(admin: true);
        var failures = new List<string>();
        for (var attempt = 1; attempt <= Starts; attempt++)
        {
            var adminLater = siloReaches - adminReaches + TimeSpan.FromMilliseconds(8 * (attempt - (Starts + 1) / 2.0));
            var (silo, admin) = Pair($"{attempt:D2}");
            await using (silo)
            await using (admin)
            {
                var (first, second) = adminLater >= TimeSpan.Zero ? (silo, admin) : (admin, silo);
                first.Start();
                await Task.Delay(adminLater.Duration());
                second.Start();
                try
                {
                    await Task.WhenAll(silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90)), admin.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90)));
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                {
                    failures.Add($"start {attempt} (Admin {adminLater.TotalMilliseconds:0} ms after the silo): {e.Message}");
                    continue;
                }

                AssertOneCompleteKey(Path.Combine(root, $"{attempt:D2}"));
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Starts} first starts failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>How long after its start one program, alone on an empty data folder, has the NIK key file written.</summary>
    private async Task<TimeSpan> TimeToKeyFileAsync(bool admin)
    {
        var name = admin ? "alone-admin" : "alone-silo";
        var (silo, adminProcess) = Pair(name);
        await using (silo)
        await using (adminProcess)
        {
            var key = Path.Combine(root, name, "secrets", "nik-fingerprint.key");
            var started = DateTime.UtcNow;
            (admin ? adminProcess : silo).Start();
            await Eventually.UntilAsync(() => Task.FromResult(File.Exists(key)), TimeSpan.FromSeconds(60), $"{name} writes its NIK key");
            return File.GetLastWriteTimeUtc(key) - started;
        }
    }

    /// <summary>A silo and an Admin of one new cluster, sharing the empty data folder <paramref name="name"/>, not started.</summary>
    private (SiloProcess Silo, SiloProcess Admin) Pair(string name)
    {
        var data = Path.Combine(root, name);
        var ids = TestClusterIds.New();
        var siloPort = TestSilo.FreePort();
        var adminPort = TestSilo.FreePort();
        return (
            new SiloProcess(SiloProcess.SiloEnvironment(ids, db.ConnectionString, siloPort, data, nikKey: null), siloPort),
            new SiloProcess(SiloProcess.AdminEnvironment(ids, db.ConnectionString, "Rahasia-Admin-2026", adminPort, data, nikKey: null), adminPort, SiloProcess.AdminProgram));
    }

    /// <summary>One key for the installation, complete, readable by its owner only, and no temporary file left behind.</summary>
    private static void AssertOneCompleteKey(string data)
    {
        var key = Assert.Single(Directory.GetFiles(Path.Combine(data, "secrets")));
        Assert.Equal("nik-fingerprint.key", Path.GetFileName(key));
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(key).Trim()).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
    }
}
