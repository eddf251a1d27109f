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

        var builder = WebApplication.CreateBuilder(args);
        builder.AddKapuasSilo();

        var app = builder.Build();
        app.MapKapuasSilo();
        await app.RunAsync();
        return 0;
    }
}
