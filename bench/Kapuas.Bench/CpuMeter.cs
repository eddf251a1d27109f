namespace Kapuas.Bench;

/// <summary>
/// CPU time spent on this machine between two readings of <c>/proc</c>, split by who spent it: this process (the silo
/// and the job), PostgreSQL (every <c>postgres</c> process, with the backends that already ended), the Admin, and the
/// rest (kernel threads, other programs). Linux only; elsewhere it reads nothing.
/// </summary>
internal sealed class CpuMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on

    private readonly Reading start = Read();

    public string Report(TimeSpan elapsed, int items, string unit)
    {
        var end = Read();
        var machine = end.Machine - start.Machine;
        var self = end.Self - start.Self;
        var postgres = end.Postgres - start.Postgres;
        var admin = end.Admin - start.Admin;
        var other = Math.Max(0, machine - self - postgres - admin);
        string Line(string who, double seconds) =>
            $"  {who,-22} {seconds,7:0.0} s  {seconds / elapsed.TotalSeconds * 100,5:0} % of a core  {seconds * 1000 / Math.Max(1, items),6:0.000} ms per {unit}";
        return string.Join(Environment.NewLine,
            $"CPU during the run ({Environment.ProcessorCount} cores, {elapsed.TotalSeconds:0.0} s: {Environment.ProcessorCount * elapsed.TotalSeconds:0.0} core-seconds available)",
            Line("all (busy)", machine),
            Line("silo and job (this)", self),
            Line("PostgreSQL", postgres),
            Line("Admin", admin),
            Line("rest (kernel, other)", other));
    }

    private sealed record Reading(double Machine, double Self, double Postgres, double Admin);

    private static Reading Read()
    {
        if (!File.Exists("/proc/stat"))
        {
            return new Reading(0, 0, 0, 0);
        }

        // cpu user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(double.Parse).ToArray();
        var machine = (fields.Take(8).Sum() - fields[3] - fields[4]) / TicksPerSecond;
        double self = 0, postgres = 0, admin = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
                var own = (double.Parse(rest[11]) + double.Parse(rest[12])) / TicksPerSecond;
                var children = (double.Parse(rest[13]) + double.Parse(rest[14])) / TicksPerSecond;
                if (pid == Environment.ProcessId)
                {
                    self += own;
                }
                else if (name == "postgres")
                {
                    postgres += own + children;
                }
                else if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains("Kapuas.Admin", StringComparison.Ordinal))
                {
                    admin += own;
                }
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }

        return new Reading(machine, self, postgres, admin);
    }
}
