using System.Globalization;
using System.Net;

namespace SurveyPlatform.LoadDriver;

public sealed record DriverOptions(
    Uri BaseUrl, string Slug, int Concurrency, TimeSpan Duration, int MaxSubmissions, int Seed,
    string? Database, int? ServerPid, string? Output, string Label, TimeSpan Warmup)
{
    public const string Usage = """
        usage: loaddriver --url http://127.0.0.1:5000 [--slug community-trust] [--concurrency 32]
                          [--seconds 20] [--warmup 0] [--max 100000] [--seed 1] [--db path/to/surveyplatform.db]
                          [--server-pid PID] [--out bench/results/submit.md] [--label text]
          --warmup      seconds of the same load first, not measured: the server compiles its hot code to its
                        final tier (a fresh .NET process runs slower for its first 10 to 20 s under load)
          --db          count rows before and after, to prove that no accepted submission was lost: the SQLite file,
                        or a PostgreSQL connection string (Host=…)
          --server-pid  sample the server's resident memory (RSS) during the run
        Only loopback addresses are accepted.
        """;

    public static DriverOptions? Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                return null;
            map[args[i][2..]] = args[i + 1];
        }
        if (!map.TryGetValue("url", out var url) || !Uri.TryCreate(url, UriKind.Absolute, out var baseUrl))
            return null;
        var host = baseUrl.Host;
        if (!(host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))))
        {
            Console.Error.WriteLine($"refusing {host}: the load driver only targets loopback addresses");
            return null;
        }
        int Int(string key, int fallback) => map.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new DriverOptions(baseUrl, map.GetValueOrDefault("slug", "community-trust"), Int("concurrency", 32),
            TimeSpan.FromSeconds(Int("seconds", 20)), Int("max", 100_000), Int("seed", 1), map.GetValueOrDefault("db"),
            map.TryGetValue("server-pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            map.GetValueOrDefault("out"), map.GetValueOrDefault("label", ""), TimeSpan.FromSeconds(Int("warmup", 0)));
    }
}
