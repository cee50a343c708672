using System.Net;
using System.Text.RegularExpressions;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Respond;

/// <summary>A respondent page is at most 50 KB in at most 3 requests, and serving it queries no database.</summary>
public sealed partial class PageWeightTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Every_page_is_light_and_needs_no_database_query(string lang)
    {
        var client = _factory.CreateBrowser();
        var respondent = new Respondent(client, "community-trust");
        await respondent.OpenAsync(lang: lang); // warm-up: the first request may start things
        var pages = new List<string>();
        var commandsBefore = DatabaseCommands();
        await respondent.OpenAsync(lang: lang);
        Assert.Equal(commandsBefore, DatabaseCommands());
        pages.Add(respondent.Html);

        var response = await respondent.NextAsync();
        while (response.StatusCode == HttpStatusCode.OK)
        {
            pages.Add(respondent.Html);
            response = await respondent.NextAsync();
        }

        foreach (var html in pages)
        {
            var assets = AssetRegex().Matches(html).Select(m => m.Groups[1].Value).ToList();
            long total = System.Text.Encoding.UTF8.GetByteCount(html);
            foreach (var asset in assets)
                total += (await client.GetByteArrayAsync(asset)).Length;
            Assert.True(assets.Count + 1 <= 3, $"{assets.Count + 1} requests");
            Assert.True(total <= 50 * 1024, $"{total} bytes");
        }
    }

    private int DatabaseCommands() =>
        _factory.Logs.Lines.Count(l => l.Contains("Microsoft.EntityFrameworkCore.Database.Command") && l.Contains("Executed DbCommand"));

    [GeneratedRegex("(?:href|src)=\"(/[^\"]+\\.(?:css|js))\"")]
    private static partial Regex AssetRegex();
}
