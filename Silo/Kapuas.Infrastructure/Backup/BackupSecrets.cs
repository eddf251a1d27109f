using System.Text.Json;
using Kapuas.Infrastructure.Hosting;

namespace Kapuas.Infrastructure.Backup;

/// <summary>
/// The secrets a restored installation needs besides its database, in a file of their own beside the dump
/// (<c>FILE.secrets</c>, readable by its owner only): the NIK fingerprint key (without it no NIK can be found again) and
/// the sign-in data-protection keys (without them every session and pending form is void). It names the dump it belongs
/// to by the dump's checksum.
/// </summary>
public sealed record BackupSecrets(string Format, string DumpSha256, string NikKey, IReadOnlyList<BackupSecrets.KeyFile> DataProtectionKeys)
{
    public const string CurrentFormat = "kapuas-actors-secrets 1";

    public const string Suffix = ".secrets";

    public sealed record KeyFile(string Name, string Xml);

    public static string PathFor(string backupFile) => backupFile + Suffix;

    /// <summary>Collects the installation's secrets: the NIK key in force and every data-protection key file.</summary>
    public static BackupSecrets Collect(byte[] nikKey, string dataDirectory, string dumpSha256)
    {
        var keyDirectory = KapuasDataFolder.KeyDirectory(dataDirectory);
        var keys = Directory.Exists(keyDirectory)
            ? Directory.GetFiles(keyDirectory, "*.xml").Order(StringComparer.Ordinal)
                .Select(f => new KeyFile(Path.GetFileName(f), File.ReadAllText(f))).ToList()
            : [];
        return new BackupSecrets(CurrentFormat, dumpSha256, Convert.ToBase64String(nikKey), keys);
    }

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var partial = path + $".{Guid.NewGuid():N}.partial";
        try
        {
            await using (var output = OwnerOnly.Create(partial))
            {
                await JsonSerializer.SerializeAsync(output, this, BackupArchive.Json, cancellationToken);
                output.Flush(flushToDisk: true);
            }

            File.Move(partial, path, overwrite: false);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>The secrets file, or null when it is missing or not one.</summary>
    public static async Task<BackupSecrets?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var input = File.OpenRead(path);
            var secrets = await JsonSerializer.DeserializeAsync<BackupSecrets>(input, BackupArchive.Json, cancellationToken);
            return secrets is { Format: CurrentFormat, NikKey.Length: > 0 } ? secrets : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public byte[] NikKeyBytes() => Convert.FromBase64String(NikKey);

    /// <summary>
    /// Puts the secrets in the data folder: the NIK key file (unless <c>KAPUAS_NIK_KEY</c> gives it) and any
    /// data-protection key not there yet. A different NIK key already in the folder is kept beside, renamed.
    /// </summary>
    public void Install(string dataDirectory, bool nikKeyFromEnvironment, DateTimeOffset now)
    {
        if (!nikKeyFromEnvironment)
        {
            InstallNikKey(Hosting.NikKey.FilePath(dataDirectory), now);
        }

        var keyDirectory = KapuasDataFolder.KeyDirectory(dataDirectory);
        Directory.CreateDirectory(keyDirectory);
        foreach (var key in DataProtectionKeys)
        {
            var target = Path.Combine(keyDirectory, Path.GetFileName(key.Name));
            if (!File.Exists(target))
            {
                using var output = OwnerOnly.Create(target);
                output.Write(System.Text.Encoding.UTF8.GetBytes(key.Xml));
            }
        }
    }

    private void InstallNikKey(string path, DateTimeOffset now)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            if (File.ReadAllText(path).Trim() == NikKey)
            {
                return;
            }

            File.Move(path, $"{path}.before-restore-{now:yyyyMMddHHmmss}");
        }

        using var output = OwnerOnly.Create(path);
        output.Write(System.Text.Encoding.ASCII.GetBytes(NikKey));
        output.Flush(flushToDisk: true);
    }
}
