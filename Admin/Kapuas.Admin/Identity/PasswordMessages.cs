using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Identity;

/// <summary>Identity's refusals in the site's languages (Identity's own description for a refusal not listed).</summary>
public static class PasswordMessages
{
    public static string Describe(IdentityError error, IStringLocalizer<SharedResource> texts) => error.Code switch
    {
        "PasswordMismatch" => texts["PasswordCurrentWrong"],
        "PasswordTooShort" => texts["PasswordTooShort"],
        "PasswordRequiresDigit" => texts["PasswordRequiresDigit"],
        "PasswordRequiresLower" => texts["PasswordRequiresLower"],
        "PasswordRequiresUpper" => texts["PasswordRequiresUpper"],
        "DuplicateUserName" => texts["UserNameTaken"],
        "InvalidUserName" => texts["UserNameInvalid"],
        _ => error.Description,
    };
}
