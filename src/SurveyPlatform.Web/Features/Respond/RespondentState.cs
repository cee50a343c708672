using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SurveyPlatform.Web.Hosting;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>
/// Everything a respondent has answered so far. It travels in a hidden form field, sealed by
/// <see cref="RespondentStateProtector"/>, instead of a server-side session: the server keeps nothing about an
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
    /// <summary>A one-time code as typed on the consent page, kept only until it is claimed (then it is forgotten).</summary>
    [JsonPropertyName("c")] public string? Code { get; set; }
    /// <summary>This session claimed its one-time code when it started (docs/anonymity.md, "One-time codes").</summary>
    [JsonPropertyName("k")] public bool CodeClaimed { get; set; }
    /// <summary>The browser the form was given to (see <see cref="BrowserBinding"/>).</summary>
    [JsonPropertyName("b")] public byte[] Browser { get; set; } = [];

    public static RespondentState Start(Guid runId, string lang, byte[] browser) =>
        new() { RunId = runId, Lang = lang, Nonce = RandomNumberGenerator.GetBytes(16), Browser = browser };

    /// <summary>
    /// Hash of the session nonce, stored as the submission receipt. The nonce is 128 random bits that only
    /// ever leave the server sealed, so the hash needs no key of its own.
    /// </summary>
    public byte[] ReceiptHash() => SHA256.HashData(Nonce);
}

/// <summary>
/// Seals and reads <see cref="RespondentState"/> with ASP.NET Core Data Protection (the application's key ring): a
/// time-limited protector whose purposes name the run and whether the form is the survey's or the preview's, so that
/// a form of one run, or of the preview, never opens on another. Tampered, foreign or expired state reads as null.
/// </summary>
public sealed class RespondentStateProtector(IDataProtectionProvider provider, IOptions<RespondentOptions> options)
{
    private const string Purpose = "SurveyPlatform.Respond.State.v2";
    private readonly TimeSpan _lifetime = TimeSpan.FromHours(options.Value.StateLifetimeHours);
    private readonly ConcurrentDictionary<(Guid Run, bool Preview), ITimeLimitedDataProtector> _protectors = new();

    public string Protect(RespondentState state, bool preview) =>
        Base64Url.EncodeToString(For(state.RunId, preview).Protect(
            JsonSerializer.SerializeToUtf8Bytes(state, StateJson.Default.RespondentState), DateTimeOffset.UtcNow + _lifetime));

    public RespondentState? Unprotect(string? token, Guid runId, bool preview)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64 * 1024 || !Base64Url.IsValid(token))
            return null;
        try
        {
            var json = For(runId, preview).Unprotect(Base64Url.DecodeFromChars(token), out _);
            var state = JsonSerializer.Deserialize(json, StateJson.Default.RespondentState);
            return state is { Nonce.Length: 16, Browser.Length: 16 } && state.RunId == runId ? state : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector For(Guid runId, bool preview) =>
        _protectors.GetOrAdd((runId, preview), static (key, root) =>
            root.CreateProtector(Purpose, key.Preview ? "preview" : "survey", key.Run.ToString("N")).ToTimeLimitedDataProtector(), provider);
}

[JsonSerializable(typeof(RespondentState))]
internal sealed partial class StateJson : JsonSerializerContext;
