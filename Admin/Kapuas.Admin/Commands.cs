using System.Globalization;
using Kapuas.Grains.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kapuas.Admin;

/// <summary>What every page that changes data does the same way: who asks, and how refusals reach the form.</summary>
public static class Commands
{

    /// <summary>The command context of the signed-in user; a form's own operation id makes a double submit harmless.</summary>
    public static CommandContext Context(this PageModel page, TimeProvider clock, Guid? operationId = null)
    {
        var name = page.User.Identity?.Name ?? "unknown";
        return new CommandContext(operationId ?? Guid.NewGuid(), name, name, clock.GetUtcNow());
    }

    /// <summary>Puts each refusal on its field when the page has one with that name, else at the top of the form.</summary>
    public static void AddErrors(this ModelStateDictionary state, IEnumerable<WireError> errors, string prefix = "",
        IReadOnlyDictionary<string, string>? fields = null)
    {
        foreach (var error in errors)
        {
            var field = error.Field is null ? null : fields?.GetValueOrDefault(error.Field) ?? error.Field;
            state.AddModelError(field is null ? string.Empty : prefix + field, error.Message);
        }
    }

    /// <summary>A date and time typed into a form (datetime-local) is read as WIB, the time of Kapuas.</summary>
    public static DateTimeOffset? FromWib(DateTime? local) =>
        local is { } value ? Domain.Common.Wib.At(value) : null;

    public static string ToWibInput(DateTimeOffset at) => Domain.Common.Wib.ToWib(at).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}
