namespace Kapuas.Infrastructure.Hosting;

/// <summary>The command line every Kapuas process starts its web host with.</summary>
public static class HostArguments
{
    /// <summary>
    /// The configuration is read once at start and never reloaded: to reload it on change .NET watches the content
    /// root and every folder below it, and a process started from the repository then reads an event for every file
    /// PostgreSQL writes under <c>.data/</c> (7 % of the silo's CPU during a renewal, measured).
    /// </summary>
    public static string[] WithoutConfigReload(string[] args) => [.. args, "--hostBuilder:reloadConfigOnChange=false"];
}
