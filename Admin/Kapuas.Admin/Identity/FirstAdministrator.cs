using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Kapuas.Admin.Identity;

/// <summary>
/// On the first start (no user at all), creates the first administrator and prints its credentials once to the
/// console (never to the log files). <c>KAPUAS_ADMIN_PASSWORD</c> may set the password instead of a random one.
/// </summary>
public sealed partial class FirstAdministrator(
    IServiceProvider services, IConfiguration configuration, ILogger<FirstAdministrator> logger) : IHostedService
{
    public const string UserName = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<PostgresUserStore>();
        if (await store.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<KapuasUser>>();
        var configured = configuration["KAPUAS_ADMIN_PASSWORD"];
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        var admin = new KapuasUser { UserName = UserName, DisplayName = "Administrator" };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            // Another Admin instance created it at the same moment, or the configured password breaks the rules.
            LogNotCreated(string.Join("; ", created.Errors.Select(e => e.Description)));
            return;
        }

        await users.AddToRoleAsync(admin, Roles.Administrator);
        LogCreated(UserName);
        if (string.IsNullOrEmpty(configured))
        {
            Console.WriteLine();
            Console.WriteLine("==============================================================");
            Console.WriteLine(" Administrator pertama dibuat (first administrator created):");
            Console.WriteLine($"   nama pengguna / user name : {UserName}");
            Console.WriteLine($"   kata sandi / password     : {password}");
            Console.WriteLine(" Simpan sekarang: kata sandi ini tidak akan ditampilkan lagi.");
            Console.WriteLine(" (Save it now: it is not shown again.)");
            Console.WriteLine("==============================================================");
            Console.WriteLine();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>16 characters with upper case, lower case and digits, from a cryptographic source.</summary>
    internal static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string digits = "23456789";
        const string all = upper + lower + digits;
        var chars = new char[16];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First administrator {UserName} created; its password was printed on the console")]
    private partial void LogCreated(string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "First administrator not created: {Reason}")]
    private partial void LogNotCreated(string reason);
}
