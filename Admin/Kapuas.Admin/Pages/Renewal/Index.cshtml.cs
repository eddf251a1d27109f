using System.ComponentModel.DataAnnotations;
using Kapuas.Admin.Identity;
using Kapuas.Admin.Renewal;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Renewal;
using Kapuas.Grains.Agreements;
using Kapuas.Infrastructure.Renewal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kapuas.Admin.Pages.Renewal;

/// <summary>Renewals: open a new one from the previous agreement's roster into the new agreement, and see past ones.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class IndexModel(RenewalService renewals, RenewalStore store, AgreementDirectory directory) : PageModel
{
    [BindProperty]
    public RenewalInput Input { get; set; } = new();

    public IReadOnlyList<RenewalSummary> Recent { get; private set; } = [];

    public IReadOnlyList<(string Code, string Number, string Status)> Agreements { get; private set; } = [];

    /// <summary>The pair offered first, or what is missing before a renewal can be opened.</summary>
    public RenewalSuggestion Suggestion { get; private set; } = new(null, null, RenewalSuggestion.Missing.Nothing);

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input.From = Suggestion.From;
        Input.To = Suggestion.To;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var (id, refusal) = await renewals.PreviewAsync(Input.From, Input.To, Input.Priority, User.Identity?.Name ?? "unknown");
            if (id is { } created)
            {
                return RedirectToPage("Plan", new { id = created });
            }

            ModelState.AddModelError(refusal!.Field == "from" ? "Input.From" : "Input.To", refusal.Message);
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Recent = await store.RecentAsync(20);
        var rows = await directory.ListAsync();
        Agreements = [.. rows.Select(r => (r.Code, r.Number, r.Status))];
        Suggestion = RenewalSuggestion.For(rows.Select(r => new AgreementListing(
            r.Code, DateOnly.FromDateTime(r.Start), DateOnly.FromDateTime(r.End), Enum.Parse<Domain.Agreements.AgreementStatus>(r.Status))));
    }
}

/// <summary>The renewal to preview; display names and messages are keys of the site's resources.</summary>
public sealed class RenewalInput
{
    [Required(ErrorMessage = "RenewalFromRequired")]
    [StringLength(40)]
    [Display(Name = "RenewalFieldFrom")]
    public string? From { get; set; }

    [Required(ErrorMessage = "RenewalToRequired")]
    [StringLength(40)]
    [Display(Name = "RenewalFieldTo")]
    public string? To { get; set; }

    [Display(Name = "RenewalFieldPriority")]
    public RenewalPriority Priority { get; set; } = RenewalPriority.LongestContinuousMembership;
}
