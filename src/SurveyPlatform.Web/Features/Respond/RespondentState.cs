using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SurveyPlatform.Web.Hosting;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>
/// Everything a respondent has answered so far. It travels in a hidden form field, encrypted and signed
/// with ASP.NET Core Data Protection, instead of a server-side session: the server keeps nothing about an
/// unfinished response, and nothing ties the state to a person.
/// </summary>
public sealed class RespondentState
{
    [JsonPropertyName("r")] public Guid RunId { get; set; }
    /// <summary>Random per session; its keyed hash makes a second submit of the same session a no-op.</summary>
    [JsonPropertyName("n")] public byte[] Nonce { get; set; } = [];
    [JsonPropertyName("l")] public string Lang { get; set; } = "";
    /// <summary>0 = consent page, 1..N = the definition's pages.</summary>
    [JsonPropertyName("p")] public int Page { get; set; }
    [JsonPropertyName("a")] public Dictionary<string, string> Answers { get; set; } = [];
    /// <summary>One-time code (runs in code mode); travels encrypted with the answers and is never stored with them.</summary>
    [JsonPropertyName("c")] public string? Code { get; set; }
    /// <summary>The browser the form was given to (see <see cref="BrowserBinding"/>).</summary>
    [JsonPropertyName("b")] public byte[] Browser { get; set; } = [];

    public static RespondentState Start(Guid runId, string lang, byte[] browser) =>
        new() { RunId = runId, Lang = lang, Nonce = RandomNumberGenerator.GetBytes(16), Browser = browser };
}

/// <summary>Protects and reads <see cref="RespondentState"/>; tampered or expired state reads as null.</summary>
public sealed class RespondentStateProtector
{
    private readonly ITimeLimitedDataProtector _protector;
    private readonly TimeSpan _lifetime;

    public RespondentStateProtector(IDataProtectionProvider provider, IOptions<RespondentOptions> options)
        : this(provider, options, "SurveyPlatform.Respond.State.v1")
    {
    }

    private RespondentStateProtector(IDataProtectionProvider provider, IOptions<RespondentOptions> options, string purpose)
    {
        _protector = provider.CreateProtector(purpose).ToTimeLimitedDataProtector();
        _lifetime = TimeSpan.FromHours(options.Value.StateLifetimeHours);
    }

    /// <summary>For the organizers' preview: its forms cannot be posted to the real survey (another purpose, another key).</summary>
    public static RespondentStateProtector ForPreview(IDataProtectionProvider provider, IOptions<RespondentOptions> options) =>
        new(provider, options, "SurveyPlatform.Respond.Preview.v1");

    public string Protect(RespondentState state) =>
        _protector.Protect(JsonSerializer.Serialize(state, StateJson.Default.RespondentState), _lifetime);

    public RespondentState? Unprotect(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64 * 1024)
            return null;
        try
        {
            var json = _protector.Unprotect(token);
            var state = JsonSerializer.Deserialize(json, StateJson.Default.RespondentState);
            return state is { Nonce.Length: 16, Browser.Length: 16 } ? state : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Hash of the session nonce, stored as the submission receipt. The nonce is 128 random bits that only
    /// ever leave the server encrypted, so the hash needs no key of its own.
    /// </summary>
    public static byte[] ReceiptHash(RespondentState state) => SHA256.HashData(state.Nonce);
}

[JsonSerializable(typeof(RespondentState))]
internal sealed partial class StateJson : JsonSerializerContext;
