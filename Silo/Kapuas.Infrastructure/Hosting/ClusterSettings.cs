namespace Kapuas.Infrastructure.Hosting;

/// <summary>
/// Identity of the Orleans cluster, shared by silos and clients (configuration section <c>Kapuas:Cluster</c>;
/// deliberately not <c>Orleans:</c>, which Orleans binds itself).
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "Kapuas:Cluster";

    /// <summary>Scopes membership: silos and clients with the same ClusterId form one cluster.</summary>
    public string ClusterId { get; set; } = "kapuas";

    /// <summary>Scopes grain state: changing it makes stored state invisible.</summary>
    public string ServiceId { get; set; } = "kapuas-actors";
}
