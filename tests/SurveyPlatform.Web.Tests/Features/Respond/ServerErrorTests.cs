using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using SurveyPlatform.Core.Localization;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Respond;

/// <summary>An unexpected failure on a respondent page gives a real page in the respondent's language, never an empty 500 or a stack trace.</summary>
public sealed class ServerErrorTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new PlatformFactory()
        .WithServices(s => s.AddSingleton<IDataProtectionProvider>(new BrokenStateProtection(DataProtectionProvider.Create("tests"))));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("vi", "ltr")]
    public async Task A_server_error_shows_a_page_in_the_respondents_language_with_a_way_back(string lang, string dir)
    {
        var client = _factory.CreateBrowser(); // starts the server
        var before = _factory.Logs.Lines.Count;
        var response = await client.GetAsync($"/s/community-trust?lang={lang}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains($"<html lang=\"{lang}\" dir=\"{dir}\">", html);
        Assert.Contains(UiStrings.Get("error_server_title", lang), WebUtility.HtmlDecode(html));
        Assert.Contains($"href=\"/s/community-trust?lang={lang}\"", html);
        Assert.Contains("id=\"quick-exit\"", html);
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain("   at ", html);
        Assert.True(response.Headers.CacheControl?.NoStore, "the error page may be kept by the browser");
        var written = string.Join('\n', _factory.Logs.Lines.Skip(before));
        Assert.Contains("A respondent request failed", written);
        Assert.Contains(typeof(InvalidOperationException).FullName!, written);
        Assert.DoesNotContain("/s/", written);
        Assert.DoesNotContain(BrokenStateProtection.Message, written);
    }

    [Fact]
    public async Task The_error_page_is_not_a_page_of_its_own() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateBrowser().GetAsync("/error")).StatusCode);

    /// <summary>Data protection that fails for the respondents' state only (the rest of the platform works).</summary>
    private sealed class BrokenStateProtection(IDataProtectionProvider inner) : IDataProtectionProvider
    {
        public const string Message = "the key ring is broken";

        public IDataProtector CreateProtector(string purpose) =>
            purpose.StartsWith("SurveyPlatform.Respond", StringComparison.Ordinal) ? new Broken() : inner.CreateProtector(purpose);

        private sealed class Broken : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => this;

            public byte[] Protect(byte[] plaintext) => throw new InvalidOperationException(Message);

            public byte[] Unprotect(byte[] protectedData) => throw new InvalidOperationException(Message);
        }
    }
}
