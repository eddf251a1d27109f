using System.ComponentModel.DataAnnotations;
using Kapuas.Admin.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.Account;

/// <summary>Changing one's own password; required after an administrator set it.</summary>
[Authorize(Policy = Policies.Reader)]
public sealed class ChangePasswordModel(UserManager<KapuasUser> users, SignInManager<KapuasUser> signIn, IStringLocalizer<SharedResource> texts) : PageModel
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
                ModelState.AddModelError(string.Empty, PasswordMessages.Describe(error, texts));
            }

            return Page();
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = texts["ChangePasswordDone"].Value;
        return Redirect("/");
    }

    /// <summary>The form; its messages are keys of the site's resources.</summary>
    public sealed class PasswordForm
    {
        [Required(ErrorMessage = "ChangePasswordCurrentRequired")]
        [StringLength(256)]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "ChangePasswordNewRequired")]
        [StringLength(256)]
        public string New { get; set; } = "";

        [Compare(nameof(New), ErrorMessage = "ChangePasswordRepeatDiffers")]
        public string Repeat { get; set; } = "";
    }
}
