using System.Text;
using Kapuas.Infrastructure.Database;
using Kapuas.Testing;
using Npgsql;

namespace Kapuas.Integration.Tests;

/// <summary>
/// The real <c>backup</c> and <c>restore</c> commands: a file that is not a good Kapuas backup of this or an older
/// version, or comes without its secrets, is refused with a clear message, and neither the target database nor the
/// data folder changes.
/// </summary>
public sealed class BackupRefusalTests : IAsyncLifetime
{
    private readonly PostgresDatabase source = new();
    private readonly PostgresDatabase occupied = new();
    private readonly string folder = Path.Combine(TestPaths.DataDirectory(), $"backup-refusal-{Guid.NewGuid():N}"[..30]);
    private string backup = "";

    public async Task InitializeAsync()
    {
        await source.InitializeAsync();
        await occupied.InitializeAsync();
        Directory.CreateDirectory(folder);
        await source.ExecuteAsync("INSERT INTO app.holidays (holiday_date, name, entered_by) VALUES ('2026-12-25', 'Natal', 'test')");
        await occupied.ExecuteAsync("INSERT INTO app.holidays (holiday_date, name, entered_by) VALUES ('2026-08-17', 'Hari Kemerdekaan', 'test')");
        backup = Path.Combine(folder, "good.backup");
        var made = await RunAsync(source.ConnectionString, Path.Combine(folder, "source-data"), "backup", "--to", backup);
        Assert.True(made.ExitCode == 0, made.All);
    }

    public async Task DisposeAsync()
    {
        await source.DisposeAsync();
        await occupied.DisposeAsync();
        await DropAsync(FreshName);
        await DropAsync(FreshName + "_restoring");
    }

    private string FreshName => $"{source.Name}_r";

    [Theory]
    [InlineData("foreign", "bukan berkas cadangan Kapuas.Actors")]
    [InlineData("truncated", "terpotong")]
    [InlineData("corrupt", "rusak")]
    [InlineData("newer", "versi yang lebih baru")]
    [InlineData("pg-dump-of-something-else", "bukan berkas cadangan Kapuas.Actors")]
    [InlineData("secrets-missing", "berkas rahasia")]
    [InlineData("secrets-of-another-backup", "milik cadangan lain")]
    public async Task A_bad_backup_is_refused_with_its_reason_and_nothing_is_created(string kind, string reason)
    {
        var bad = await BadBackupAsync(kind);
        var dataDirectory = Path.Combine(folder, $"data-{kind}");

        var restore = await RunAsync(KapuasDatabase.WithDatabase(source.ConnectionString, FreshName), dataDirectory, "restore", "--from", bad);

        Assert.True(restore.ExitCode == 1, restore.All);
        Assert.Contains("Pemulihan ditolak, tidak ada yang diubah", restore.Error, StringComparison.Ordinal);
        Assert.Contains(reason, restore.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await source.ScalarAsync<long>($"SELECT count(*) FROM pg_database WHERE datname LIKE '{FreshName}%'"));
        Assert.False(Directory.Exists(dataDirectory), "the data folder was created");
    }

    [Fact]
    public async Task A_database_that_holds_tables_is_not_replaced_without_replace_and_yes()
    {
        var dataDirectory = Path.Combine(folder, "data-occupied");

        var refused = await RunAsync(occupied.ConnectionString, dataDirectory, "restore", "--from", backup);
        var unconfirmed = await RunAsync(occupied.ConnectionString, dataDirectory, "restore", "--from", backup, "--replace");

        Assert.True(refused.ExitCode == 1, refused.All);
        Assert.Contains("sudah berisi tabel", refused.Error, StringComparison.Ordinal);
        Assert.True(unconfirmed.ExitCode == 2, unconfirmed.All);
        Assert.Contains("--yes", unconfirmed.Error, StringComparison.Ordinal);
        Assert.Equal("Hari Kemerdekaan", await occupied.ScalarAsync<string>("SELECT string_agg(name, ',') FROM app.holidays"));
        Assert.False(Directory.Exists(dataDirectory), "the data folder was created");
    }

    [Fact]
    public async Task With_replace_and_yes_the_database_is_replaced_and_the_old_one_kept_under_another_name()
    {
        var dataDirectory = Path.Combine(folder, "data-replace");

        var replaced = await RunAsync(occupied.ConnectionString, dataDirectory, "restore", "--from", backup, "--replace", "--yes");

        Assert.True(replaced.ExitCode == 0, replaced.All);
        NpgsqlConnection.ClearAllPools(); // the restore ended this process's pooled connections to the replaced database
        Assert.Equal("Natal", await occupied.ScalarAsync<string>("SELECT string_agg(name, ',') FROM app.holidays"));
        var kept = await occupied.ScalarAsync<string>($"SELECT datname FROM pg_database WHERE datname LIKE '{occupied.Name}_before_restore_%'");
        Assert.NotNull(kept);
        await using (var connection = new NpgsqlConnection(KapuasDatabase.WithDatabase(occupied.ConnectionString, kept!)))
        {
            await connection.OpenAsync();
            await using var names = new NpgsqlCommand("SELECT string_agg(name, ',') FROM app.holidays", connection);
            Assert.Equal("Hari Kemerdekaan", await names.ExecuteScalarAsync());
        }

        await DropAsync(kept!);
    }

    /// <summary>A copy of the good backup spoiled in one way, with a secrets file beside it unless that is the point.</summary>
    private async Task<string> BadBackupAsync(string kind)
    {
        var path = Path.Combine(folder, $"{kind}.backup");
        var bytes = await File.ReadAllBytesAsync(backup);
        var headerEnd = IndexOfNewline(bytes, IndexOfNewline(bytes, 0) + 1) + 1;
        switch (kind)
        {
            case "foreign":
                bytes = Encoding.UTF8.GetBytes("NIK;NAMA\n6203010101800001;Budi\n");
                break;
            case "truncated":
                bytes = bytes[..(headerEnd + ((bytes.Length - headerEnd) / 2))];
                break;
            case "corrupt":
                bytes[headerEnd + ((bytes.Length - headerEnd) / 2)] ^= 0x5A;
                break;
            case "newer":
                var header = Encoding.UTF8.GetString(bytes, 0, headerEnd);
                var newer = System.Text.RegularExpressions.Regex.Replace(header, "\"migration\":\\d+", "\"migration\":9999");
                bytes = [.. Encoding.UTF8.GetBytes(newer), .. bytes[headerEnd..]];
                break;
            case "pg-dump-of-something-else":
                // A well-formed Kapuas header around a dump of a database that is not Kapuas.Actors'.
                var dumpFile = Path.Combine(folder, "other.dump");
                var dump = await TestProcess.RunAsync(Infrastructure.Backup.PostgresTools.Find("pg_dump"),
                    ["--format=custom", $"--file={dumpFile}", "--schema=pg_catalog"],
                    Infrastructure.Backup.PostgresTools.Environment(KapuasDatabase.WithDatabase(source.ConnectionString, "postgres")));
                Assert.True(dump.ExitCode == 0, dump.All);
                var wrapped = Path.Combine(folder, "other.wrapped");
                await Infrastructure.Backup.BackupArchive.WriteAsync(wrapped, dumpFile, new Infrastructure.Backup.BackupHeader(
                    DateTimeOffset.UtcNow, 1, new FileInfo(dumpFile).Length, await Infrastructure.Backup.BackupArchive.Sha256Async(dumpFile, CancellationToken.None),
                    "postgres", "x", "x"), CancellationToken.None);
                bytes = await File.ReadAllBytesAsync(wrapped);
                break;
        }

        await File.WriteAllBytesAsync(path, bytes);
        var secrets = Infrastructure.Backup.BackupSecrets.PathFor(backup);
        if (kind == "secrets-of-another-backup")
        {
            var other = (await File.ReadAllTextAsync(secrets)).Replace("\"dumpSha256\":\"", "\"dumpSha256\":\"0", StringComparison.Ordinal);
            await File.WriteAllTextAsync(Infrastructure.Backup.BackupSecrets.PathFor(path), other);
        }
        else if (kind != "secrets-missing")
        {
            File.Copy(secrets, Infrastructure.Backup.BackupSecrets.PathFor(path));
        }

        return path;
    }

    private static int IndexOfNewline(byte[] bytes, int from) => Array.IndexOf(bytes, (byte)'\n', from);

    /// <summary>The real command, with the source installation's NIK key.</summary>
    private static Task<TestProcess.Outcome> RunAsync(string connectionString, string dataDirectory, params string[] arguments) =>
        SiloProcess.CommandAsync(connectionString, dataDirectory, TestData.NikKey, arguments);

    private async Task DropAsync(string database)
    {
        await PostgresDatabase.ExecuteAsync(KapuasDatabase.WithDatabase(source.ConnectionString, "postgres"), $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }
}
