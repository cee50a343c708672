using System.Net;
using Microsoft.Data.Sqlite;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Hosting;

/// <summary>Every failure gets a page with text, never an empty 500; a database failure answers 503 and turns readiness off.</summary>
public sealed class ErrorPagesTests
{
    [Fact]
    public async Task A_submission_the_database_refuses_gets_a_page_saying_the_answers_were_not_saved_and_readiness_goes_off()
    {
        await using var factory = new PlatformFactory().With("RateLimiting:Enabled", "false");
        using var client = factory.CreateBrowser();
        var respondent = await new Respondent(client, "community-trust").OpenAsync("en");
        var answers = StandardAnswers.ForeignBornVictim;
        var response = await respondent.NextAsync();
        for (var guard = 0; guard < 20 && !respondent.ItemKeys.Contains("comments"); guard++)
            response = await respondent.NextAsync(respondent.ItemKeys.Where(answers.ContainsKey).SelectMany(k => answers[k].Select(v => (k, v))).ToArray());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The last page is on the screen; the table its submission needs goes away.
        Execute(factory.DatabasePath, "DROP TABLE SubmissionReceipts;");

        var failed = await respondent.NextAsync(("comments", "a comment"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Contains("not saved", respondent.Html);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
    }

    [Fact]
    public async Task A_console_page_that_fails_on_the_database_shows_a_page_with_text()
    {
        await using var factory = new PlatformFactory();
        _ = factory.Services;
        Execute(factory.DatabasePath, "DROP TABLE SharedValues;");
        var browser = ConsoleBrowser.Open(factory);

        var page = await browser.GetAsync("/account/setup?token=anything");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("Something went wrong", browser.LastBody);
    }

    private static void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        SqliteConnection.ClearPool(connection);
    }
}
