using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>Account actions that are not pages: signing out, and the console's keep-alive while in use.</summary>
public static class AccountEndpoints
{
    public static void MapAccount(this IEndpointRouteBuilder app)
    {
        // A form POST with the anti-forgery token, so that another site cannot sign a user out.
        app.MapPost("/account/logout", async (HttpContext http, SignInManager<AppUser> signIn, AuditLog audit, ConsoleSessions sessions, IAntiforgery antiforgery) =>
        {
            if (!await IsValidFormAsync(http, antiforgery))
                return Results.BadRequest();
            if (http.User.Identity?.IsAuthenticated == true)
            {
                await audit.WriteAsync(http.User, AuditActions.Logout);
                // Ended on the server: a copy of the cookie is refused from now on.
                await sessions.EndAsync(http.User);
            }
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });
        // Called by the console script at most every few minutes while the user is active, so that the sliding
        // idle timeout follows activity inside the interactive console, which makes no other requests.
        app.MapGet("/account/ping", () => Results.NoContent()).RequireAuthorization();
    }

    /// <summary>Whether the post is a form with a valid anti-forgery token; a garbled body (wrong content type, bad encoding, too large) is simply not.</summary>
    private static async Task<bool> IsValidFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            return http.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(http);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever the body holds (bad encoding, broken multipart, too large), a form that cannot be read is not valid.
            return false;
        }
    }
}
