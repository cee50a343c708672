using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        using var commands = new DatabaseCommands(_factory.DatabasePath);
        var client = _factory.CreateBrowser();
        var respondent = new Respondent(client, "community-trust");
        await respondent.OpenAsync(lang: lang); // warm-up: the first request may start things
        var pages = new List<string>();
        var commandsBefore = commands.Count;
        await respondent.OpenAsync(lang: lang);
        Assert.Equal(commandsBefore, commands.Count);
        Assert.True(commandsBefore > 0, "the counter saw none of the server's database commands"); // starting the server queried
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

    /// <summary>
    /// Counts the commands Entity Framework runs on this test's database, from its diagnostic events (logs are no
    /// measure: nothing is logged while a respondent request is served).
    /// </summary>
    private sealed class DatabaseCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _database;
        private readonly IDisposable _all;
        private readonly List<IDisposable> _listeners = [];
        private int _count;

        public DatabaseCommands(string database)
        {
            _database = database;
            _all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_listeners)
                    _listeners.Add(listener.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData { Command.Connection: DbConnection connection }
                && connection.DataSource == _database)
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void Dispose()
        {
            _all.Dispose();
            lock (_listeners)
                _listeners.ForEach(l => l.Dispose());
        }
    }

    [GeneratedRegex("(?:href|src)=\"(/[^\"]+\\.(?:css|js))\"")]
    private static partial Regex AssetRegex();
}
