using System.Globalization;
using System.Runtime.CompilerServices;

namespace Kapuas.Grains.Tests;

/// <summary>
/// The tests read the rules' texts in Bahasa Indonesia, the default: they run in the invariant culture whatever the
/// machine's locale (on an English one the rules would otherwise answer in English). A test that wants English sets
/// the UI culture itself.
/// </summary>
internal static class TestCulture
{
#pragma warning disable CA2255 // A test assembly's own start-up, not a library's.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseTheInvariantCulture()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }
}
