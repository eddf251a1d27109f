using Kapuas.Admin.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.Users;

/// <summary>
/// Administrators manage the site's users: create them with roles, reset passwords (shown once, to be changed at the
/// next sign-in), lock and unlock accounts, issue and revoke API keys.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class IndexModel(
    UserManager<KapuasUser> users, ApiKeyStore keys, UserDirectory directory, TimeProvider clock, IStringLocalizer<SharedResource> texts) : PageModel
{
    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public IReadOnlyDictionary<Guid, IReadOnlyList<ApiKeyRow>> Keys { get; private set; } = new Dictionary<Guid, IReadOnlyList<ApiKeyRow>>();

    [BindProperty]
    public NewUserForm Input { get; set; } = new();

    /// <summary>A password or key shown once, right after it was made.</summary>
    [TempData]
    public string? Secret { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var name = Input.UserName?.Trim() ?? "";
        var roles = Input.Roles.Where(Roles.All.Contains).Distinct().ToList();
        if (name.Length is 0 or > 64)
        {
            ModelState.AddModelError("Input.UserName", texts["UsersNameRequired"]);
        }

        if (roles.Count == 0)
        {
            ModelState.AddModelError("Input.Roles", texts["UsersChooseRole"]);
        }

        if ((Input.DisplayName?.Length ?? 0) > 120)
        {
            ModelState.AddModelError("Input.DisplayName", texts["UsersFullNameTooLong"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var user = new KapuasUser { UserName = name, DisplayName = Input.DisplayName?.Trim() ?? name, MustChangePassword = true, CreatedAt = clock.GetUtcNow() };
        var password = FirstAdministrator.GeneratePassword();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError("Input.UserName", PasswordMessages.Describe(error, texts));
            }

            await LoadAsync();
            return Page();
        }

        await users.AddToRolesAsync(user, roles);
        Secret = texts["UsersInitialPassword", name, password];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResetAsync(Guid id) => await WithUserAsync(id, async user =>
    {
        var password = FirstAdministrator.GeneratePassword();
        await users.RemovePasswordAsync(user);
        await users.AddPasswordAsync(user, password);
        user.MustChangePassword = true;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        Secret = texts["UsersNewPassword", user.UserName, password];
        return null;
    });

    public async Task<IActionResult> OnPostLockAsync(Guid id) => await WithUserAsync(id, async user =>
    {
        if (user.UserName == User.Identity?.Name)
        {
            return texts["UsersCannotLockSelf"];
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        Message = texts["UsersLockedMessage", user.UserName];
        return null;
    });

    public async Task<IActionResult> OnPostUnlockAsync(Guid id) => await WithUserAsync(id, async user =>
    {
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        Message = texts["UsersUnlockedMessage", user.UserName];
        return null;
    });

    public async Task<IActionResult> OnPostRolesAsync(Guid id, List<string> roles) => await WithUserAsync(id, async user =>
    {
        var wanted = roles.Where(Roles.All.Contains).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return texts["UsersChooseRole"];
        }

        var current = await users.GetRolesAsync(user);
        if (user.UserName == User.Identity?.Name && !wanted.Contains(Roles.Administrator))
        {
            return texts["UsersCannotDropOwnAdministrator"];
        }

        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        await users.UpdateSecurityStampAsync(user);
        Message = texts["UsersRolesSaved", user.UserName, string.Join(", ", wanted)];
        return null;
    });

    public async Task<IActionResult> OnPostIssueKeyAsync(Guid id, string? keyName) => await WithUserAsync(id, async user =>
    {
        var name = keyName?.Trim() ?? "";
        if (name.Length is 0 or > 80)
        {
            return texts["UsersKeyNameRequired"];
        }

        var key = await keys.IssueAsync(user.Id, name, User.Identity?.Name ?? "unknown");
        Secret = texts["UsersKeyIssued", name, user.UserName, key];
        return null;
    });

    public async Task<IActionResult> OnPostRevokeKeyAsync(Guid id, Guid key) => await WithUserAsync(id, async user =>
    {
        Message = await keys.RevokeAsync(user.Id, key) ? texts["UsersKeyRevokedMessage"] : texts["UsersKeyNotFound"];
        return null;
    });

    /// <summary>Runs an action on a user; a returned message is a refusal shown on the page.</summary>
    private async Task<IActionResult> WithUserAsync(Guid id, Func<KapuasUser, Task<string?>> action)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        if (await action(user) is { } refusal)
        {
            ModelState.AddModelError(string.Empty, refusal);
            await LoadAsync();
            return Page();
        }

        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Users = await directory.ListAsync();
        var all = new Dictionary<Guid, IReadOnlyList<ApiKeyRow>>();
        foreach (var user in Users)
        {
            all[user.Id] = await keys.ListAsync(user.Id);
        }

        Keys = all;
    }

    public sealed class NewUserForm
    {
        public string? UserName { get; set; }

        public string? DisplayName { get; set; }

        public List<string> Roles { get; set; } = [];
    }
}
