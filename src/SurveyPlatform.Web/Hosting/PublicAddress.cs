using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SurveyPlatform.Web.Features.Account;

namespace SurveyPlatform.Web.Hosting;

/// <summary>
/// The platform's public base address, the one place every printed or copied link starts from: the setup link, the
/// survey links of the start-up log, invitation and reset links, code cards and their QR codes, reports' public page.
/// <c>Account:PublicUrl</c> when set; else, while serving a request, the address the browser used; else (at start-up)
/// the address the server listens on, with a listen-on-everything host (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>) replaced
/// by the machine's name, which the start-up log says.
/// </summary>
public sealed class PublicAddress(IOptions<AccountOptions> options, IServer server)
{
    /// <summary>The configured address, without a trailing slash; null when not set.</summary>
    public string? Configured => options.Value.PublicUrl is { Length: > 0 } url ? url.Trim().TrimEnd('/') : null;

    /// <summary>The base for links made while serving <paramref name="http"/>.</summary>
    public string For(HttpContext http) => Configured ?? $"{http.Request.Scheme}://{http.Request.Host}";

    /// <summary>The base for links made in the interactive console, whose browser address is <paramref name="browserBaseUri"/>.</summary>
    public string For(string browserBaseUri) => Configured ?? browserBaseUri.TrimEnd('/');

    /// <summary>The base for links printed at start-up, and why it was chosen (for the log) when it was not configured.</summary>
    public (string Base, string? Guess) AtStartup()
    {
        if (Configured is { } configured)
            return (configured, null);
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = listening.FirstOrDefault(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
            ?? listening.FirstOrDefault() ?? "http://localhost:5000";
        var uri = new UriBuilder(address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            var name = MachineName();
            uri.Host = name;
            return (uri.Uri.GetLeftPart(UriPartial.Authority),
                $"the server listens on every network interface, so links use this machine's name ({name})");
        }
        return (uri.Uri.GetLeftPart(UriPartial.Authority), "the address the server listens on");
    }

    private static string MachineName()
    {
        try
        {
            return Dns.GetHostName() is { Length: > 0 } name ? name.ToLowerInvariant() : "localhost";
        }
        catch (System.Net.Sockets.SocketException)
        {
            return "localhost";
        }
    }
}
