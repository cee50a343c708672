using System.Net;
using System.Net.Sockets;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Anonymity;

/// <summary>
/// anonymity.md rule 2 on the real server: Kestrel, hosting and the platform log at every level (Trace, with
/// scopes and structured state) while respondents connect from their own address; nothing printed holds
/// that address, the user agent, a respondent path, a query, a code or an answer, and the files written do not
/// either. Started from another folder, the server still reads its own settings.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class ServerLogAuditTests : IAsyncLifetime
{
    // Linux routes all of 127.0.0.0/8 to loopback: the respondent connects from an address the server never uses itself.
    private static readonly IPAddress Respondent = IPAddress.Parse("127.0.0.77");
    private const string UserAgent = "Mozilla/5.0 (Linux; Android 9; AuditPhone) ProbeBrowser/7731";
    private readonly string _data = Directory.CreateTempSubdirectory("sp-log-audit-").FullName;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Kestrel_and_the_platform_log_nothing_about_the_respondent_at_trace_level()
    {
        await using var server = await ServerProcess.StartAsync(_data, new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            ["RateLimiting:RespondentPosts:PermitLimit"] = "3", // the limiter hashes the address, and refuses some posts
        });
        var connectedFrom = new List<EndPoint?>();
        using var client = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = true,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(Respondent, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                lock (connectedFrom)
                    connectedFrom.Add(socket.LocalEndPoint);
                return new NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = server.Address };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);

        var respondent = new Respondent(client, "community-trust");
        await respondent.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/s/community-trust?lang=es&code=SECRETCODE77"));
        await respondent.NextAsync();
        await respondent.NextAsync(("area", "area_2"), ("comments", "Nadie sabe"));
        for (var i = 0; i < 5 && respondent.Status != HttpStatusCode.TooManyRequests; i++)
            await respondent.NextAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, respondent.Status);
        await client.GetAsync("/s/no-such-survey?lang=vi&code=SECRETCODE77");
        await client.GetAsync("/js/respond.js");
        await client.GetAsync("/healthz?probe=console-route"); // not a respondent route: logged as configured
        await server.StopAsync();

        Assert.All(connectedFrom, e => Assert.Equal(Respondent, ((IPEndPoint)e!).Address.MapToIPv4()));
        Assert.NotEmpty(connectedFrom);
        var output = server.Output;
        Assert.Contains("\"LogLevel\":\"Trace\"", output);
        Assert.Contains("Microsoft.AspNetCore.Server.Kestrel", output); // connection logs were on
        Assert.Contains("/healthz?probe=console-route", output); // request logging was on
        var written = WithoutWelcome(output) + string.Concat(Directory.GetFiles(_data, "*", SearchOption.AllDirectories)
            .Select(f => System.Text.Encoding.Latin1.GetString(Files.ReadShared(f))));
        foreach (var needle in new[] { Respondent.ToString(), "::ffff:127.0.0.77", "ProbeBrowser", "AuditPhone", "/s/", "SECRETCODE77", "lang=", "Nadie sabe", "no-such-survey", "respond.js" })
            Assert.False(written.Contains(needle, StringComparison.OrdinalIgnoreCase), $"'{needle}' was written:\n{Around(written, needle)}");
    }

    [Fact]
    public async Task Started_from_another_folder_the_server_reads_its_own_settings_and_logs_nothing_of_respondents()
    {
        // A folder with settings of its own that would log every request: the server must not read them.
        var elsewhere = Directory.CreateTempSubdirectory("sp-elsewhere-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(elsewhere, "appsettings.json"),
                """{ "Logging": { "LogLevel": { "Default": "Trace", "Microsoft.AspNetCore": "Trace" } } }""");
            await using var server = await ServerProcess.StartAsync(_data, workingDirectory: elsewhere);
            using var client = server.CreateBrowser();
            var respondent = new Respondent(client, "community-trust");
            await respondent.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/s/community-trust?lang=es&code=SECRETCODE77"));
            await respondent.NextAsync();
            await client.GetAsync("/healthz?probe=console-route");
            await server.StopAsync();

            var output = WithoutWelcome(server.Output);
            Assert.Contains($"Content root path: {AppContext.BaseDirectory}", output);
            // The app's appsettings.json sets Microsoft.AspNetCore to Warning: no request is logged, not even the console's.
            Assert.DoesNotContain("Request starting", output);
            Assert.DoesNotContain("SECRETCODE77", output);
            Assert.DoesNotContain("/s/", output);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    /// <summary>The output without the start-up line that prints the survey's address for the operator.</summary>
    private static string WithoutWelcome(string output) =>
        string.Join('\n', output.Split('\n').Where(l => !l.Contains("is open at http", StringComparison.Ordinal)));

    private static string Around(string text, string needle)
    {
        var at = text.IndexOf(needle, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? "" : text[Math.Max(0, at - 300)..Math.Min(text.Length, at + 300)];
    }
}
