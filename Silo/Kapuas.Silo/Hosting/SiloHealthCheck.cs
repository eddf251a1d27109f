using Kapuas.Grains.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kapuas.Silo.Hosting;

/// <summary>Healthy when this silo is active in the cluster and a grain answers.</summary>
public sealed class SiloHealthCheck(IGrainFactory grains, ILocalSiloDetails silo) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var view = await grains.GetGrain<ISystemCheckGrain>("health").GetAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"Silo {silo.Name} aktif; grain dijawab oleh {view.SiloAddress}.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Silo {silo.Name} belum siap.", e);
        }
    }
}
