using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SurveyPlatform.Data;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Respond;

/// <summary>anonymity.md rules 1, 2 and 9: nothing that could identify a respondent is stored or logged.</summary>
public sealed class AnonymityTests : IAsyncLifetime
{
    private const string ClientAddress = "203.0.113.77";
    private const string UserAgent = "Mozilla/5.0 (Linux; Android 9) ProbeBrowser/7731";
    private readonly PlatformFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Database_WAL_and_logs_hold_no_address_user_agent_or_submission_time()
    {
        var client = _factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton<IStartupFilter>(new FakeClientAddress(IPAddress.Parse(ClientAddress)))))
            .CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ClientAddress);
        var started = DateTime.UtcNow;

        for (var i = 0; i < 3; i++)
        {
            var respondent = await new Respondent(client, "community-trust").OpenAsync(lang: i == 0 ? "en" : "ar");
            await StandardAnswers.CompleteAsync(respondent, StandardAnswers.ForeignBornVictim);
            Assert.Equal(HttpStatusCode.SeeOther, respondent.Status);
        }
        var finished = DateTime.UtcNow;

        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
            Assert.Equal(3, await db.Responses.CountAsync());
        var written = new StringBuilder(_factory.Logs.All);
        foreach (var file in Directory.GetFiles(_factory.DataDirectory, "surveyplatform.db*"))
            written.Append(Encoding.Latin1.GetString(await ReadSharedAsync(file)));
        var everything = await _factory.WithoutKeyDatesAsync(written.ToString(), started);

        Assert.DoesNotContain(ClientAddress, everything);
        Assert.DoesNotContain("ProbeBrowser", everything);
        foreach (var minute in new[] { started, finished })
        {
            foreach (var format in new[] { "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "MM/dd/yyyy HH:mm", "dd/MM/yyyy HH:mm" })
                Assert.DoesNotContain(minute.ToString(format, CultureInfo.InvariantCulture), everything);
        }
        Assert.DoesNotContain("Nadie sabe", _factory.Logs.All); // answer text is never logged
    }

    [Fact]
    public async Task Response_ids_are_random_v4_and_rows_are_not_kept_in_arrival_order()
    {
        var client = _factory.CreateBrowser();
        for (var i = 0; i < 12; i++)
        {
            var respondent = await new Respondent(client, "community-trust").OpenAsync(lang: "en");
            await StandardAnswers.CompleteAsync(respondent, StandardAnswers.ForeignBornVictim);
        }

        await using var connection = new SqliteConnection($"Data Source={_factory.DatabasePath}");
        await connection.OpenAsync();
        var ids = new List<Guid>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT Id FROM Responses";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                ids.Add(Guid.Parse(reader.GetString(0)));
        }
        Assert.Equal(12, ids.Count);
        Assert.All(ids, id => Assert.Equal(4, id.Version));
        // A table with a rowid would answer this; a WITHOUT ROWID table has no hidden arrival counter.
        await using var rowid = connection.CreateCommand();
        rowid.CommandText = "SELECT rowid FROM Responses";
        Assert.Throws<SqliteException>(() => rowid.ExecuteScalar());
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }

    /// <summary>Gives every request a client address, as Kestrel would behind no proxy.</summary>
    private sealed class FakeClientAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextDelegate) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextDelegate(context);
            });
            next(app);
        };
    }
}
