using System.Globalization;
using Kapuas.Domain.Common;

namespace Kapuas.Grains.Common;

/// <summary>
/// The language of the texts a grain puts into its answers (labels, explanations, the estimate's working, warnings):
/// the caller's UI culture when the caller sends it with the call (<see cref="SendUiCulture"/>), else Bahasa Indonesia,
/// whatever the silo machine's locale. Texts a grain keeps (state, read model) are rendered in Bahasa Indonesia
/// explicitly and do not depend on it.
/// </summary>
public static class CallCulture
{
    /// <summary>The <see cref="RequestContext"/> entry holding the caller's UI culture name (e.g. <c>en</c>, <c>id-ID</c>).</summary>
    public const string Key = "kapuas.ui-culture";

    /// <summary>The culture a grain call answers in: English when the caller asked for it, else Bahasa Indonesia.</summary>
    public static CultureInfo Current =>
        RequestContext.Get(Key) is string name && name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? DomainText.English : DomainText.Indonesian;

    /// <summary>Runs a grain call with <see cref="CultureInfo.CurrentUICulture"/> set to <see cref="Current"/>.</summary>
    public static async Task InvokeAsync(IIncomingGrainCallContext context)
    {
        using var culture = DomainText.Use(Current);
        await context.Invoke();
    }
}

/// <summary>
/// A client's outgoing call filter that sends the current UI culture with every grain call (see <see cref="CallCulture"/>).
/// Register it on the Admin's Orleans client (<c>client.AddOutgoingGrainCallFilter&lt;SendUiCulture&gt;()</c>): the
/// Admin sets the UI culture per request from the language cookie.
/// </summary>
public sealed class SendUiCulture : IOutgoingGrainCallFilter
{
    // Async, so that the entry is set for this call only and does not stay in the caller's request context.
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (CultureInfo.CurrentUICulture.Name is { Length: > 0 } name)
        {
            RequestContext.Set(CallCulture.Key, name);
        }
        else
        {
            RequestContext.Remove(CallCulture.Key);
        }

        await context.Invoke();
    }
}
