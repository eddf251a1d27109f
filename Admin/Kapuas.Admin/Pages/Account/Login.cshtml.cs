using System.ComponentModel.DataAnnotations;
using Kapuas.Admin.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kapuas.Admin.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<KapuasUser> signIn) : PageModel
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
            ? "Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi setelah 15 menit."
            : "Nama pengguna atau kata sandi salah.");
        return Page();
    }
}

public sealed class LoginInput
{
    [Required(ErrorMessage = "Nama pengguna wajib diisi.")]
    [StringLength(256, ErrorMessage = "Nama pengguna terlalu panjang.")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Kata sandi wajib diisi.")]
    [StringLength(256, ErrorMessage = "Kata sandi terlalu panjang.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";
}
