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
/// every page. The value is random, lives only in the browser's session and is never stored or logged. Over HTTPS
/// the cookie is named with the <c>__Host-</c> prefix, so that no other site (a sibling subdomain, say) can plant one.
/// </summary>
public sealed class BrowserBinding(IOptions<AntiforgeryOptions> antiforgery)
{
    public const string CookieName = "sp_form", SecureCookieName = "__Host-sp_form";
    private const int Size = 16;

    /// <summary>The browser's value; issued now, in a session cookie, when the browser has none that is well formed.</summary>
    public byte[] GetOrIssue(HttpContext http)
    {
        var options = antiforgery.Value.Cookie.Build(http);
        if (Read(http, options) is { } value)
            return value;
        value = RandomNumberGenerator.GetBytes(Size);
        options.Domain = null;
        options.Path = "/";
        http.Response.Cookies.Append(Name(options), Base64Url.EncodeToString(value), options);
        return value;
    }

    /// <summary>Whether the post comes from the browser the form was given to.</summary>
    public bool Matches(HttpContext http, RespondentState state) =>
        Read(http, antiforgery.Value.Cookie.Build(http)) is { } value && CryptographicOperations.FixedTimeEquals(value, state.Browser);

    private static string Name(CookieOptions options) => options.Secure ? SecureCookieName : CookieName;

    private static byte[]? Read(HttpContext http, CookieOptions options)
    {
        if (http.Request.Cookies[Name(options)] is not { Length: 22 } text || !Base64Url.IsValid(text))
            return null;
        var value = new byte[Size];
        return Base64Url.TryDecodeFromChars(text, value, out var written) && written == Size ? value : null;
    }
}
