using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SurveyPlatform.Web.Hosting;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>
/// Everything a respondent has answered so far. It travels in a hidden form field, encrypted and authenticated
/// (<see cref="StateCipher"/>), instead of a server-side session: the server keeps nothing about an
/// unfinished response, and nothing ties the state to a person.
/// </summary>
public sealed class RespondentState
{
    [JsonPropertyName("r")] public Guid RunId { get; set; }
    /// <summary>Random per session; its hash, stored as a receipt, makes a second submit of the same session a no-op.</summary>
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

/// <summary>Seals and reads <see cref="RespondentState"/> (see <see cref="StateCipher"/>); tampered or expired state reads as null.</summary>
public sealed class RespondentStateProtector
{
    private readonly StateCipher _cipher;
    private readonly string _purpose;
    private readonly TimeSpan _lifetime;

    public RespondentStateProtector(StateCipher cipher, IOptions<RespondentOptions> options)
        : this(cipher, options, "SurveyPlatform.Respond.State.v1")
    {
    }

    private RespondentStateProtector(StateCipher cipher, IOptions<RespondentOptions> options, string purpose)
    {
        _cipher = cipher;
        _purpose = purpose;
        _lifetime = TimeSpan.FromHours(options.Value.StateLifetimeHours);
    }

    /// <summary>For the organizers' preview: its forms cannot be posted to the real survey (another purpose).</summary>
    public static RespondentStateProtector ForPreview(StateCipher cipher, IOptions<RespondentOptions> options) =>
        new(cipher, options, "SurveyPlatform.Respond.Preview.v1");

    public string Protect(RespondentState state) =>
        _cipher.Seal(JsonSerializer.SerializeToUtf8Bytes(state, StateJson.Default.RespondentState), _purpose, _lifetime);

    public RespondentState? Unprotect(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64 * 1024 || _cipher.Open(token, _purpose) is not { } json)
            return null;
        try
        {
            var state = JsonSerializer.Deserialize(json, StateJson.Default.RespondentState);
            return state is { Nonce.Length: 16, Browser.Length: 16 } ? state : null;
        }
        catch (JsonException)
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
