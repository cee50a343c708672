using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.HtmlRendering.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.ObjectPool;
using Microsoft.Extensions.Options;
using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Hosting;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>
/// Renders the respondent pages (<see cref="SurveyFormPage"/>, <see cref="NoticePage"/>) with Blazor's static HTML
/// renderer: no circuit, no script needed. Tuned for the platform's hot path as measured in bench/results/submit.md
/// (decision record in docs/architecture.md, "Respondent pages"): one renderer per request with no services of its own
/// to resolve, writing into a pooled buffer that is sent as UTF-8 with its length; text outside ASCII is written as
/// UTF-8, not as character references, so Arabic or Chinese pages stay small on a slow phone connection.
/// </summary>
public static class RespondentPages
{
    /// <summary>Encodes markup characters only: every script stays as it is.</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly ObjectPool<StringBuilder> Buffers =
        new DefaultObjectPoolProvider().CreateStringBuilderPool(initialCapacity: 16 * 1024, maximumRetainedCapacity: 256 * 1024);

    /// <summary>A consent or question page: 200, or 400 when it shows problems with the answers.</summary>
    public static IResult Form(SurveyFormModel model, int? statusCode = null) =>
        new PageResult<SurveyFormPage>(statusCode ?? (model.Errors.Count > 0 || model.Code?.ErrorKey is not null
            ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK), nameof(SurveyFormPage.Model), model);

    /// <summary>The thank-you page or a notice, in <paramref name="lang"/> (else the visitor's language).</summary>
    public static IResult Notice(HttpContext http, ActiveRun? run, string? lang, NoticeKind kind, int? statusCode = null)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<RespondentOptions>>().Value;
        var language = lang ?? LanguageChoice.Choose(run?.Definition, null, http.Request);
        var model = new NoticeModel(run, language, kind, QuickExitUrl(run, options), http.Request.Path);
        return new PageResult<NoticePage>(statusCode ?? StatusCode(kind), nameof(NoticePage.Model), model);
    }

    public static string QuickExitUrl(ActiveRun? run, RespondentOptions options) =>
        run?.Run.QuickExitUrl is { Length: > 0 } url ? url : options.QuickExitUrl;

    private static int StatusCode(NoticeKind kind) => kind switch
    {
        NoticeKind.Thanks => StatusCodes.Status200OK,
        NoticeKind.NotFound => StatusCodes.Status404NotFound,
        NoticeKind.Closed => StatusCodes.Status410Gone,
        NoticeKind.BadRequest => StatusCodes.Status400BadRequest,
        NoticeKind.TooManyRequests or NoticeKind.TooManySignIns => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The page's HTML, as the response will carry it (tests, and the length of the body).</summary>
    internal static string RenderToString<TComponent>(string parameter, object model) where TComponent : IComponent, new()
    {
        var buffer = new StringBuilder();
        Render<TComponent>(buffer, parameter, model);
        return buffer.ToString();
    }

    private static void Render<TComponent>(StringBuilder buffer, string parameter, object model) where TComponent : IComponent, new()
    {
        using var renderer = new StaticHtmlRenderer(RendererServices.Instance, NullLoggerFactory.Instance);
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>(1) { [parameter] = model });
        // The renderer is new and nobody else holds it, so this runs here and now, on this thread.
        var rendered = renderer.Dispatcher.InvokeAsync(() =>
        {
            var root = renderer.BeginRenderingComponent(new TComponent(), parameters);
            if (!root.QuiescenceTask.IsCompletedSuccessfully)
                throw new InvalidOperationException($"{typeof(TComponent).Name} must render synchronously.");
            using var writer = new StringWriter(buffer);
            root.WriteHtmlTo(writer);
        });
        rendered.GetAwaiter().GetResult();
    }

    /// <summary>
    /// What the renderer asks its services for: the encoder above, and nothing else (the pages inject nothing and need
    /// no navigation, metrics or tracing per render).
    /// </summary>
    private sealed class RendererServices : IServiceProvider
    {
        public static readonly RendererServices Instance = new();

        public object? GetService(Type serviceType) => serviceType == typeof(HtmlEncoder) ? Encoder : null;
    }

    private sealed class PageResult<TComponent>(int statusCode, string parameter, object model) : IResult
        where TComponent : IComponent, new()
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            var buffer = Buffers.Get();
            try
            {
                Render<TComponent>(buffer, parameter, model);
                response.StatusCode = statusCode;
                response.ContentType = "text/html; charset=utf-8";
                response.ContentLength = Utf8Length(buffer);
                var encoder = Encoding.UTF8.GetEncoder();
                foreach (var chunk in buffer.GetChunks())
                    encoder.Convert(chunk.Span, response.BodyWriter, flush: false, out _, out _);
                encoder.Convert([], response.BodyWriter, flush: true, out _, out _);
            }
            finally
            {
                Buffers.Return(buffer);
            }
            await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
        }
    }

    /// <summary>
    /// The page's length in UTF-8, chunk by chunk. A character of two UTF-16 units may straddle two chunks; each
    /// half alone counts as a 3-byte replacement, the pair as 4 bytes, so 2 are taken off for each such seam.
    /// </summary>
    internal static long Utf8Length(StringBuilder buffer)
    {
        var length = 0L;
        var endsInHighSurrogate = false;
        foreach (var chunk in buffer.GetChunks())
        {
            var span = chunk.Span;
            if (span.IsEmpty)
                continue;
            length += Encoding.UTF8.GetByteCount(span);
            if (endsInHighSurrogate && char.IsLowSurrogate(span[0]))
                length -= 2;
            endsInHighSurrogate = char.IsHighSurrogate(span[^1]);
        }
        return length;
    }
}
