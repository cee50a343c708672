using System.ComponentModel.DataAnnotations;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>Email and a new password, typed twice. Strength is checked by Identity's validators, not here.</summary>
public class NewAccountInput
{
    [Required(ErrorMessage = "Enter an email address.")]
    [EmailAddress(ErrorMessage = "Enter an email address such as name@example.org.")]
    [StringLength(256)]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(128, MinimumLength = 12, ErrorMessage = "Use at least 12 and at most 128 characters.")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Type the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    public string ConfirmPassword { get; set; } = "";
}
