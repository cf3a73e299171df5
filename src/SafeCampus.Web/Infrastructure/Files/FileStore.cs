using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeCampus.Web.Data;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Infrastructure.Files;

public sealed class FileStoreOptions
{
    public long MaxImageBytes { get; set; } = 8 * 1024 * 1024;
    public long MaxDocumentBytes { get; set; } = 20 * 1024 * 1024;
}

public enum FileCategory
{
    Image,
    Document,
}

/// <summary>The upload was refused. Its message is shown to the user (zh-CN resource).</summary>
public class FileRejectedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The file was acceptable but could not be written (the store failed); the upload can be tried again.</summary>
public sealed class FileNotSavedException(string message, Exception inner) : FileRejectedException(message, inner);

/// <summary>
/// Uploaded photos and documents, kept in PostgreSQL (docs/decisions/0009-file-store.md). The content type is
/// decided by sniffing the bytes, never by the client; the client's file name is kept for display only.
/// </summary>
public sealed class FileStore(AppDbContext db, TenantScope scope, TimeProvider clock, IOptions<FileStoreOptions> options)
{
    public async Task<StoredFile> SaveAsync(Stream content, string? clientFileName, FileCategory category, string scopePath, CancellationToken ct = default)
    {
        if (!scope.MayInsert(scopePath, typeof(StoredFile)))
        {
            throw new TenantViolationException($"Upload to '{scopePath}' is outside the current scope.");
        }

        var limit = category == FileCategory.Image ? options.Value.MaxImageBytes : options.Value.MaxDocumentBytes;
        if (content.CanSeek)
        {
            // From the start: a transaction retried after a database fault saves the same upload again.
            content.Position = 0;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new FileRejectedException(string.Format(System.Globalization.CultureInfo.CurrentCulture, FileText.TooLarge, limit / 1024 / 1024));
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        if (bytes.Length == 0)
        {
            throw new FileRejectedException(FileText.Empty);
        }

        var type = Sniff(bytes);
        var allowed = category == FileCategory.Image ? type?.StartsWith("image/", StringComparison.Ordinal) == true : type is not null;
        if (!allowed)
        {
            throw new FileRejectedException(category == FileCategory.Image ? FileText.NotAnImage : FileText.UnsupportedType);
        }

        var file = new StoredFile
        {
            ScopePath = scopePath,
            FileName = SafeName(clientFileName, type!),
            ContentType = type!,
            Length = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Content = bytes,
            UploadedBy = scope.UserId,
            UploadedAt = clock.GetUtcNow(),
        };
        db.StoredFiles.Add(file);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException { InnerException: Npgsql.NpgsqlException })
        {
            // The page says so in Chinese and keeps the rest of the form (it catches FileRejectedException).
            db.Entry(file).State = EntityState.Detached;
            throw new FileNotSavedException(FileText.NotSaved, ex);
        }

        return file;
    }

    /// <summary>Null when the file does not exist or lies outside the current scope.</summary>
    public Task<StoredFile?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct);

    /// <summary>Content type from the file's first bytes; null for anything not on the list.</summary>
    public static string? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) { return "image/jpeg"; }
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) { return "image/png"; }
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)) { return "image/gif"; }
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) { return "image/webp"; }
        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8) && (b[8..12].SequenceEqual("heic"u8) || b[8..12].SequenceEqual("heix"u8) || b[8..12].SequenceEqual("mif1"u8))) { return "image/heic"; }
        if (b.StartsWith("%PDF-"u8)) { return "application/pdf"; }
        if (b.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04])) { return "application/zip"; }
        return null;
    }

    private static string SafeName(string? clientName, string contentType)
    {
        var name = Path.GetFileName((clientName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim();
        if (name.Length > 120)
        {
            name = name[^120..];
        }

        return name.Length > 0 ? name : "file" + contentType switch
        {
            "image/jpeg" => ".jpg", "image/png" => ".png", "application/pdf" => ".pdf", _ => "",
        };
    }
}

public static class FileStoreSetup
{
    public static IHostApplicationBuilder AddFileStore(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<FileStoreOptions>(builder.Configuration.GetSection("Files"));
        builder.Services.AddScoped<FileStore>();
        return builder;
    }

    /// <summary>GET /files/{id}: the file if it lies in the user's scope, else 404. Images inline, the rest as attachments.</summary>
    public static WebApplication MapFileStore(this WebApplication app)
    {
        app.MapGet("/files/{id:guid}", async (Guid id, FileStore store, HttpContext http) =>
        {
            var file = await store.FindAsync(id, http.RequestAborted);
            if (file is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "private, max-age=86400";
            // Photos show in the page; anything else (a drill plan's PDF, a document) is downloaded, never opened
            // in a tab of the app's origin, where a PDF's own scripts or forms would run. The name is the stored one,
            // already stripped of control and quote characters (SafeName); the header gives it ASCII-safe and as UTF-8.
            var inline = file.ContentType.StartsWith("image/", StringComparison.Ordinal);
            return Results.File(file.Content, file.ContentType, inline ? null : file.FileName);
        });
        return app;
    }
}
