using Kapuas.Grains.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kapuas.Admin.Hosting;

/// <summary>Healthy when a grain in the cluster answers through this client.</summary>
public sealed class ClusterHealthCheck(IClusterClient cluster) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var view = await cluster.GetGrain<ISystemCheckGrain>("health").GetAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"Kluster menjawab (silo {view.SiloAddress}).");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Kluster Orleans tidak menjawab.", e);
        }
    }
}
