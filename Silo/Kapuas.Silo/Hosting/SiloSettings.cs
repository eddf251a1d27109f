namespace Kapuas.Silo.Hosting;

/// <summary>Per-process silo settings (configuration section <c>Kapuas:Silo</c>).</summary>
public sealed class SiloSettings
{
    public const string Section = "Kapuas:Silo";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port; 0 runs a silo without a gateway.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address the silo advertises to the cluster. Loopback unless set: a silo never advertises an external interface by accident.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Name shown in the membership table and in logs; defaults to silo-{port}.</summary>
    public string? Name { get; set; }

    /// <summary>Hangfire worker threads in this silo; 0 runs no Hangfire server here.</summary>
    public int JobWorkers { get; set; } = 4;
}
