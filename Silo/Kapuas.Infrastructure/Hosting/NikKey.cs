using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Kapuas.Infrastructure.Hosting;

/// <summary>
/// The installation's secret for NIK fingerprints: <c>KAPUAS_NIK_KEY</c> (base64, at least 32 bytes), or else a key
/// generated once into <c>{data}/secrets/nik-fingerprint.key</c> and shared by every process using that folder. The
/// <c>migrate</c> step creates it before any process starts; a process that still finds it missing creates it without
/// racing the others (<see cref="SharedFiles"/>). Losing or changing it makes existing fingerprints unsearchable until
/// the read model is rebuilt.
/// </summary>
public static class NikKey
{
    public const string EnvironmentKey = "KAPUAS_NIK_KEY";

    public static string FilePath(string dataDirectory) => Path.Combine(dataDirectory, "secrets", "nik-fingerprint.key");

    public static byte[] Load(IConfiguration configuration, string dataDirectory)
    {
        var configured = configuration[EnvironmentKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Decode(configured, EnvironmentKey);
        }

        var path = FilePath(dataDirectory);
        var text = SharedFiles.ReadOrCreate(path, () => Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        return Decode(Encoding.ASCII.GetString(text), path);
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
