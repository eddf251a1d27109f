using Microsoft.AspNetCore.Identity;

namespace Kapuas.Admin.Identity;

/// <summary>Identity's refusals in Bahasa Indonesia.</summary>
public static class PasswordMessages
{
    public static string Describe(IdentityError error) => error.Code switch
    {
        "PasswordMismatch" => "Kata sandi sekarang salah.",
        "PasswordTooShort" => "Kata sandi paling sedikit 10 karakter.",
        "PasswordRequiresDigit" => "Kata sandi harus memuat angka.",
        "PasswordRequiresLower" => "Kata sandi harus memuat huruf kecil.",
        "PasswordRequiresUpper" => "Kata sandi harus memuat huruf besar.",
        "DuplicateUserName" => "Nama pengguna sudah dipakai.",
        "InvalidUserName" => "Nama pengguna hanya boleh huruf, angka dan - . _ @ +.",
        _ => error.Description,
    };
}
