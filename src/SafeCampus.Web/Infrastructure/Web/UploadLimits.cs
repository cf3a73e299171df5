using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using SafeCampus.Web.Infrastructure.Files;

namespace SafeCampus.Web.Infrastructure.Web;

/// <summary>
/// How large a request may be. Each file's own limit (<c>Files:MaxImageBytes</c>, <c>Files:MaxDocumentBytes</c>) is
/// checked by <see cref="FileStore"/>, which the page turns into a Chinese message beside the kept form. A request
/// body up to <see cref="MaxRequestBytes"/> is read as usual; Kestrel and the form reader refuse more.
/// </summary>
public sealed class UploadLimitOptions
{
    /// <summary>A request body is read normally up to this size (Kestrel's limit, and the form reader's).</summary>
    public long MaxRequestBytes { get; set; } = 30_000_000;

    /// <summary>
    /// A signed-in user's multipart post larger than <see cref="MaxRequestBytes"/> but at most this is read to its end
    /// without keeping its files (<see cref="UploadLimitMiddleware"/>), so the page can answer in Chinese; a larger
    /// one is refused with 413 before its body is read.
    /// </summary>
    public long MaxDrainBytes { get; set; } = 1L << 30;
}

public static class UploadLimits
{
    public static IHostApplicationBuilder AddUploadLimits(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Files");
        builder.Services.Configure<UploadLimitOptions>(section);
        var max = section.GetValue("MaxRequestBytes", new UploadLimitOptions().MaxRequestBytes);
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = max);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = max);
        return builder;
    }
}

/// <summary>
/// A multipart post that is too large for the normal reader (a 50 MB photo) would be cut off by Kestrel: an empty
/// 400 and a reset connection, the user's typing lost. Instead, for a signed-in user, the body is read to its end
/// here, its text fields are kept (within the form reader's usual limits) and each file is replaced by a stand-in of
/// the same name and size that holds no bytes: the page runs as usual, and <see cref="FileStore"/> refuses the
/// stand-in with the file-too-large message (or, for a file small in itself, with <see cref="FileText.RequestTooLarge"/>),
/// so the page shows its Chinese error with the form as it was posted.
/// </summary>
public sealed class UploadLimitMiddleware(RequestDelegate next, IOptions<UploadLimitOptions> options, IOptions<FormOptions> formOptions)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var limits = options.Value;
        if (!HttpMethods.IsPost(http.Request.Method) || http.Request.ContentLength is not { } length || length <= limits.MaxRequestBytes
            || !MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            await next(http);
            return;
        }

        if (length > limits.MaxDrainBytes || http.User.Identity?.IsAuthenticated != true)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = length;
        }

        var form = formOptions.Value;
        var fields = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        var files = new FormFileCollection();
        var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = form.MultipartHeadersLengthLimit };
        var discard = new byte[81920];
        try
        {
            while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || fields.Count + files.Count >= form.ValueCountLimit)
                {
                    await DrainAsync(section.Body, discard, http.RequestAborted);
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    var bytes = await DrainAsync(section.Body, discard, http.RequestAborted);
                    files.Add(new OversizedFormFile(name, fileName, bytes, limits.MaxRequestBytes) { Headers = new HeaderDictionary() });
                }
                else
                {
                    using var text = new StreamReader(section.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
                    var buffer = new char[4096];
                    var value = new System.Text.StringBuilder();
                    int read;
                    while ((read = await text.ReadAsync(buffer, http.RequestAborted)) > 0)
                    {
                        if (value.Length + read <= form.ValueLengthLimit)
                        {
                            value.Append(buffer, 0, read);
                        }
                    }

                    if (value.Length <= form.ValueLengthLimit)
                    {
                        fields[name] = StringValues.Concat(fields.GetValueOrDefault(name), value.ToString());
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest; // a broken or abandoned upload: the status page says so
            return;
        }

        http.Features.Set<IFormFeature>(new FormFeature(new FormCollection(fields, files)));
        await next(http);
    }

    private static async Task<long> DrainAsync(Stream body, byte[] buffer, CancellationToken ct)
    {
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
        }

        return total;
    }
}

/// <summary>A posted file whose bytes were not kept: it reads as zeros of its length and then refuses to end.</summary>
public sealed class OversizedFormFile(string name, string fileName, long length, long requestLimit) : IFormFile
{
    public string ContentType => "application/octet-stream";
    public string ContentDisposition => $"form-data; name=\"{name}\"; filename=\"{fileName}\"";
    public IHeaderDictionary Headers { get; init; } = new HeaderDictionary();
    public long Length => length;
    public string Name => name;
    public string FileName => fileName;

    public Stream OpenReadStream() => new RefusingStream(length, requestLimit);

    public void CopyTo(Stream target) => throw Refused(requestLimit);

    public Task CopyToAsync(Stream target, CancellationToken cancellationToken = default) => throw Refused(requestLimit);

    internal static FileRejectedException Refused(long requestLimit) =>
        new(string.Format(CultureInfo.CurrentCulture, FileText.RequestTooLarge, requestLimit / 1_000_000));

    /// <summary>
    /// Zeros up to the file's length, so a size check (<see cref="FileStore"/>'s per-file limit) refuses it with its
    /// usual message; a reader that gets to the end is refused too: nothing of it may ever be stored.
    /// </summary>
    private sealed class RefusingStream(long length, long requestLimit) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= length)
            {
                throw Refused(requestLimit);
            }

            var n = (int)Math.Min(buffer.Length, length - _position);
            buffer[..n].Clear();
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
