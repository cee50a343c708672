using System.Net;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Tests.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Dashboards;

/// <summary>The public results page in the reader's language: its own words, languages by name, breakdowns by their question.</summary>
public sealed class PublicResultsPageTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new PlatformFactory().With("Account:RequireTwoFactorForOrganizers", "false");

    public async ValueTask InitializeAsync()
    {
        var community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        var runId = await _factory.RunAsync("eastside", community);
        await _factory.AddResponsesAsync(runId, 40, "", i => i % 2 == 0 ? "es" : "en");
        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
            await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsPublished, true));
        await _factory.Service<SurveyCatalog>().ReloadAsync();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<string> GetAsync(string path, string acceptLanguage = "en-US")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var response = await _factory.CreateBrowser().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_word_is_in_the_readers_language_with_languages_and_breakdowns_named_not_coded()
    {
        var html = await GetAsync("/r/eastside?lang=es&by=born_here");
        foreach (var spanish in new[] { "Basado en 40 respuestas anónimas", "Desglosar por", "Agrupado por: ¿Nació usted en este país?", "Estimación",
                     "Todos", "Español", "中文（简体）", "العربية", "Kreyòl ayisyen", "Idioma de la encuesta" })
        {
            Assert.Contains(spanish, html);
        }

        foreach (var english in new[] { "Based on", "Break down by", "All respondents", ">All<", "By born_here", ">born_here", ">es<", ">zh-Hans<" })
            Assert.DoesNotContain(english, html);
        // Whole questions, never cut short.
        Assert.Contains("¿Alguien en su hogar se preocupa por su situación migratoria?", html);
        Assert.DoesNotContain("…</a>", html);

        var arabic = await GetAsync("/r/eastside?lang=ar");
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", arabic);
        Assert.Contains("التقسيم حسب", arabic);
    }

    [Fact]
    public async Task Links_name_the_language_only_where_the_browser_would_not_choose_it()
    {
        // Switched back to English in an English browser: the address needs no ?lang=en.
        var english = await GetAsync("/r/eastside?lang=en");
        Assert.Contains("href=\"/r/eastside\" lang=\"en\"", english);
        Assert.Contains("href=\"/r/eastside?lang=es\" lang=\"es\"", english);
        Assert.Contains("href=\"/r/eastside?by=born_here\"", english);
        Assert.DoesNotContain("lang=en", english);

        // A Spanish reader who chose English keeps English while breaking results down.
        var chosen = await GetAsync("/r/eastside?lang=en", "es-MX,es;q=0.9");
        Assert.Contains("href=\"/r/eastside?by=born_here&lang=en\"", chosen);
        Assert.Contains("href=\"/r/eastside\" lang=\"es\"", chosen);
    }
}
