using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Account;

/// <summary>The sign-in page does not tell whether an account exists: not by its message, not by its work, not by its time.</summary>
public sealed partial class EnumerationTests : IAsyncLifetime
{
    private readonly HashCounter _hashes = new();
    private readonly PlatformFactory _factory;
    private TestAccount _existing = default!;

    public EnumerationTests()
    {
        _factory = new PlatformFactory().With("RateLimiting:Enabled", "false").WithServices(services =>
            services.AddScoped<IPasswordHasher<AppUser>>(sp => new CountingHasher(
                new PasswordHasher<AppUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()), _hashes)));
    }

    public async ValueTask InitializeAsync()
    {
        var community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        _existing = await _factory.AccountAsync("known@example.org", memberships: (community, OrganizationRole.Organizer));
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Unknown_and_existing_accounts_get_the_same_message_lockout_included()
    {
        var messages = new Dictionary<string, List<string>>();
        foreach (var email in new[] { _existing.Email, "nobody@example.org" })
        {
            var browser = ConsoleBrowser.Open(_factory);
            messages[email] = [];
            for (var i = 0; i < 7; i++) // five wrong passwords lock an existing account
            {
                var response = await browser.SubmitAsync("/account/login", "login", ("Input.Email", email), ("Input.Password", "not the password at all"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                messages[email].Add(ErrorOnPage(browser.LastBody));
            }
        }
        Assert.Equal(messages[_existing.Email], messages["nobody@example.org"]);
        Assert.All(messages["nobody@example.org"], m => Assert.Contains("locked", m)); // it says what may have happened, for everyone
    }

    [Fact]
    public async Task Unknown_locked_and_existing_accounts_cost_one_password_hash_each()
    {
        var browser = ConsoleBrowser.Open(_factory);
        async Task<int> HashesFor(string email, string password)
        {
            var form = await browser.PrepareAsync("/account/login", "login", ("Input.Email", email), ("Input.Password", password));
            var before = _hashes.Verifications;
            await form();
            return _hashes.Verifications - before;
        }
        Assert.Equal(1, await HashesFor("nobody@example.org", "not the password at all"));
        for (var i = 0; i < 5; i++)
            Assert.Equal(1, await HashesFor(_existing.Email, "not the password at all"));
        Assert.Equal(1, await HashesFor(_existing.Email, "not the password at all")); // locked now
        Assert.Equal(1, await HashesFor(_existing.Email, _existing.Password)); // locked, even with the right password
    }

    [Fact]
    public async Task Unknown_and_existing_accounts_take_about_the_same_time()
    {
        // Interleaved tries, compared by their medians: a busy machine slows both kinds alike. Before the fix the
        // unknown account answered in a tenth of the time (no password hash at all).
        var unknown = new List<double>();
        var existing = new List<double>();
        var browser = ConsoleBrowser.Open(_factory);
        for (var i = 0; i < 13; i++)
        {
            foreach (var (email, times) in new[] { ("nobody@example.org", unknown), (_existing.Email, existing) })
            {
                var form = await browser.PrepareAsync("/account/login", "login", ("Input.Email", email), ("Input.Password", "not the password at all"));
                var clock = Stopwatch.StartNew();
                await form();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        var ratio = Median(unknown) / Median(existing);
        Assert.True(ratio is > 0.5 and < 2.0, $"median unknown {Median(unknown):F0} ms, existing {Median(existing):F0} ms");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string ErrorOnPage(string html) => WebUtility.HtmlDecode(FormError().Match(html).Groups[1].Value);

    [GeneratedRegex("<p class=\"form-error\" role=\"alert\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex FormError();

    private sealed class HashCounter
    {
        private int _verifications;
        public int Verifications => Volatile.Read(ref _verifications);
        public void Count() => Interlocked.Increment(ref _verifications);
    }

    private sealed class CountingHasher(IPasswordHasher<AppUser> inner, HashCounter counter) : IPasswordHasher<AppUser>
    {
        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            counter.Count();
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
