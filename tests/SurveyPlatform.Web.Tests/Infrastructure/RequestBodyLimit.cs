using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SurveyPlatform.Web.Tests.Infrastructure;

/// <summary>
/// The request body size limit as Kestrel enforces it, which the test server lacks: the limit is a feature
/// that routing lowers per endpoint, and reading past it fails with 413 Payload Too Large.
/// </summary>
public sealed class RequestBodyLimit : IHttpMaxRequestBodySizeFeature
{
    public const long KestrelDefault = 1024 * 1024;

    public bool IsReadOnly { get; private set; }
    public long? MaxRequestBodySize { get; set; } = KestrelDefault;

    public static Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        var limit = new RequestBodyLimit();
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(limit);
        context.Request.Body = new LimitedStream(context.Request.Body, limit);
        return next(context);
    }

    private sealed class LimitedStream(Stream inner, RequestBodyLimit limit) : Stream
    {
        private long _read;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            limit.IsReadOnly = true;
            var n = await inner.ReadAsync(buffer, cancellationToken);
            _read += n;
            if (_read > limit.MaxRequestBodySize)
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
