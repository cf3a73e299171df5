namespace SafeCampus.Web.Domain;

/// <summary>An uploaded photo or document, stored in PostgreSQL (see docs/decisions/0009-file-store.md).</summary>
public sealed class StoredFile : ITenantOwned, IAuditable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string ScopePath { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public string? UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
