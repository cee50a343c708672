using SurveyPlatform.Data.Accounts;

namespace SurveyPlatform.Web.Tests.Features.Account;

public sealed class PasswordRuleTests
{
    [Theory]
    [InlineData("password1234")]
    [InlineData("P@ssw0rd2024!")]
    [InlineData("qwertyuiop12")]
    [InlineData("123456789012")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("iloveyou1234")]
    [InlineData("passwordpassword")]
    [InlineData("abcdefghijkl")]
    [InlineData("Welcome2026!!")]
    [InlineData("SurveyPlatform1")]
    public void Common_passwords_and_their_variations_are_refused(string password) =>
        Assert.True(CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("river lamp orchard velvet")]
    [InlineData("correct battery horse stapler")]
    [InlineData("x9#Kq2!mZ7pL")]
    [InlineData("mi perro come tortillas")]
    public void Unrelated_words_and_random_strings_are_accepted_without_composition_rules(string password) =>
        Assert.False(CommonPasswordValidator.IsCommon(password));

    [Fact]
    public void A_password_containing_the_email_name_is_refused() =>
        Assert.True(CommonPasswordValidator.IsCommon("maria.lopez-garden", "maria.lopez@example.org"));

    [Theory]
    [InlineData(64, true)]
    [InlineData(128, true)]
    [InlineData(129, false)]
    public void Passwords_of_64_characters_are_accepted_and_more_than_128_refused(int length, bool valid)
    {
        var password = string.Concat(Enumerable.Repeat("orchard ", 20))[..length];
        var input = new Web.Features.Account.NewAccountInput { Email = "a@example.org", Password = password, ConfirmPassword = password };
        Assert.Equal(valid, System.ComponentModel.DataAnnotations.Validator.TryValidateObject(input,
            new System.ComponentModel.DataAnnotations.ValidationContext(input), null, validateAllProperties: true));
    }
}
