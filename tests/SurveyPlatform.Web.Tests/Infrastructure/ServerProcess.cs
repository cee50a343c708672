using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SurveyPlatform.Web.Tests.Infrastructure;

/// <summary>
/// The real platform as its own process (Production environment, SQLite in <see cref="DataDirectory"/>, Kestrel
/// on a free loopback port), for tests that need what an in-process host cannot give: a SIGKILL, Kestrel.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri address, string dataDirectory)
    {
        _process = process;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public Uri Address { get; }
    public string DataDirectory { get; }
    public int Id => _process.Id;
    public string DatabasePath => Path.Combine(DataDirectory, "surveyplatform.db");

    /// <summary>Everything the process wrote to standard output and error.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <param name="workingDirectory">The folder it is started from; by default the folder of its files.</param>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null,
        string? workingDirectory = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "SurveyPlatform.Web.dll"), "--urls", address.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DataDirectory"] = dataDirectory;
        start.Environment["SecureCookies"] = "false"; // plain HTTP on loopback
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key.Replace(":", "__")] = value;
        var server = new ServerProcess(Process.Start(start)!, address, dataDirectory);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await server.WaitUntilHealthyAsync();
        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The server did not become healthy:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown, no flush, no finally blocks, as in a crash or an out-of-memory kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the ordinary stop of a service manager.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
            return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient CreateBrowser() =>
        new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
