using Microsoft.AspNetCore.Components;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>Redirects from the server-rendered account pages, only ever to a path on this site.</summary>
public sealed class AccountRedirect(NavigationManager navigation)
{
    public const string Home = "/admin";

    public void To(string? url) => navigation.NavigateTo(SafeLocal(url), forceLoad: true);

    public void To(string path, string? returnUrl) =>
        navigation.NavigateTo(string.IsNullOrEmpty(returnUrl) ? path : $"{path}?returnUrl={Uri.EscapeDataString(SafeLocal(returnUrl))}", forceLoad: true);

    /// <summary>A local path such as <c>/admin/runs</c>; anything else (another site, <c>//host</c>, <c>/\host</c>) becomes the console home.</summary>
    public static string SafeLocal(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && (u.Length == 1 || (u[1] != '/' && u[1] != '\\')) ? u : Home;
}
