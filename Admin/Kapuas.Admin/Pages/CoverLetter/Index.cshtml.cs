using Kapuas.Admin.Identity;
using Kapuas.Domain.Claims;
using Kapuas.Infrastructure.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.CoverLetter;

/// <summary>
/// The cover letter of claim files, set by an administrator: letterhead, addressee, numbering and signatory. Letters
/// already issued keep the settings they were issued with.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class IndexModel(CoverLetterStore letters, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public SettingsForm Input { get; set; } = new();

    public string Example { get; private set; } = "";

    public async Task OnGetAsync()
    {
        var settings = await letters.SettingsAsync();
        Input = SettingsForm.From(settings);
        Example = Sample(settings);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var settings = Input.ToSettings();
        foreach (var (field, code) in settings.Problems())
        {
            ModelState.AddModelError($"{nameof(Input)}.{field}", text["CoverLetter." + code].Value);
        }

        if (!ModelState.IsValid)
        {
            Example = settings.Problems().Count == 0 ? Sample(settings) : "";
            return Page();
        }

        await letters.SaveSettingsAsync(settings, User.Identity?.Name ?? "unknown");
        TempData["Message"] = text["CoverLetterSaved"].Value;
        return RedirectToPage();
    }

    private static string Sample(CoverLetterSettings settings) =>
        settings.NumberPattern.Contains("{n}", StringComparison.Ordinal) ? settings.Number(1, new DateOnly(2026, 12, 1)) : "";

    public sealed class SettingsForm
    {
        public string? Office { get; set; }
        public string? Address { get; set; }
        public string? City { get; set; }
        public string? Addressee { get; set; }
        public string? NumberPattern { get; set; }
        public string? SignatoryName { get; set; }
        public string? SignatoryTitle { get; set; }
        public string? SignatoryNip { get; set; }

        public static SettingsForm From(CoverLetterSettings s) => new()
        {
            Office = s.Office, Address = s.Address, City = s.City, Addressee = s.Addressee, NumberPattern = s.NumberPattern,
            SignatoryName = s.SignatoryName, SignatoryTitle = s.SignatoryTitle, SignatoryNip = s.SignatoryNip,
        };

        public CoverLetterSettings ToSettings() => new CoverLetterSettings(Office ?? "", Address ?? "", City ?? "", Addressee ?? "",
            NumberPattern ?? "", SignatoryName ?? "", SignatoryTitle ?? "", SignatoryNip ?? "").Normalised();
    }
}
