using Kapuas.Admin.Identity;
using Kapuas.Infrastructure.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.Holidays;

/// <summary>
/// Public holidays as data: the moving ones (SKB 3 Menteri, each year) are entered here; the fixed-date ones are
/// known. The JKM payment clock (3 working days) skips them.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class IndexModel(ClaimStore store, IStringLocalizer<SharedResource> texts) : PageModel
{
    public IReadOnlyList<HolidayRow> Holidays { get; private set; } = [];

    [BindProperty]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public async Task OnGetAsync() => Holidays = await store.HolidaysAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var name = Name?.Trim() ?? "";
        if (Date is null || Date.Value.Year is < 2015 or > 2100)
        {
            ModelState.AddModelError(nameof(Date), texts["HolidaysDateRequired"]);
        }

        if (name.Length is 0 or > 120)
        {
            ModelState.AddModelError(nameof(Name), texts["HolidaysNameRequired"]);
        }

        if (!ModelState.IsValid)
        {
            Holidays = await store.HolidaysAsync();
            return Page();
        }

        await store.SaveHolidayAsync(Date!.Value, name, User.Identity?.Name ?? "unknown");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(DateOnly? date)
    {
        if (date is null || !ModelState.IsValid)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, texts["HolidaysUnknownDate"]);
            Holidays = await store.HolidaysAsync();
            return Page();
        }

        await store.DeleteHolidayAsync(date.Value);
        return RedirectToPage();
    }
}
