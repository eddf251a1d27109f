using System.Text.RegularExpressions;

namespace Kapuas.Domain.Tests;

/// <summary>
/// Where things live, checked on the source: all SQL in the Infrastructure project (the Admin site takes query and
/// command services and never opens a connection; the grains write the read model through <c>IRosterStore</c>), and one WIB conversion (Domain/Common/Wib.cs).
/// </summary>
public sealed partial class ArchitectureTests
{
    [GeneratedRegex(@"\bNpgsqlDataSource\b|\bNpgsqlConnection\b|\busing Dapper\b|\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\s+[\w.*(]+[^""\n]*\b(FROM|SET|VALUES|WHERE)\b")]
    private static partial Regex Sql();

    [GeneratedRegex(@"FromHours\(\s*7\s*\)|Asia/Jakarta|TimeZoneInfo\.ConvertTime")]
    private static partial Regex WibConversion();

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kapuas.Actors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Kapuas.Actors.sln not found.");
    }

    private static IEnumerable<(string File, int Line, string Text)> Lines(string folder, Regex pattern) =>
        Directory.EnumerateFiles(Path.Combine(Root(), folder), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((text, i) => (File: Path.GetRelativePath(Root(), f), Line: i + 1, Text: text.Trim())))
            .Where(l => !l.Text.StartsWith("//", StringComparison.Ordinal) && pattern.IsMatch(l.Text));

    [Fact]
    public void The_admin_site_has_no_sql_and_opens_no_connection()
    {
        var found = Lines("Admin", Sql()).ToList();
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found.Select(f => $"{f.File}:{f.Line}: {f.Text}")));
    }

    [Fact]
    public void The_grains_and_the_silo_host_have_no_sql_and_open_no_connection()
    {
        var found = Lines("Grains", Sql()).Concat(Lines(Path.Combine("Silo", "Kapuas.Silo"), Sql())).ToList();
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found.Select(f => $"{f.File}:{f.Line}: {f.Text}")));
    }

    [Fact]
    public void Wib_is_converted_in_one_place()
    {
        var found = Lines("Grains", WibConversion()).Concat(Lines("Silo", WibConversion())).Concat(Lines("Admin", WibConversion()))
            .Where(f => f.File != Path.Combine("Grains", "Kapuas.Domain", "Common", "Wib.cs"))
            .ToList();
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found.Select(f => $"{f.File}:{f.Line}: {f.Text}")));
    }

    [Fact]
    public void The_checks_recognise_what_they_forbid()
    {
        Assert.Matches(Sql(), "var rows = await connection.QueryAsync<Row>(\"SELECT a.number FROM app.agreements\");");
        Assert.Matches(Sql(), "UPDATE app.renewals SET status = 'running'");
        Assert.Matches(Sql(), "public sealed class IndexModel(NpgsqlDataSource db) : PageModel");
        Assert.DoesNotMatch(Sql(), "<p>Pilih PKS dari daftar untuk melihat tagihan.</p>");
        Assert.Matches(WibConversion(), "new DateTimeOffset(day, TimeSpan.FromHours(7))");
        Assert.Matches(WibConversion(), "TimeZoneInfo.FindSystemTimeZoneById(\"Asia/Jakarta\")");
    }
}
