using System.Text.RegularExpressions;
using Kapuas.Testing;

namespace Kapuas.Integration.Tests;

/// <summary>
/// Every command the README shows exists and takes the options shown: each is run as written, with <c>--help</c>
/// added (the silo's commands with the build ./test.sh made), and must answer with its usage and exit 0. A command
/// that was renamed, or an option it no longer takes, fails here.
/// </summary>
public sealed partial class ReadmeCommandTests
{
    // Optional VAR=value prefixes, then one of the project's commands, then its arguments.
    [GeneratedRegex(@"^((?:[A-Z_]+=\S+\s+)*)(\./run\.sh|\./test\.sh|bench/run\.sh|scripts/[\w.-]+\.sh|dotnet\s+\S*Kapuas\.Silo\.dll)(.*)$")]
    private static partial Regex Command();

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    [GeneratedRegex(@"`([^`\n]+(?:\n[^`\n]+)?)`")]
    private static partial Regex CodeSpan();

    public static IEnumerable<string> Commands()
    {
        var readme = File.ReadAllText(Path.Combine(SiloProcess.RepositoryRoot(), "README.md"));
        var blocks = BashBlock().Matches(readme).SelectMany(m => m.Groups[1].Value.Split('\n')).Select(l => l.Split('#')[0]);
        var spans = CodeSpan().Matches(BashBlock().Replace(readme, "")).Select(m => m.Groups[1].Value.Replace('\n', ' '));
        return blocks.Concat(spans).Select(c => Regex.Replace(c.Trim(), @"\s+", " ")).Where(c => Command().IsMatch(c)).Distinct();
    }

    [Fact]
    public void The_readme_shows_the_commands_a_user_needs()
    {
        var commands = Commands().ToList();
        foreach (var expected in new[] { "./run.sh", "./test.sh", "./run.sh --silos 3", "scripts/seed.sh --workers 100000 --seed 7", "bench/run.sh import 10000" })
        {
            Assert.Contains(expected, commands);
        }

        Assert.Contains(commands, c => c.Contains("Kapuas.Silo.dll migrate", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("Kapuas.Silo.dll seed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_command_the_readme_shows_answers_help_with_the_options_shown()
    {
        var failures = new List<string>();
        foreach (var command in Commands())
        {
            var match = Command().Match(command);
            var program = match.Groups[2].Value.StartsWith("dotnet", StringComparison.Ordinal)
                ? $"dotnet {SiloProcess.Dll(SiloProcess.SiloProgram)}"
                : match.Groups[2].Value;
            var line = $"{match.Groups[1].Value}{program}{match.Groups[3].Value} --help";
            var run = await TestProcess.RunAsync("bash", ["-c", line], timeout: TimeSpan.FromSeconds(60));
            if (run.ExitCode != 0 || run.Output.Trim().Length == 0)
            {
                failures.Add($"`{command}` (run as `{line}`) exited {run.ExitCode}: {run.All}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
