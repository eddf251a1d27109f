using System.ComponentModel.DataAnnotations;
using Kapuas.Admin.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<KapuasUser> signIn, IStringLocalizer<SharedResource> texts) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? texts["LoginLockedOut"]
            : texts["LoginRefused"]);
        return Page();
    }
}

/// <summary>The sign-in form; its messages are keys of the site's resources.</summary>
public sealed class LoginInput
{
    [Required(ErrorMessage = "LoginUserNameRequired")]
    [StringLength(256, ErrorMessage = "LoginUserNameTooLong")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "LoginPasswordRequired")]
    [StringLength(256, ErrorMessage = "LoginPasswordTooLong")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";
}
