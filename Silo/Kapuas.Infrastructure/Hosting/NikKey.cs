using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Kapuas.Infrastructure.Hosting;

/// <summary>
/// The installation's secret for NIK fingerprints: <c>KAPUAS_NIK_KEY</c> (base64, at least 32 bytes), or else a key
/// generated once into <c>{data}/secrets/nik-fingerprint.key</c> and shared by every process using that folder.
/// Losing or changing it makes existing fingerprints unsearchable until the read model is rebuilt.
/// </summary>
public static class NikKey
{
    public const string EnvironmentKey = "KAPUAS_NIK_KEY";

    public static byte[] Load(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[EnvironmentKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Decode(configured, EnvironmentKey);
        }

        var directory = Path.Combine(KapuasPaths.DataDirectory(configuration, environment), "secrets");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "nik-fingerprint.key");
        if (!File.Exists(path))
        {
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                using var writer = new StreamWriter(stream);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }

        for (var attempt = 0; ; attempt++)
        {
            var text = File.ReadAllText(path).Trim();
            if (text.Length > 0 || attempt >= 20)
            {
                return Decode(text, path);
            }

            Thread.Sleep(50); // the other process is still writing it
        }
    }

    private static byte[] Decode(string text, string source)
    {
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            return key.Length >= 32 ? key : throw new InvalidOperationException($"The NIK key in {source} is shorter than 32 bytes.");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The NIK key in {source} is not valid base64.");
        }
    }
}
