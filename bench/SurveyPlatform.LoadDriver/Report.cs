using System.Globalization;
using System.Text;

namespace SurveyPlatform.LoadDriver;

public static class Report
{
    public static string Markdown(DriverOptions options, DriverResult r)
    {
        static string P(double[] sorted, double q) =>
            sorted.Length == 0 ? "–" : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
        var seconds = r.Elapsed.TotalSeconds;
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"### submit, {options.Concurrency} concurrent {options.Label}");
        sb.AppendLine();
        sb.AppendLine("| measure | value |");
        sb.AppendLine("|---|---|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| completed submissions | {r.Completed} in {seconds:0.0} s = **{r.Completed / seconds:0.0}/s** |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| requests | {r.Requests} = {r.Requests / seconds:0}/s |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| request latency ms p50 / p90 / p99 / max | {P(r.RequestMs, .5)} / {P(r.RequestMs, .9)} / {P(r.RequestMs, .99)} / {P(r.RequestMs, 1)} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| whole submission ms p50 / p99 | {P(r.SubmissionMs, .5)} / {P(r.SubmissionMs, .99)} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| failed respondents | {r.Failed} |");
        if (r.ServerCpu is { } cpu && r.Completed > 0)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| CPU per submission, server / load driver | {cpu.TotalMilliseconds / r.Completed:0.0} ms / {r.DriverCpu.TotalMilliseconds / r.Completed:0.0} ms (server used {cpu.TotalSeconds / seconds:0.00} cores on average) |");
        if (r.PeakRssBytes is { } rss)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| server peak RSS during the run | {rss / 1024.0 / 1024:0} MB |");
        if (r.RowsInDatabase is { } rows)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| rows added / accepted (thank-you shown) | {rows - r.RowsBefore} / {r.Completed} → lost: {r.Completed - (rows - r.RowsBefore)} |");
        foreach (var (message, count) in r.Errors)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| error ×{count} | {message} |");
        return sb.ToString();
    }
}

/// <summary>
/// Samples the server's resident set size every 100 ms from /proc, and measures the CPU time the server used
/// during the run: on a machine shared with other work, CPU per submission is the figure that does not depend
/// on how busy the machine was.
/// </summary>
public sealed class RssSampler : IDisposable
{
    private readonly Timer? _timer;
    private readonly int? _pid;
    private readonly TimeSpan? _cpuAtStart;
    public long? Peak { get; private set; }

    public RssSampler(int? pid)
    {
        _pid = pid;
        if (pid is { } p)
        {
            _cpuAtStart = CpuTime(p);
            _timer = new Timer(_ => Sample(p), null, 0, 100);
        }
    }

    /// <summary>CPU time (user + system) the server used since the sampler started.</summary>
    public TimeSpan? ServerCpu => _pid is { } p && _cpuAtStart is { } start && CpuTime(p) is { } now ? now - start : null;

    /// <summary>utime + stime of a process, from /proc/{pid}/stat (clock ticks of 1/100 s).</summary>
    private static TimeSpan? CpuTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void Sample(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    continue;
                var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                lock (this)
                    Peak = Math.Max(Peak ?? 0, kb * 1024);
            }
        }
        catch (IOException) { }
    }

    public void Dispose() => _timer?.Dispose();
}
