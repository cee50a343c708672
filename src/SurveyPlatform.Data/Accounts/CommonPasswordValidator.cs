using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Identity;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Data.Accounts;

/// <summary>
/// Refuses passwords that attackers try first (NIST SP 800-63B: a blocklist and a minimum length instead of
/// composition rules): common passwords and stems from <c>common-passwords.txt</c>, with digits and symbols
/// around them, repeated, or with common letter swaps; keyboard and number runs; and the account's own email.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly HashSet<string> Stems = LoadStems();

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is null || !IsCommon(password, user.Email ?? user.UserName))
            return Task.FromResult(IdentityResult.Success);
        return Task.FromResult(IdentityResult.Failed(new IdentityError
        {
            Code = "CommonPassword",
            Description = "This password is too easy to guess: it is a common password, a keyboard or number run, " +
                          "or contains your email address. Try a few unrelated words together.",
        }));
    }

    public static bool IsCommon(string password, string? email = null)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (email is { Length: > 0 })
        {
            var local = email.Split('@')[0].ToLowerInvariant();
            if (lower.Contains(email.ToLowerInvariant(), StringComparison.Ordinal) || (local.Length >= 4 && lower.Contains(local, StringComparison.Ordinal)))
                return true;
        }
        if (Stems.Contains(lower) || IsRun(lower))
            return true;
        // Without digits and symbols around it, and with common swaps undone inside it (P@ssw0rd2024! → password).
        var trimmed = lower.Trim(NotLetters(lower));
        var swapped = new StringBuilder();
        foreach (var c in trimmed)
        {
            var letter = c switch { '@' or '4' => 'a', '3' => 'e', '1' or '!' => 'i', '0' => 'o', '$' or '5' => 's', '7' => 't', _ => c };
            if (char.IsLetter(letter))
                swapped.Append(letter);
        }
        var plainLetters = new string(lower.Where(char.IsLetter).ToArray());
        return IsCommonStem(trimmed) || IsCommonStem(swapped.ToString()) || IsCommonStem(plainLetters);
    }

    private static char[] NotLetters(string text) => text.Where(c => !char.IsLetter(c)).Distinct().ToArray();

    private static bool IsCommonStem(string stem)
    {
        if (stem.Length == 0)
            return false;
        if (Stems.Contains(stem) || IsRun(stem))
            return true;
        // A stem said twice or more (passwordpassword, abcabcabc).
        for (var length = 1; length <= stem.Length / 2; length++)
        {
            if (stem.Length % length == 0 && string.Concat(Enumerable.Repeat(stem[..length], stem.Length / length)) == stem)
                return true;
        }
        return false;
    }

    /// <summary>One character repeated, or a run up or down the alphabet, the digits or a keyboard row.</summary>
    private static bool IsRun(string text)
    {
        if (text.Length < 4)
            return false;
        if (text.All(c => c == text[0]))
            return true;
        foreach (var sequence in Sequences)
        {
            if (sequence.Contains(text, StringComparison.Ordinal) || new string(sequence.Reverse().ToArray()).Contains(text, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static readonly string[] Sequences =
    [
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        "01234567890123456789012345678901234567890",
        "qwertyuiopqwertyuiopqwertyuiop", "asdfghjklasdfghjklasdfghjkl", "zxcvbnmzxcvbnmzxcvbnm",
        "qwertzuiopqwertzuiop", "azertyuiopazertyuiop",
    ];

    private static HashSet<string> LoadStems()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SurveyPlatform.Data.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var stems = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
                stems.Add(line.Trim());
        }
        return stems;
    }
}
