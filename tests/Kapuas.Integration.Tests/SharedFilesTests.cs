using Kapuas.Infrastructure.Hosting;
using Microsoft.Extensions.Configuration;

namespace Kapuas.Integration.Tests;

/// <summary>
/// The installation's shared files under the data folder, created by many at once: every caller gets the same complete
/// content, none fails, nothing temporary is left. Threads here, processes in <see cref="StartupRaceTests"/>.
/// </summary>
public sealed class SharedFilesTests
{
    [Fact]
    public void Sixteen_callers_loading_the_NIK_key_at_once_on_an_empty_folder_all_get_the_same_key()
    {
        for (var round = 0; round < 20; round++)
        {
            var data = Path.Combine(Path.GetTempPath(), "kapuas-shared-" + Guid.NewGuid().ToString("N"));
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["KAPUAS_DATA_DIR"] = data }).Build();
            try
            {
                // Threads of their own (not the pool, which grows slowly), released together.
                using var start = new Barrier(16);
                var keys = new string[16];
                var errors = new List<Exception>();
                var threads = Enumerable.Range(0, 16).Select(i => new Thread(() =>
                {
                    start.SignalAndWait();
                    try
                    {
                        keys[i] = Convert.ToBase64String(NikKey.Load(configuration, data));
                    }
                    catch (Exception e)
                    {
                        lock (errors)
                        {
                            errors.Add(e);
                        }
                    }
                })).ToList();
                threads.ForEach(t => t.Start());
                threads.ForEach(t => t.Join());

                Assert.Empty(errors);

                Assert.Single(keys.Distinct());
                Assert.Equal(32, Convert.FromBase64String(keys[0]).Length);
                Assert.Equal(["nik-fingerprint.key"], Directory.GetFiles(Path.Combine(data, "secrets")).Select(Path.GetFileName));
            }
            finally
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Fact]
    public void Preparing_the_data_folder_creates_the_NIK_key_and_one_cookie_key_once()
    {
        var data = Path.Combine(Path.GetTempPath(), "kapuas-prepare-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["KAPUAS_DATA_DIR"] = data }).Build();
        try
        {
            KapuasDataFolder.Prepare(configuration, data);
            var key = File.ReadAllText(NikKey.FilePath(data));
            var cookieKeys = Directory.GetFiles(KapuasDataFolder.KeyDirectory(data), "key-*.xml");
            Assert.Single(cookieKeys);
            Assert.True(Directory.Exists(Path.Combine(data, "logs")));

            KapuasDataFolder.Prepare(configuration, data);

            Assert.Equal(key, File.ReadAllText(NikKey.FilePath(data)));
            Assert.Equal(cookieKeys, Directory.GetFiles(KapuasDataFolder.KeyDirectory(data), "key-*.xml"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
