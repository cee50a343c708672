using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>
/// Protection of the respondent forms against cross-site request forgery, as a signed double-submit cookie: a random
/// value in a session cookie (same rules as the anti-forgery cookie: HttpOnly, SameSite=Strict, Secure outside
/// development) is also sealed inside the form's protected state, and a post counts only when the two agree. A form
/// taken from another browser, or posted without the cookie, is refused. It costs no cryptography of its own: the
/// state is decrypted anyway, where the anti-forgery system would decrypt two more tokens and encrypt a third on
/// every page. The value is random, lives only in the browser's session and is never stored or logged.
/// </summary>
public sealed class BrowserBinding(IOptions<AntiforgeryOptions> antiforgery)
{
    public const string CookieName = "sp_form";
    private const int Size = 16;

    /// <summary>The browser's value; issued now, in a session cookie, when the browser has none that is well formed.</summary>
    public byte[] GetOrIssue(HttpContext http)
    {
        if (Read(http) is { } value)
            return value;
        value = RandomNumberGenerator.GetBytes(Size);
        http.Response.Cookies.Append(CookieName, Base64Url.EncodeToString(value), antiforgery.Value.Cookie.Build(http));
        return value;
    }

    /// <summary>Whether the post comes from the browser the form was given to.</summary>
    public static bool Matches(HttpContext http, RespondentState state) =>
        Read(http) is { } value && CryptographicOperations.FixedTimeEquals(value, state.Browser);

    private static byte[]? Read(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is not { Length: 22 } text || !Base64Url.IsValid(text))
            return null;
        var value = new byte[Size];
        return Base64Url.TryDecodeFromChars(text, value, out var written) && written == Size ? value : null;
    }
}
