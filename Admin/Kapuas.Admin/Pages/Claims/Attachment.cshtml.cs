using Kapuas.Admin.Identity;
using Kapuas.Infrastructure.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kapuas.Admin.Pages.Claims;

/// <summary>A claim's scanned document, served only under the worker and claim it belongs to.</summary>
[Authorize(Policy = Policies.Reader)]
public sealed class AttachmentModel(ClaimStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid worker, Guid claim, Guid id)
    {
        if (worker == Guid.Empty || claim == Guid.Empty || id == Guid.Empty)
        {
            return RedirectToPage(Navigation.ClaimsHome(User));
        }

        var file = await store.AttachmentAsync(worker, claim, id);
        if (file is null)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.ContentSecurityPolicy = "sandbox";
        return File(file.Content, file.ContentType, file.FileName);
    }
}
