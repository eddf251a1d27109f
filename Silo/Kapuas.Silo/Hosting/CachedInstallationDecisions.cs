using Kapuas.Domain.Continuity;
using Kapuas.Grains.ReadModel;
using Kapuas.Infrastructure.Continuity;

namespace Kapuas.Silo.Hosting;

/// <summary>The decisions the Admin records, read through its store and kept for a minute for the grains.</summary>
public sealed class CachedInstallationDecisions(InstallationDecisionStore store, TimeProvider clock) : IInstallationDecisionSource
{
    private readonly TimedCache<InstallationDecisions> cache = new(clock, TimeSpan.FromMinutes(1));

    public Task<InstallationDecisions> GetAsync() => cache.GetAsync(store.GetAsync);

    /// <summary>Forgets the cached decisions (after an administrator recorded one).</summary>
    public void Invalidate() => cache.Invalidate();
}
