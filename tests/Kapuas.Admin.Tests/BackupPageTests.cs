using System.Net;
using Kapuas.Infrastructure.Backup;
using Kapuas.Testing;

namespace Kapuas.Admin.Tests;

/// <summary>The Sistem page's backups: the last good one and its age, the warning past 36 hours, a backup made now.</summary>
[Collection(AdminCollection.Name)]
public sealed class BackupPageTests(AdminFixture fixture)
{
    [Fact]
    public async Task The_sistem_page_warns_when_the_last_good_backup_is_older_than_36_hours_and_a_backup_made_now_clears_it()
    {
        var admin = await fixture.AdministratorAsync();
        await fixture.Database.ExecuteAsync("DELETE FROM app.backup_runs");
        await fixture.Database.ExecuteAsync("""
            INSERT INTO app.backup_runs (started_at, finished_at, trigger, file, size_bytes, migration, succeeded, message) VALUES
              (now() - interval '40 hours 1 minute', now() - interval '40 hours', 'nightly', '/srv/old.backup', 1234567, 13, true, null),
              (now() - interval '16 hours 1 minute', now() - interval '16 hours', 'nightly', '/srv/failed.backup', null, null, false, 'disk penuh')
            """);

        var stale = WebUtility.HtmlDecode(await admin.GetStringAsync("/Diagnostics"));

        Assert.Contains("id=\"backup-overdue\"", stale, StringComparison.Ordinal);
        Assert.Contains("(40 h yang lalu), /srv/old.backup, 1.234.567 byte", stale, StringComparison.Ordinal);
        Assert.Contains("gagal: disk penuh", stale, StringComparison.Ordinal);

        var started = await AdminFixture.PostFormAsync(admin, "/Diagnostics?handler=Backup", [], tokenFrom: "/Diagnostics");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        await Eventually.UntilAsync(async () => await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.backup_runs WHERE trigger = 'manual' AND succeeded") == 1,
            TimeSpan.FromSeconds(60), "the backup job ran on the silo");
        var file = await fixture.Database.ScalarAsync<string>("SELECT file FROM app.backup_runs WHERE trigger = 'manual'");
        var fresh = WebUtility.HtmlDecode(await admin.GetStringAsync("/Diagnostics"));

        Assert.True(File.Exists(file) && File.Exists(BackupSecrets.PathFor(file!)), $"{file} and its secrets are written");
        Assert.StartsWith(Path.Combine(TestPaths.DataDirectory(), "backups", "kapuas-"), file, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"backup-overdue\"", fresh, StringComparison.Ordinal);
        Assert.Contains($"(0 h yang lalu), {file}", fresh, StringComparison.Ordinal);
    }
}
