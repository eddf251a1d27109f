using System.Diagnostics;

namespace Kapuas.Testing;

/// <summary>
/// A PostgreSQL cluster of its own (scripts/postgres.sh, as ./run.sh makes them), for a test that restarts the server
/// under running processes without disturbing the other suites' server.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string name;
    private readonly string root;

    private PostgresServer(string name, string root, int port)
    {
        this.name = name;
        this.root = root;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database=postgres;Username=postgres";

    public static async Task<PostgresServer> StartAsync()
    {
        var root = SiloProcess.RepositoryRoot();
        var name = $"pg-fault-{Guid.NewGuid():N}"[..17];
        var output = await BashAsync(root, $"source scripts/postgres.sh && kapuas_pg_up {name} {TestSilo.FreePort()} fast && echo PORT=$KAPUAS_PG_PORT_USED");
        var port = int.Parse(output.Split('\n').Last(l => l.StartsWith("PORT=", StringComparison.Ordinal))[5..], System.Globalization.CultureInfo.InvariantCulture);
        return new PostgresServer(name, root, port);
    }

    /// <summary>A fast restart (pg_ctl -m fast): every open connection is cut, the server is back a moment later.</summary>
    public Task RestartAsync() => BashAsync(root,
        $"source scripts/postgres.sh && bin=$(kapuas_pg_bin) && kapuas_pg_as_owner \"$bin/pg_ctl\" -D \"$KAPUAS_DATA_DIR/{name}/data\" -m fast -w -t 60 restart >/dev/null");

    /// <summary>Stops the server and removes its files; its log is kept first where the run's log scan reads it.</summary>
    public async ValueTask DisposeAsync()
    {
        var logs = Path.Combine(TestPaths.DataDirectory(), "logs", "postgresql");
        Directory.CreateDirectory(logs);
        await BashAsync(root,
            $"source scripts/postgres.sh && KAPUAS_PG_STARTED_HERE=1 kapuas_pg_down {name}; " +
            $"cp \"$KAPUAS_DATA_DIR/{name}/log/postgresql.log\" \"{logs}/{name}.log\"; rm -rf \"$KAPUAS_DATA_DIR/{name}\"");
    }

    private static async Task<string> BashAsync(string root, string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["KAPUAS_ROOT"] = root;
        start.Environment.Remove("KAPUAS_DATA_DIR");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"bash failed ({process.ExitCode}): {error}{output}");
    }
}
