using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace SurveyPlatform.Web.Tests.Infrastructure;

/// <summary>
/// Makes test-server requests look like Kestrel's: a client address (the address in the <see cref="Header"/>
/// request header, else <paramref name="fallback"/>) and an enforced request body size limit.
/// </summary>
public sealed class ClientAddresses(IPAddress? fallback = null) : IStartupFilter
{
    public const string Header = "Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext context, RequestDelegate nextDelegate) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.TryParse(context.Request.Headers[Header], out var address) ? address : fallback;
            context.Request.Headers.Remove(Header);
            return RequestBodyLimit.ApplyAsync(context, nextDelegate);
        });
        next(app);
    };
}
