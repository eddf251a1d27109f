using System.ComponentModel.DataAnnotations;
using Kapuas.Admin.Identity;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Coverage;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kapuas.Admin.Pages.Agreements;

/// <summary>The PKS agreements: record a new one, sign it, activate it, close it.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class IndexModel(IClusterClient cluster, AgreementDirectory directory, TimeProvider clock) : PageModel
{
    [BindProperty]
    public AgreementInput Input { get; set; } = new();

    public IReadOnlyList<AgreementListRow> Agreements { get; private set; } = [];

    /// <summary>The payer kind the list is filtered on (<c>?payer=Apbdes</c>); null lists every agreement.</summary>
    [BindProperty(SupportsGet = true, Name = "payer")]
    public FundingKind? PayerFilter { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var programs = (Input.Jkk ? Programs.Jkk : Programs.None) | (Input.Jkm ? Programs.Jkm : Programs.None);
        var terms = new AgreementTermsInput(Input.Number!, Input.SignedOn!.Value, Input.BudgetYear!.Value, Input.Start!.Value, Input.End!.Value,
            Input.Quota!.Value, programs, Input.DeclaredIncome!.Value, Input.BudgetCeiling!.Value, Input.PartialMonthRule,
            Input.Payer, Input.PayerKecamatan, Input.PayerDesa, Input.PayerName);
        var code = Input.Code!.Trim();
        var result = await cluster.GetGrain<IAgreementGrain>(code).DefineAsync(terms, Context());
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Message);
            }

            await LoadAsync();
            return Page();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostStatusAsync(string code, AgreementStatus status)
    {
        var result = await cluster.GetGrain<IAgreementGrain>(code).ChangeStatusAsync(status, Context());
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, string.Join(" ", result.Errors.Select(e => e.Message)));
            await LoadAsync();
            return Page();
        }

        return RedirectToPage();
    }

    private CommandContext Context() => CommandContext.New(User.Identity?.Name ?? "unknown", User.Identity?.Name ?? "unknown", clock.GetUtcNow());

    private async Task LoadAsync()
    {
        Agreements = await directory.ListAsync(PayerFilter);
    }
}

/// <summary>A new agreement's terms; display names and messages are keys of the site's resources (data annotations localization).</summary>
public sealed class AgreementInput
{
    [Required(ErrorMessage = "AgreementsCodeRequired")]
    [StringLength(40, ErrorMessage = "AgreementsCodeTooLong")]
    [Display(Name = "AgreementsFieldCode")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "AgreementsNumberRequired")]
    [StringLength(100, ErrorMessage = "AgreementsNumberTooLong")]
    [Display(Name = "AgreementsFieldNumber")]
    public string? Number { get; set; }

    [Required(ErrorMessage = "AgreementsSignedOnRequired")]
    [Display(Name = "AgreementsFieldSignedOn")]
    public DateOnly? SignedOn { get; set; }

    [Required(ErrorMessage = "AgreementsBudgetYearRequired")]
    [Range(2000, 2100, ErrorMessage = "AgreementsBudgetYearRange")]
    [Display(Name = "AgreementsFieldBudgetYear")]
    public int? BudgetYear { get; set; }

    [Required(ErrorMessage = "AgreementsStartRequired")]
    [Display(Name = "AgreementsFieldStart")]
    public DateOnly? Start { get; set; }

    [Required(ErrorMessage = "AgreementsEndRequired")]
    [Display(Name = "AgreementsFieldEnd")]
    public DateOnly? End { get; set; }

    [Required(ErrorMessage = "AgreementsQuotaRequired")]
    [Range(1, 10_000_000, ErrorMessage = "AgreementsQuotaRange")]
    [Display(Name = "AgreementsFieldQuota")]
    public int? Quota { get; set; }

    [Required(ErrorMessage = "AgreementsIncomeRequired")]
    [Range(1, 1_000_000_000, ErrorMessage = "AgreementsIncomeRange")]
    [Display(Name = "AgreementsFieldIncome")]
    public long? DeclaredIncome { get; set; } = 1_000_000;

    [Required(ErrorMessage = "AgreementsCeilingRequired")]
    [Range(1, 1_000_000_000_000_000, ErrorMessage = "AgreementsCeilingRange")]
    [Display(Name = "AgreementsFieldCeiling")]
    public long? BudgetCeiling { get; set; }

    [Display(Name = "AgreementsFieldPartialMonth")]
    public PartialMonthRule PartialMonthRule { get; set; } = PartialMonthRule.FullMonth;

    public bool Jkk { get; set; } = true;

    public bool Jkm { get; set; } = true;

    [Display(Name = "AgreementsFieldPayer")]
    public FundingKind Payer { get; set; } = FundingKind.ApbdKabupaten;

    [Display(Name = "AgreementsFieldPayerKecamatan")]
    public string? PayerKecamatan { get; set; }

    [Display(Name = "AgreementsFieldPayerDesa")]
    public string? PayerDesa { get; set; }

    [Display(Name = "AgreementsFieldPayerName")]
    public string? PayerName { get; set; }
}
