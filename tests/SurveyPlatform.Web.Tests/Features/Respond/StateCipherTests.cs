using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using SurveyPlatform.Web.Features.Respond;

namespace SurveyPlatform.Web.Tests.Features.Respond;

/// <summary>The sealing of respondents' form state: what opens, and everything that must not.</summary>
public sealed class StateCipherTests
{
    private const string Survey = "survey", Preview = "preview";
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly byte[] _master = RandomNumberGenerator.GetBytes(32);
    private readonly Clock _clock = new();

    [Fact]
    public void A_sealed_state_opens_to_what_was_sealed_and_hides_it()
    {
        var cipher = new StateCipher(_master, _clock);
        var payload = Encoding.UTF8.GetBytes("{\"a\":{\"comments\":\"secret-answer\"}}");

        var token = cipher.Seal(payload, Survey, Hour);

        Assert.Equal(payload, cipher.Open(token, Survey));
        Assert.DoesNotContain("secret", Encoding.Latin1.GetString(Base64Url.DecodeFromChars(token)), StringComparison.Ordinal);
    }

    [Fact]
    public void Any_change_to_a_token_makes_it_unreadable()
    {
        var cipher = new StateCipher(_master, _clock);
        var token = Base64Url.DecodeFromChars(cipher.Seal(Encoding.UTF8.GetBytes("{\"p\":3}"), Survey, Hour));

        for (var i = 0; i < token.Length; i++)
        {
            var changed = token.ToArray();
            changed[i] ^= 0x01;
            Assert.Null(cipher.Open(Base64Url.EncodeToString(changed), Survey));
        }
        Assert.Null(cipher.Open(Base64Url.EncodeToString(token[..^1]), Survey));
        Assert.Null(cipher.Open(Base64Url.EncodeToString([.. token, 0]), Survey));
    }

    [Fact]
    public void A_state_of_the_preview_never_opens_on_a_survey()
    {
        var cipher = new StateCipher(_master, _clock);

        Assert.Null(cipher.Open(cipher.Seal([1, 2, 3], Preview, Hour), Survey));
    }

    [Fact]
    public void A_state_opens_until_it_expires_and_never_after()
    {
        var cipher = new StateCipher(_master, _clock);
        var token = cipher.Seal([1, 2, 3], Survey, Hour);

        _clock.Now += Hour - TimeSpan.FromMilliseconds(1);
        Assert.NotNull(cipher.Open(token, Survey));
        _clock.Now += TimeSpan.FromMilliseconds(1);
        Assert.Null(cipher.Open(token, Survey));
    }

    [Fact]
    public void States_sealed_before_a_restart_still_open_but_not_under_another_master_key()
    {
        var before = new StateCipher(_master, _clock);
        var token = before.Seal([7], Survey, Hour);

        Assert.Equal([7], new StateCipher(_master, _clock).Open(token, Survey));
        Assert.Null(new StateCipher(RandomNumberGenerator.GetBytes(32), _clock).Open(token, Survey));
    }

    [Fact]
    public void Nonces_are_random_and_keys_change_after_their_quota_of_seals()
    {
        var cipher = new StateCipher(_master, _clock, sealsPerKey: 1_000);
        var tokens = Enumerable.Range(0, 10_000).AsParallel().Select(_ => cipher.Seal([0], Survey, Hour)).ToList();
        var raw = tokens.Select(t => Base64Url.DecodeFromChars(t)).ToList();

        Assert.Equal(10, raw.Select(t => Convert.ToHexString(t, 1, 16)).Distinct().Count()); // a new key id per 1,000 seals
        var nonces = raw.Select(t => Convert.ToHexString(t, 17, 12)).ToList();
        Assert.Equal(nonces.Count, nonces.Distinct().Count());
        // Nothing counts: no nonce shares its first 8 bytes with another, as numbers from a counter would.
        Assert.Equal(nonces.Count, nonces.Select(n => n[..16]).Distinct().Count());
        Assert.All(tokens, t => Assert.NotNull(cipher.Open(t, Survey))); // tokens of earlier keys still open
        var other = Base64Url.DecodeFromChars(new StateCipher(_master, _clock).Seal([0], Survey, Hour));
        Assert.DoesNotContain(Convert.ToHexString(other, 1, 16), raw.Select(t => Convert.ToHexString(t, 1, 16)));
    }

    [Fact]
    public void Garbage_and_forged_key_ids_read_as_nothing()
    {
        var cipher = new StateCipher(_master, _clock);
        var random = new Random(5);
        string[] garbage = ["", "A", "!!!!", "%ZZ", new string('A', 200), "eyJyIjoiMDAwIn0", "\uD800\uDC00\uFFFF"];
        foreach (var text in garbage)
            Assert.Null(cipher.Open(text, Survey));
        for (var i = 0; i < 2_000; i++)
        {
            var forged = new byte[random.Next(1, 200)];
            random.NextBytes(forged);
            forged[0] = 1; // the right version, a random key id
            Assert.Null(cipher.Open(Base64Url.EncodeToString(forged), Survey));
        }
        Assert.NotNull(cipher.Open(cipher.Seal([1], Survey, Hour), Survey));
        Assert.NotNull(cipher.Open(new StateCipher(_master, _clock).Seal([1], Survey, Hour), Survey)); // and a token of another process
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
