using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kapuas.Infrastructure.Backup;

/// <summary>
/// A Kapuas backup file: one line naming the format, one line of JSON describing the dump (migration, length, SHA-256),
/// then the dump itself in pg_dump's custom format. The header lets a restore refuse a foreign, truncated, corrupt or
/// newer file before it touches any database. The secrets the dump needs are in a separate file beside it
/// (<see cref="BackupSecrets"/>).
/// </summary>
public static class BackupArchive
{
    public const string Magic = "KAPUAS-ACTORS-BACKUP 1";

    /// <summary>The longest header read: anything longer is not a Kapuas backup.</summary>
    private const int MaxHeaderBytes = 64 * 1024;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>Writes <paramref name="target"/> whole from the dump file: a partial file never carries the final name.</summary>
    public static async Task<BackupHeader> WriteAsync(string target, string dumpFile, BackupHeader header, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(target))!;
        var partial = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            await using (var output = OwnerOnly.Create(partial))
            {
                var line = Encoding.UTF8.GetBytes($"{Magic}\n{JsonSerializer.Serialize(header, Json)}\n");
                await output.WriteAsync(line, cancellationToken);
                await using (var dump = File.OpenRead(dumpFile))
                {
                    await dump.CopyToAsync(output, cancellationToken);
                }

                await output.FlushAsync(cancellationToken);
                output.Flush(flushToDisk: true);
            }

            File.Move(partial, target, overwrite: false);
            return header;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Reads and checks a backup file: its header, then the dump's length and checksum. The dump is copied to
    /// <paramref name="dumpCopy"/> as it is checked (pg_restore reads it from there), so the file is read once.
    /// </summary>
    public static async Task<BackupCheck> ReadAsync(string path, string dumpCopy, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return BackupCheck.Refused(BackupRefusal.Missing);
        }

        await using var input = File.OpenRead(path);
        var magic = await ReadLineAsync(input, Magic.Length + 1, cancellationToken);
        if (magic != Magic)
        {
            return BackupCheck.Refused(BackupRefusal.NotKapuas);
        }

        var headerLine = await ReadLineAsync(input, MaxHeaderBytes, cancellationToken);
        BackupHeader? header;
        try
        {
            header = headerLine is null ? null : JsonSerializer.Deserialize<BackupHeader>(headerLine, Json);
        }
        catch (JsonException)
        {
            header = null;
        }

        if (header is null || header.DumpBytes <= 0 || header.DumpSha256 is not { Length: 64 })
        {
            return BackupCheck.Refused(BackupRefusal.Corrupt);
        }

        using var sha = SHA256.Create();
        long copied = 0;
        await using (var output = OwnerOnly.Create(dumpCopy))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.TransformBlock(buffer, 0, read, null, 0);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                copied += read;
            }
        }

        sha.TransformFinalBlock([], 0, 0);
        if (copied < header.DumpBytes)
        {
            return BackupCheck.Refused(BackupRefusal.Truncated, header);
        }

        if (copied > header.DumpBytes || !string.Equals(Convert.ToHexStringLower(sha.Hash!), header.DumpSha256, StringComparison.Ordinal))
        {
            return BackupCheck.Refused(BackupRefusal.Corrupt, header);
        }

        return new BackupCheck(header, null);
    }

    /// <summary>One line, without its newline; null when the stream ends first or the line is longer than allowed.</summary>
    private static async Task<string?> ReadLineAsync(Stream input, int maxBytes, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count <= maxBytes)
        {
            if (await input.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            if (one[0] == (byte)'\n')
            {
                try
                {
                    return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString([.. bytes]);
                }
                catch (DecoderFallbackException)
                {
                    return null;
                }
            }

            bytes.Add(one[0]);
        }

        return null;
    }

    /// <summary>The SHA-256 of a file, lower-case hex.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var input = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(input, cancellationToken));
    }
}

/// <summary>What a backup file says of itself.</summary>
public sealed record BackupHeader(
    DateTimeOffset TakenAt,
    int Migration,
    long DumpBytes,
    string DumpSha256,
    string Database,
    string PgDumpVersion,
    string ProductVersion);

public enum BackupRefusal
{
    Missing,
    NotKapuas,
    Truncated,
    Corrupt,
    Newer,
    SecretsMissing,
    SecretsMismatch,
    TargetNotEmpty,
    NikKeyDiffers,
}

public sealed record BackupCheck(BackupHeader? Header, BackupRefusal? Refusal)
{
    public static BackupCheck Refused(BackupRefusal refusal, BackupHeader? header = null) => new(header, refusal);
}

/// <summary>Files readable and writable by their owner only (0600), created new.</summary>
internal static class OwnerOnly
{
    public static FileStream Create(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }
}
