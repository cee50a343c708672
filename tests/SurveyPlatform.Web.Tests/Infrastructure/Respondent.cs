using System.Net;
using System.Text.RegularExpressions;

namespace SurveyPlatform.Web.Tests.Infrastructure;

/// <summary>
/// Drives the respondent flow over HTTP as a browser without JavaScript would: reads the hidden fields of
/// the page it was given and posts the form back with answers.
/// </summary>
public sealed partial class Respondent(HttpClient client, string slug)
{
    public HttpResponseMessage? Last { get; private set; }
    public string Html { get; private set; } = "";

    public string State => Hidden("state");

    public async Task<Respondent> OpenAsync(string? lang = null, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/s/{slug}" + (lang is null ? "" : $"?lang={lang}"));
        if (acceptLanguage is not null)
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        await SendAsync(request);
        return this;
    }

    /// <summary>Posts the current form with <paramref name="nav"/> and the given answers (key → values).</summary>
    public async Task<HttpResponseMessage> PostAsync(string nav, IEnumerable<(string Key, string Value)>? answers = null,
        string? state = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("state", state ?? State),
            new("nav", nav),
        };
        fields.AddRange((answers ?? []).Select(a => new KeyValuePair<string, string>("q." + a.Key, a.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, FormAction) { Content = new FormUrlEncodedContent(fields) };
        return await SendAsync(request);
    }

    public Task<HttpResponseMessage> NextAsync(params (string Key, string Value)[] answers) => PostAsync("next", answers);

    /// <summary>Agrees on the consent page of a one-time-code run, giving <paramref name="code"/>.</summary>
    public async Task<HttpResponseMessage> ConsentWithCodeAsync(string code)
    {
        var fields = new List<KeyValuePair<string, string>> { new("state", State), new("nav", "next"), new("code", code) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/s/{slug}") { Content = new FormUrlEncodedContent(fields) };
        return await SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        Last = await client.SendAsync(request);
        Html = await Last.Content.ReadAsStringAsync();
        return Last;
    }

    public HttpStatusCode Status => Last!.StatusCode;

    /// <summary>Where the current page's form posts to.</summary>
    public string FormAction => ActionRegex().Match(Html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : $"/s/{slug}";

    public string H1 => WebUtility.HtmlDecode(H1Regex().Match(Html).Groups[1].Value.Trim());

    public string Hidden(string name)
    {
        var match = Regex.Match(Html, $"<input type=\"hidden\" name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No hidden field '{name}' in:\n{Html}");
    }

    /// <summary>Item keys of the questions on the current page, in order.</summary>
    public IReadOnlyList<string> ItemKeys =>
        ItemRegex().Matches(Html).Select(m => m.Groups[1].Value).Distinct().ToList();

    [GeneratedRegex("<form id=\"survey\" method=\"post\" action=\"([^\"]*)\"")]
    private static partial Regex ActionRegex();

    [GeneratedRegex("<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex H1Regex();

    [GeneratedRegex("name=\"q\\.([a-z0-9_]+)\"")]
    private static partial Regex ItemRegex();
}
