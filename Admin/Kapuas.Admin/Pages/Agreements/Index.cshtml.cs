using System.ComponentModel.DataAnnotations;
using Kapuas.Admin.Identity;
using Kapuas.Domain.Agreements;
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
            Input.Quota!.Value, programs, Input.DeclaredIncome!.Value, Input.BudgetCeiling!.Value, Input.PartialMonthRule);
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
        Agreements = await directory.ListAsync();
    }
}

public sealed class AgreementInput
{
    [Required(ErrorMessage = "Kode PKS wajib diisi.")]
    [StringLength(40, ErrorMessage = "Kode PKS paling banyak 40 karakter.")]
    [Display(Name = "Kode (mis. PKS-2027)")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Nomor PKS wajib diisi.")]
    [StringLength(100, ErrorMessage = "Nomor PKS paling banyak 100 karakter.")]
    [Display(Name = "Nomor PKS")]
    public string? Number { get; set; }

    [Required(ErrorMessage = "Tanggal penandatanganan wajib diisi.")]
    [Display(Name = "Tanggal tanda tangan")]
    public DateOnly? SignedOn { get; set; }

    [Required(ErrorMessage = "Tahun anggaran wajib diisi.")]
    [Range(2000, 2100, ErrorMessage = "Tahun anggaran harus antara 2000 dan 2100.")]
    [Display(Name = "Tahun anggaran")]
    public int? BudgetYear { get; set; }

    [Required(ErrorMessage = "Tanggal mulai wajib diisi.")]
    [Display(Name = "Mulai")]
    public DateOnly? Start { get; set; }

    [Required(ErrorMessage = "Tanggal berakhir wajib diisi.")]
    [Display(Name = "Berakhir")]
    public DateOnly? End { get; set; }

    [Required(ErrorMessage = "Kuota wajib diisi.")]
    [Range(1, 10_000_000, ErrorMessage = "Kuota harus antara 1 dan 10.000.000.")]
    [Display(Name = "Kuota peserta")]
    public int? Quota { get; set; }

    [Required(ErrorMessage = "Penghasilan yang dilaporkan wajib diisi.")]
    [Range(1, 1_000_000_000, ErrorMessage = "Penghasilan yang dilaporkan harus lebih dari nol.")]
    [Display(Name = "Penghasilan yang dilaporkan (Rp)")]
    public long? DeclaredIncome { get; set; } = 1_000_000;

    [Required(ErrorMessage = "Pagu anggaran wajib diisi.")]
    [Range(1, 1_000_000_000_000_000, ErrorMessage = "Pagu anggaran harus lebih dari nol.")]
    [Display(Name = "Pagu anggaran (Rp)")]
    public long? BudgetCeiling { get; set; }

    [Display(Name = "Bulan tidak penuh")]
    public PartialMonthRule PartialMonthRule { get; set; } = PartialMonthRule.FullMonth;

    public bool Jkk { get; set; } = true;

    public bool Jkm { get; set; } = true;
}
