using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kapuas.Infrastructure.Hosting;

/// <summary>
/// The installation's local data folder (<c>KAPUAS_DATA_DIR</c>, else <c>.data</c>) and what its processes share there:
/// <c>logs/</c>, <c>secrets/nik-fingerprint.key</c> and the sign-in cookies' data-protection keys in <c>keys/</c>.
/// </summary>
public static class KapuasDataFolder
{
    public const string ApplicationName = "Kapuas.Actors";

    public static string DataDirectory(IConfiguration configuration, IHostEnvironment environment) =>
        DataDirectory(configuration, environment.ContentRootPath);

    /// <summary><c>KAPUAS_DATA_DIR</c>, or <c>.data</c> under <paramref name="contentRoot"/>.</summary>
    public static string DataDirectory(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration["KAPUAS_DATA_DIR"];
        var path = string.IsNullOrWhiteSpace(configured) ? Path.Combine(contentRoot, ".data") : configured;
        return Path.GetFullPath(path);
    }

    public static string KeyDirectory(string dataDirectory) => Path.Combine(dataDirectory, "keys");

    /// <summary>
    /// Creates what the processes would otherwise race to create on a first start: the folders, the NIK key (unless
    /// <c>KAPUAS_NIK_KEY</c> gives it) and a data-protection key in force. Run by <c>migrate</c>, before any process
    /// starts; running it again changes nothing.
    /// </summary>
    public static void Prepare(IConfiguration configuration, string dataDirectory)
    {
        Directory.CreateDirectory(Path.Combine(dataDirectory, "logs"));
        _ = NikKey.Load(configuration, dataDirectory);
        EnsureDataProtectionKey(dataDirectory);
    }

    /// <summary>Data protection as every Admin instance of this installation uses it: one key ring in the data folder.</summary>
    public static IDataProtectionBuilder AddKapuasDataProtection(this IServiceCollection services, string dataDirectory) =>
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(KeyDirectory(dataDirectory)));

    /// <summary>Adds a key to the ring when none is in force for at least two more days (each key is its own file, written whole).</summary>
    private static void EnsureDataProtectionKey(string dataDirectory)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKapuasDataProtection(dataDirectory);
        using var provider = services.BuildServiceProvider();
        var keys = provider.GetRequiredService<IKeyManager>();
        var now = DateTimeOffset.UtcNow;
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
        {
            keys.CreateNewKey(now, now.AddDays(90));
        }
    }
}
