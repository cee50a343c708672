using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SurveyPlatform.Web.Tests.Infrastructure;

/// <summary>The console's session cookie as a browser holds it: read from Set-Cookie, replayed by hand, opened with the server's keys.</summary>
public static class SessionCookies
{
    public const string Name = "sp_console";

    /// <summary>The value of the session cookie that <paramref name="response"/> sets, or null.</summary>
    public static string? SetBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).Where(v => v.StartsWith(Name + "=", StringComparison.Ordinal))
                .Select(v => v[(Name.Length + 1)..]).LastOrDefault(v => v.Length > 0)
            : null;

    /// <summary>A request that carries only <paramref name="cookie"/>, as a copy of it in another browser would.</summary>
    public static async Task<HttpResponseMessage> GetWithAsync(PlatformFactory factory, string path, string cookie)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.Add("Cookie", $"{Name}={cookie}");
        return await client.SendAsync(request);
    }

    /// <summary>The signed-in user that the cookie holds, as the server reads it.</summary>
    public static ClaimsPrincipal Principal(PlatformFactory factory, string cookie)
    {
        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = options.TicketDataFormat.Unprotect(cookie);
        Assert.NotNull(ticket);
        return ticket.Principal;
    }
}
