using System.Net.Http.Headers;
using System.Text;

namespace SurveyPlatform.Web.Tests.Fuzzing;

/// <summary>A real form of a respondent session: its anti-forgery cookie and token, protected state and question keys.</summary>
public sealed record SessionForm(string Cookie, string State, IReadOnlyList<string> Keys, string Action);

/// <summary>
/// Builds malformed requests from a seed: random and mutated form fields, unknown and duplicated keys,
/// invalid UTF-8, huge bodies and fields, tampered and replayed state, missing or foreign anti-forgery
/// tokens, wrong methods and content types, odd paths and headers. The same seed gives the same request.
/// </summary>
public sealed class MalformedRequests(IReadOnlyList<SessionForm> forms, IReadOnlyList<SessionForm> replays, IReadOnlyList<string> consolePaths)
{
    public const string Slug = "community-trust";
    private static readonly string[] Navs = ["next", "back", "lang:es", "lang:", "lang:xx-YY", "lang:" + new string('a', 300), "", "NEXT", "next ", "submit", "\0", "lang:ar\u202e"];
    private static readonly string[] Methods = ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "PROPFIND", "CONNECT"];
    private static readonly string[] ContentTypes =
    [
        "application/json", "text/plain", "application/xml", "application/octet-stream", "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded; charset=utf-16", "application/x-www-form-urlencoded; charset=bogus", "application/x-www-form-urlencoded;;;",
        "text/html; charset=utf-8", "*/*", "application/x-www-form-urlencoded, text/plain",
    ];
    private static readonly string[] OddStrings =
    [
        "", " ", "\0", "NaN", "Infinity", "-0", "1e400", "99999999999999999999999", "-1", "0x10", "1,5", "١٢", "\u202e", "\ud800",
        "<script>alert(1)</script>", "' OR 1=1 --", "${jndi:x}", "%00", "../../etc/passwd", "area_1 area_1", "\r\n\r\n", "😀", "a\u0301",
    ];

    public enum Kind
    {
        RandomFields, TamperedState, ForeignOrMissingBrowser, UnknownAndDuplicatedKeys, RandomAnswers, InvalidUtf8,
        HugeField, HugeBody, ReplayedState, WrongMethod, WrongContentType, OddPathsAndHeaders, Console,
    }

    private static readonly Kind[] Common = [.. Enum.GetValues<Kind>().Where(k => k != Kind.HugeBody)];

    public (Kind Kind, HttpRequestMessage Request) Create(int seed)
    {
        var random = new Random(seed);
        // Huge bodies are rare, so that 100,000 requests stay quick; everything else is equally likely.
        var kind = random.Next(1000) < 3 ? Kind.HugeBody : Common[random.Next(Common.Length)];
        var form = forms[random.Next(forms.Count)];
        var request = kind switch
        {
            Kind.RandomFields => Post(Any(form, random), RandomPairs(random, random.Next(0, 40))),
            Kind.TamperedState => Post(form, [Pair("state", Tamper(form.State, random)), Pair("nav", Pick(Navs, random))]),
            Kind.ForeignOrMissingBrowser => ForeignBrowser(form, random),
            Kind.UnknownAndDuplicatedKeys => Post(form, Shuffle(random, [.. Valid(form, random), .. Duplicates(form, random), .. RandomPairs(random, random.Next(1, 10))])),
            Kind.RandomAnswers => Post(form, [.. Valid(form, random), .. form.Keys.Select(key => Pair("q." + key, RandomValue(random)))]),
            Kind.InvalidUtf8 => Raw(form, InvalidUtf8(form, random)),
            Kind.HugeField => Post(form, HugeField(form, random)),
            Kind.HugeBody => Raw(form, Encoding.ASCII.GetBytes("state=" + new string('A', random.Next(300_000, 2_000_000)))),
            Kind.ReplayedState => Replay(random),
            Kind.WrongMethod => new HttpRequestMessage(new HttpMethod(Pick(Methods, random)), Pick([$"/s/{Slug}", $"/s/{Slug}/thanks", "/healthz", "/error", .. consolePaths], random)),
            Kind.WrongContentType => WrongContentType(form, random),
            Kind.OddPathsAndHeaders => OddPath(random),
            _ => ConsoleRequest(random),
        };
        return (kind, request);
    }

    private SessionForm Any(SessionForm form, Random random) => random.Next(2) == 0 ? form : form with { Cookie = "" };

    private static HttpRequestMessage Post(SessionForm form, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = new FormUrlEncodedContent(fields) };
        if (form.Cookie.Length > 0)
            request.Headers.TryAddWithoutValidation("Cookie", form.Cookie);
        return request;
    }

    private static HttpRequestMessage Raw(SessionForm form, byte[] body, string contentType = "application/x-www-form-urlencoded")
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = content };
        request.Headers.TryAddWithoutValidation("Cookie", form.Cookie);
        return request;
    }

    private static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);

    private static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];

    private static List<KeyValuePair<string, string>> Shuffle(Random random, List<KeyValuePair<string, string>> pairs)
    {
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pairs));
        return pairs;
    }

    private static List<KeyValuePair<string, string>> Valid(SessionForm form, Random random) =>
        [Pair("state", form.State), Pair("nav", random.Next(3) == 0 ? Pick(Navs, random) : "next")];

    private List<KeyValuePair<string, string>> Duplicates(SessionForm form, Random random)
    {
        var other = forms[random.Next(forms.Count)];
        return random.Next(4) switch
        {
            0 => [Pair("state", other.State)],
            1 => [Pair("nav", Pick(Navs, random)), Pair("nav", "back")],
            2 => [Pair("state", form.State), Pair("state", other.State)],
            _ => [.. form.Keys.SelectMany(k => new[] { Pair("q." + k, RandomValue(random)), Pair("q." + k, RandomValue(random)) })],
        };
    }

    private static string RandomString(Random random, int maxLength)
    {
        var chars = new char[random.Next(maxLength + 1)];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = random.Next(4) switch { 0 => (char)random.Next(0x20, 0x7f), 1 => (char)random.Next(0, 0x20), 2 => (char)random.Next(0x80, 0x3000), _ => (char)random.Next(0xd800, 0xe000) };
        return new string(chars);
    }

    private static string RandomValue(Random random) => random.Next(3) switch
    {
        0 => Pick(OddStrings, random),
        1 => random.Next(-1000, 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => RandomString(random, 40),
    };

    private static List<KeyValuePair<string, string>> RandomPairs(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => Pair(random.Next(3) == 0 ? "q." + RandomString(random, 12) : RandomString(random, 20), RandomValue(random)))];

    private static string Tamper(string state, Random random)
    {
        var chars = state.ToCharArray();
        switch (random.Next(6))
        {
            case 0: chars[random.Next(chars.Length)] = (char)random.Next(0x21, 0x7f); return new string(chars);
            case 1: return state[..random.Next(state.Length)];
            case 2: return state + RandomString(random, 10);
            case 3: return Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"r\":\"00000000-0000-0000-0000-000000000000\",\"p\":99}"));
            case 4: return new string(state.Reverse().ToArray());
            default: return RandomString(random, 200);
        }
    }

    /// <summary>The browser's cookie missing, another browser's, malformed or forged, or the state of another browser's form.</summary>
    private HttpRequestMessage ForeignBrowser(SessionForm form, Random random)
    {
        var other = forms.First(f => f.Cookie != form.Cookie);
        var (cookie, state) = random.Next(5) switch
        {
            0 => ("", form.State),
            1 => (other.Cookie, form.State),
            2 => (form.Cookie, other.State),
            3 => ("sp_form=" + (random.Next(2) == 0 ? RandomString(random, 80) : new string(RandomString(random, 200).Where(c => c is > ' ' and < '\x7f').Take(22).ToArray())).Replace(";", ""), form.State),
            _ => ("sp_form=" + System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), form.State),
        };
        return Post(form with { Cookie = cookie }, [Pair("state", state), Pair("nav", "next")]);
    }

    private static byte[] InvalidUtf8(SessionForm form, Random random)
    {
        var body = new List<byte>(Encoding.ASCII.GetBytes($"state={Uri.EscapeDataString(form.State)}&nav=next&q.{form.Keys.FirstOrDefault() ?? "x"}="));
        byte[][] bad = [[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xf0, 0x28, 0x8c, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x25, 0x46, 0x46], [0x25, 0x43, 0x33, 0x25, 0x32, 0x38]];
        for (var i = random.Next(1, 20); i > 0; i--)
            body.AddRange(random.Next(3) == 0 ? [(byte)random.Next(256)] : Pick(bad, random));
        if (random.Next(2) == 0)
            body.InsertRange(random.Next(body.Count), Pick(bad, random));
        return [.. body];
    }

    private static List<KeyValuePair<string, string>> HugeField(SessionForm form, Random random) => random.Next(4) switch
    {
        0 => [Pair("state", form.State), Pair("nav", "next"), Pair("q." + (form.Keys.FirstOrDefault() ?? "x"), new string('x', random.Next(65_000, 200_000)))],
        1 => [Pair("state", new string('A', random.Next(60_000, 120_000))), Pair("nav", "next")],
        2 => [Pair("state", form.State), Pair(new string('k', random.Next(1_000, 5_000)), "v")],
        _ => [.. Enumerable.Range(0, random.Next(500, 2_000)).Select(i => Pair("q.f" + i, "1"))],
    };

    private HttpRequestMessage Replay(Random random)
    {
        var replay = replays[random.Next(replays.Count)];
        return Post(replay, [.. Valid(replay, random), .. replay.Keys.Select(k => Pair("q." + k, RandomValue(random)))]);
    }

    private static HttpRequestMessage WrongContentType(SessionForm form, Random random)
    {
        var body = Encoding.UTF8.GetBytes($"state={Uri.EscapeDataString(form.State)}&nav=next");
        if (random.Next(3) == 0)
        {
            var multipart = new MultipartFormDataContent { { new StringContent(form.State), "state" } };
            multipart.Add(new ByteArrayContent(new byte[random.Next(1, 100_000)]), "file", "answers.csv");
            var request = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = multipart };
            request.Headers.TryAddWithoutValidation("Cookie", form.Cookie);
            return request;
        }
        return random.Next(5) == 0
            ? new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = new ByteArrayContent(body) } // no content type
            : Raw(form, body, Pick(ContentTypes, random));
    }

    private static HttpRequestMessage OddPath(Random random)
    {
        string[] paths =
        [
            "/s/", "/s", "/s//thanks", $"/s/{Slug}/thanks/x", "/s/%01", "/s/..%2f..%2fetc", "/s/" + new string('a', 3000), $"/s/{Slug}?lang=" + new string('z', 5000),
            $"/s/{Slug}?lang=%FF%FE", $"/s/{Slug}?lang=ar&lang=es", $"/s/{Slug}/thanks?lang=<script>", "/s/%E2%80%AE", $"/s/{Slug.ToUpperInvariant()}", "/error?x=1",
        ];
        var request = new HttpRequestMessage(random.Next(2) == 0 ? HttpMethod.Get : HttpMethod.Post, Pick(paths, random));
        request.Headers.TryAddWithoutValidation("Accept-Language", random.Next(3) switch
        {
            0 => RandomString(random, 60).Replace("\r", "").Replace("\n", ""),
            1 => "es;q=abc, ar;q=-1, vi;q=2, *;q=0.5, zh-Hans-CN-x-private;q=0.001",
            _ => string.Join(',', Enumerable.Range(0, 200).Select(i => $"l{i};q=0.{i % 10}")),
        });
        request.Headers.TryAddWithoutValidation("Cookie", random.Next(2) == 0 ? "sp_form=" + new string('x', 8000) : ";;;=;sp_form;sp_form=%ZZ");
        if (request.Method == HttpMethod.Post)
            request.Content = new FormUrlEncodedContent(RandomPairs(random, 5));
        return request;
    }

    private HttpRequestMessage ConsoleRequest(Random random)
    {
        var path = Pick(consolePaths, random);
        var request = new HttpRequestMessage(random.Next(3) == 0 ? HttpMethod.Get : HttpMethod.Post, path + (random.Next(4) == 0 ? "?returnUrl=" + Uri.EscapeDataString(RandomString(random, 50)) : ""));
        if (request.Method == HttpMethod.Post)
        {
            request.Content = random.Next(4) == 0
                ? new ByteArrayContent(Encoding.UTF8.GetBytes(RandomString(random, 500))) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }
                : new FormUrlEncodedContent([Pair("Input.Email", RandomValue(random)), Pair("Input.Password", RandomValue(random)), Pair("_handler", RandomValue(random)), .. RandomPairs(random, random.Next(5))]);
        }
        return request;
    }
}
