using Kapuas.Infrastructure.Backup;
using Kapuas.Infrastructure.Database;
using Kapuas.Infrastructure.Hosting;
using Npgsql;

namespace Kapuas.Silo.Hosting;

/// <summary>
/// <c>Kapuas.Silo backup --to FILE</c> and <c>Kapuas.Silo restore --from FILE</c>: the whole database in pg_dump's
/// custom format inside a checked Kapuas backup file, with the secrets in <c>FILE.secrets</c> beside it.
/// </summary>
public static class BackupCommands
{
    public const string BackupUsage = """
        Kapuas.Silo backup --to FILE
          Backs up the database KAPUAS_DB names (every schema, one consistent snapshot, while the system runs) into
          FILE, and the secrets a restore needs (the NIK key, the sign-in key ring of KAPUAS_DATA_DIR) into
          FILE.secrets. Both are readable by their owner only: keep FILE.secrets apart from FILE.
        """;

    public const string RestoreUsage = """
        Kapuas.Silo restore --from FILE [--secrets FILE.secrets] [--grant-to ROLE] [--replace --yes]
          Restores a Kapuas backup into the database KAPUAS_DB names (as its owner role), brings it to this version's
          migrations and puts the secrets into KAPUAS_DATA_DIR. Stop the silos and the Admin first.
          Refused, with nothing changed: a file that is not a Kapuas backup, is truncated or corrupt, or comes from a
          newer version; missing secrets; a database that holds tables, unless --replace --yes (the old database is
          kept, renamed NAME_before_restore_TIME).
          --grant-to ROLE: the application role gets its run-time rights, as with migrate --grant-to.
        """;

    public static async Task<int> BackupAsync(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine(BackupUsage);
            return 0;
        }

        if (args is not ["--to", var target])
        {
            await Console.Error.WriteLineAsync($"Pilihan tidak dikenal / unknown option: {string.Join(' ', args)}{Environment.NewLine}{BackupUsage}");
            return 2;
        }

        using var command = CommandSetting.Read();
        if (command is not { Service: { } service, Configuration: var configuration, DataDirectory: var dataDirectory })
        {
            return 1;
        }

        try
        {
            var result = await service.BackupAsync(target, NikKey.Load(configuration, dataDirectory), "command", CancellationToken.None);
            Console.WriteLine($"Cadangan selesai (backup written): {result.File}, {result.Bytes:N0} bytes, migrasi {result.Header.Migration}, {result.Duration.TotalSeconds:N1} s");
            Console.WriteLine($"Rahasia (secrets, keep apart): {result.SecretsFile}");
            return 0;
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException or NpgsqlException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"Cadangan gagal (backup failed): {e.Message}");
            return 1;
        }
    }

    public static async Task<int> RestoreAsync(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine(RestoreUsage);
            return 0;
        }

        string? source = null, secrets = null, grantTo = null;
        bool replace = false, confirmed = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--from" when i + 1 < args.Length:
                    source = args[++i];
                    break;
                case "--secrets" when i + 1 < args.Length:
                    secrets = args[++i];
                    break;
                case "--grant-to" when i + 1 < args.Length:
                    grantTo = args[++i];
                    break;
                case "--replace":
                    replace = true;
                    break;
                case "--yes":
                    confirmed = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Pilihan tidak dikenal / unknown option: {args[i]}{Environment.NewLine}{RestoreUsage}");
                    return 2;
            }
        }

        if (source is null)
        {
            await Console.Error.WriteLineAsync($"--from FILE wajib / is required{Environment.NewLine}{RestoreUsage}");
            return 2;
        }

        if (replace && !confirmed)
        {
            await Console.Error.WriteLineAsync("--replace mengganti basis data yang berisi data: ulangi dengan --yes untuk menegaskan. (--replace needs --yes to confirm.)");
            return 2;
        }

        using var command = CommandSetting.Read();
        if (command is not { Service: { } service, Configuration: var configuration, DataDirectory: var dataDirectory })
        {
            return 1;
        }

        try
        {
            var environmentKey = configuration[NikKey.EnvironmentKey] is { Length: > 0 } ? NikKey.Load(configuration, dataDirectory) : null;
            var result = await service.RestoreAsync(source, new RestoreOptions(replace, grantTo, secrets, environmentKey), CancellationToken.None);
            if (result.Refusal is { } refusal)
            {
                await Console.Error.WriteLineAsync($"Pemulihan ditolak, tidak ada yang diubah (restore refused, nothing changed): {Explain(refusal, source)}");
                return 1;
            }

            Console.WriteLine($"Pemulihan selesai (restored): {KapuasDatabase.Describe(command.ConnectionString!)} dari cadangan {result.Header!.TakenAt:yyyy-MM-dd HH:mm} UTC, migrasi {result.Header.Migration}.");
            if (result.PreviousKeptAs is { } kept)
            {
                Console.WriteLine($"Basis data sebelumnya disimpan sebagai (previous database kept as) {kept}; hapus setelah diperiksa (drop it once checked).");
            }

            Console.WriteLine("Jalankan silo dan Admin lagi (start the silos and the Admin again).");
            return 0;
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException or NpgsqlException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"Pemulihan gagal, basis data tujuan tidak diubah (restore failed, target unchanged): {e.Message}");
            return 1;
        }
    }

    /// <summary>Why a backup was refused, in Bahasa Indonesia with the English after it.</summary>
    public static string Explain(BackupRefusal refusal, string file) => refusal switch
    {
        BackupRefusal.Missing => $"berkas {file} tidak ada ({file} does not exist).",
        BackupRefusal.NotKapuas => $"{file} bukan berkas cadangan Kapuas.Actors ({file} is not a Kapuas.Actors backup).",
        BackupRefusal.Truncated => $"{file} terpotong: isinya lebih pendek dari yang dicatat di kepalanya (truncated: shorter than its header says).",
        BackupRefusal.Corrupt => $"{file} rusak: isinya tidak cocok dengan checksum di kepalanya (corrupt: its content does not match its checksum).",
        BackupRefusal.Newer => $"{file} dibuat oleh versi yang lebih baru (migrasinya belum dikenal versi ini); pasang versi itu dulu (made by a newer version: install it first).",
        BackupRefusal.SecretsMissing => $"berkas rahasia {file}{BackupSecrets.Suffix} tidak ada atau tidak sah; sebutkan dengan --secrets (the secrets file is missing or invalid; name it with --secrets).",
        BackupRefusal.SecretsMismatch => "berkas rahasia itu milik cadangan lain (the secrets file belongs to another backup).",
        BackupRefusal.TargetNotEmpty => "basis data tujuan sudah berisi tabel; pulihkan ke basis data kosong, atau tambahkan --replace --yes (the target database holds tables: restore into an empty one, or add --replace --yes).",
        BackupRefusal.NikKeyDiffers => $"KAPUAS_NIK_KEY berbeda dengan kunci NIK cadangan ini; NIK tidak akan dapat dicari (KAPUAS_NIK_KEY differs from the backup's NIK key).",
        _ => refusal.ToString(),
    };

    /// <summary>What both commands run with: the settings, the data folder and the service, or null service when no database is set.</summary>
    private sealed record CommandSetting(IConfiguration Configuration, string? ConnectionString, string DataDirectory, ILoggerFactory Loggers, BackupService? Service)
        : IDisposable
    {
        public static CommandSetting Read()
        {
            var configuration = new ConfigurationBuilder()
                .SetBasePath(AppContext.BaseDirectory)
                .AddJsonFile("appsettings.json", optional: true)
                .AddEnvironmentVariables()
                .Build();
            var dataDirectory = KapuasDataFolder.DataDirectory(configuration, Directory.GetCurrentDirectory());
            var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
            try
            {
                var connectionString = KapuasDatabase.ConnectionString(configuration);
                return new CommandSetting(configuration, connectionString, dataDirectory, loggers,
                    new BackupService(connectionString, dataDirectory, loggers.CreateLogger<BackupService>(), TimeProvider.System));
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine(e.Message);
                return new CommandSetting(configuration, null, dataDirectory, loggers, null);
            }
        }

        public void Dispose() => Loggers.Dispose();
    }
}
