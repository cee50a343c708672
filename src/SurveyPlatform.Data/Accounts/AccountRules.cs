using Microsoft.AspNetCore.Identity;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Data.Accounts;

/// <summary>Password and account rules shared by the server and the <c>survey admin create</c> command.</summary>
public static class AccountRules
{
    public const string AdministratorRole = "Administrator";

    /// <summary>NIST SP 800-63B: at least 12 characters and a blocklist (<see cref="CommonPasswordValidator"/>), no composition rules.</summary>
    public static void Passwords(PasswordOptions o)
    {
        o.RequiredLength = 12;
        o.RequireDigit = false;
        o.RequireLowercase = false;
        o.RequireUppercase = false;
        o.RequireNonAlphanumeric = false;
        o.RequiredUniqueChars = 1;
    }

    /// <summary>Creates an administrator account (first-run page and the command line).</summary>
    public static async Task<IdentityResult> CreateAdministratorAsync(UserManager<AppUser> users, RoleManager<IdentityRole> roles, string email, string password)
    {
        if (!await roles.RoleExistsAsync(AdministratorRole))
            await roles.CreateAsync(new IdentityRole(AdministratorRole));
        var user = new AppUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return created;
        return await users.AddToRoleAsync(user, AdministratorRole);
    }
}
