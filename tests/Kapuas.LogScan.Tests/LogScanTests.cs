using System.Text.RegularExpressions;
using Kapuas.Domain.Identity;

namespace Kapuas.LogScan.Tests;

/// <summary>
/// Runs last in ./test.sh: every log the whole test run wrote is read (the silos' and Admin's log files, the console
/// output of every process a test started, PostgreSQL's server log of the run), and no NIK may appear in any of them. A 16-digit number that parses as a NIK counts, whatever test put it there.
/// </summary>
public sealed partial class LogScanTests
{
    // Digits inside longer tokens (trace ids, hashes in hex) are not a NIK standing alone.
    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{16}(?![0-9A-Za-z])")]
    private static partial Regex SixteenDigits();

    private static string LogRoot()
    {
        var root = Environment.GetEnvironmentVariable("KAPUAS_DATA_DIR");
        return string.IsNullOrWhiteSpace(root)
            ? Path.Combine(Path.GetTempPath(), "kapuas-tests")
            : Path.Combine(root, "tests");
    }

    [Fact]
    public void No_log_file_of_the_test_run_contains_a_nik()
    {
        var root = LogRoot();
        Assert.True(Directory.Exists(root), $"No test logs under {root}: run the suites first (./test.sh does).");
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}logs{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var lines = 0L;
        var found = new List<string>();
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                lines++;
                foreach (Match match in SixteenDigits().Matches(line))
                {
                    if (Nik.Parse(match.Value).IsSuccess)
                    {
                        found.Add($"{Path.GetRelativePath(root, file)}:{number}: {Nik.Mask(match.Value)}");
                    }
                }
            }
        }

        Assert.True(lines > 1000, $"Only {lines} log lines in {files.Count} files under {root}: the scan would prove nothing.");
        // Three kinds of log, each read: the programs' own log files, what the processes tests started printed on their
        // console, and PostgreSQL's server log (failed statements are logged with their text).
        var separator = Path.DirectorySeparatorChar;
        Assert.Contains(files, f => f.Contains($"{separator}console{separator}", StringComparison.Ordinal) && new FileInfo(f).Length > 0);
        Assert.Contains(files, f => f.Contains($"{separator}postgresql{separator}", StringComparison.Ordinal) && new FileInfo(f).Length > 0);
        Assert.Contains(files, f => f.EndsWith(".clef", StringComparison.Ordinal));
        Assert.True(found.Count == 0, $"{found.Count} NIKs in logs:{Environment.NewLine}{string.Join(Environment.NewLine, found.Take(50))}");
    }

    [Fact]
    public void The_scan_recognises_a_nik_in_a_log_line()
    {
        const string line = "{\"@t\":\"2026-11-29T03:00:00Z\",\"@mt\":\"Registered {Nik}\",\"Nik\":\"6203015204880003\"}";

        var hits = SixteenDigits().Matches(line).Where(m => Nik.Parse(m.Value).IsSuccess).ToList();

        Assert.Single(hits);
        Assert.DoesNotContain(SixteenDigits().Matches("\"TraceId\":\"12345678901234567890\", 01a2257b-4265-76b3"), m => Nik.Parse(m.Value).IsSuccess);
        Assert.Empty(SixteenDigits().Matches("\"@tr\":\"1ebb8383702707530495f350e628b15a\""));
    }
}
