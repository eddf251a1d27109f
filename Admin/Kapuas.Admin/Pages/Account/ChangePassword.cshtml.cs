using System.ComponentModel.DataAnnotations;
using Kapuas.Admin.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kapuas.Admin.Pages.Account;

/// <summary>Changing one's own password; required after an administrator set it.</summary>
[Authorize(Policy = Policies.Reader)]
public sealed class ChangePasswordModel(UserManager<KapuasUser> users, SignInManager<KapuasUser> signIn) : PageModel
{
    [BindProperty]
    public PasswordForm Input { get; set; } = new();

    public bool Required => User.HasClaim(KapuasClaimsFactory.MustChangePasswordClaim, "true");

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, PasswordMessages.Describe(error));
            }

            return Page();
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = "Kata sandi diganti.";
        return Redirect("/");
    }

    public sealed class PasswordForm
    {
        [Required(ErrorMessage = "Kata sandi sekarang wajib diisi.")]
        [StringLength(256)]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Kata sandi baru wajib diisi.")]
        [StringLength(256)]
        public string New { get; set; } = "";

        [Compare(nameof(New), ErrorMessage = "Ulangan kata sandi baru tidak sama.")]
        public string Repeat { get; set; } = "";
    }
}
