using Kapuas.Infrastructure.Hosting;
using Kapuas.Silo.Hosting;

namespace Kapuas.Silo;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // `Kapuas.Silo migrate` creates the database if needed, applies every migration and exits.
        if (args.FirstOrDefault() == "migrate")
        {
            return await MigrateCommand.RunAsync(args[1..]);
        }

        // `Kapuas.Silo seed --workers N` has the running silos generate demo data, and waits for it.
        if (args.FirstOrDefault() == "seed")
        {
            return await SeedCommand.RunAsync(args[1..]);
        }

        // `Kapuas.Silo backup --to FILE` and `restore --from FILE` (docs/operations.md).
        if (args.FirstOrDefault() == "backup")
        {
            return await BackupCommands.BackupAsync(args[1..]);
        }

        if (args.FirstOrDefault() == "restore")
        {
            return await BackupCommands.RestoreAsync(args[1..]);
        }

        var builder = WebApplication.CreateBuilder(HostArguments.WithoutConfigReload(args));
        builder.AddKapuasSilo();

        var app = builder.Build();
        app.MapKapuasSilo();
        await app.RunAsync();
        return 0;
    }
}
