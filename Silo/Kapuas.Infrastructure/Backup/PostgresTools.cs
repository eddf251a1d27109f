using System.Diagnostics;
using Npgsql;

namespace Kapuas.Infrastructure.Backup;

/// <summary>
/// PostgreSQL's own client programs (pg_dump, pg_restore) from Debian's packages: the newest installed under
/// <c>/usr/lib/postgresql/*/bin</c>, else the one on the PATH. The connection goes to them through libpq's environment
/// variables, so a password never appears on a command line.
/// </summary>
public static class PostgresTools
{
    public static string Find(string program)
    {
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => d.Version > 0 && File.Exists(Path.Combine(d.Dir, "bin", program)))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin", program))
                .FirstOrDefault()
            : null;
        if (versioned is not null)
        {
            return versioned;
        }

        var onPath = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException(
            $"{program} tidak ditemukan: pasang paket Debian postgresql-client. ({program} not found: install Debian's postgresql-client.)");
    }

    /// <summary>libpq's environment for the server, role and database a connection string names.</summary>
    public static Dictionary<string, string> Environment(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = b.Host ?? "localhost",
            ["PGPORT"] = b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGDATABASE"] = b.Database ?? "postgres",
            ["PGCONNECT_TIMEOUT"] = "15",
        };
        if (!string.IsNullOrEmpty(b.Username))
        {
            environment["PGUSER"] = b.Username;
        }

        if (!string.IsNullOrEmpty(b.Password))
        {
            environment["PGPASSWORD"] = b.Password;
        }

        environment["PGSSLMODE"] = b.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        return environment;
    }

    /// <summary>Runs a program to its end; its standard error is returned, its standard output discarded unless asked for.</summary>
    public static async Task<ToolResult> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ToolResult(process.ExitCode, await output, (await error).Trim());
    }

    /// <summary>The version a program reports (for example "pg_dump (PostgreSQL) 15.18").</summary>
    public static async Task<string> VersionAsync(string program, CancellationToken cancellationToken)
    {
        var result = await RunAsync(program, ["--version"], new Dictionary<string, string>(), cancellationToken);
        return result.Output.Trim();
    }
}

public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;
}
