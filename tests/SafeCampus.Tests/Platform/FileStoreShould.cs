using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Infrastructure.Files;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Tests.Platform;

public sealed class FileStoreShould(FileStoreShould.Fixture app) : IClassFixture<FileStoreShould.Fixture>
{
    private const int Limit = 1024 * 1024;

    /// <summary>A 1×1 PNG and a minimal JPEG header: the store sniffs the signature, not the extension.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    public sealed class Fixture : AppFactory
    {
        public DemoOrg Org { get; private set; } = default!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await SeedDemoAsync();
            Org = await DemoOrg.LoadAsync(ConnectionString);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Files:MaxImageBytes", Limit.ToString(CultureInfo.InvariantCulture));
        }
    }

    public static TheoryData<string, string> Images() => new() { { "png", "image/png" }, { "jpeg", "image/jpeg" } };

    [Theory]
    [MemberData(nameof(Images))]
    public async Task SaveAnImageAndServeItToItsOwnScope(string kind, string contentType)
    {
        var bytes = kind == "png" ? Png : Jpeg;
        var file = await SaveAsync("qs1z.director", bytes, $"校门.{kind}");
        Assert.Equal(contentType, file.ContentType);
        Assert.Equal(bytes.Length, file.Length);

        foreach (var viewer in new[] { "qs1z.director", "qs.admin", "city.admin" })
        {
            var client = await app.LoginAsync(viewer);
            var response = await client.GetAsync($"/files/{file.Id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task HideAFileFromAnotherCountyAndAnotherSchool()
    {
        var file = await SaveAsync("qs1z.director", Png, "隐患.png");
        foreach (var outsider in new[] { "yx.admin", "yxyey.director", "qssx.director" })
        {
            var client = await app.LoginAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/files/{file.Id}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync($"/files/{file.Id}")).StatusCode);
    }

    [Fact]
    public async Task RefuseATextFileNamedLikeAPhoto()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var before = await CountAsync();
        var error = await Assert.ThrowsAsync<FileRejectedException>(() => SaveAsync("qs1z.director", "这不是照片"u8.ToArray(), "photo.jpg"));
        Assert.Equal("这不是图片文件，请上传 JPG、PNG、WebP 或 HEIC 格式的照片。", error.Message);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task RefuseAnImageOverTheLimitAndAcceptOneAtTheLimit()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var atLimit = new byte[Limit];
        Png.CopyTo(atLimit, 0);
        var overLimit = new byte[Limit + 1];
        Png.CopyTo(overLimit, 0);

        var error = await Assert.ThrowsAsync<FileRejectedException>(() => SaveAsync("qs1z.director", overLimit, "big.png"));
        Assert.Equal("文件太大：不能超过 1 MB。", error.Message);
        Assert.Equal(Limit, (await SaveAsync("qs1z.director", atLimit, "just.png")).Length);
    }

    [Fact]
    public async Task RefuseAnEmptyFile()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var error = await Assert.ThrowsAsync<FileRejectedException>(() => SaveAsync("qs1z.director", [], "empty.png"));
        Assert.Equal("文件是空的，请重新选择。", error.Message);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\Windows\\win.ini", "win.ini")]
    [InlineData("/var/www/校门.png", "校门.png")]
    [InlineData("a<b>:c\"d|e?.png", "abcde.png")]
    [InlineData("", "file.png")]
    [InlineData("../", "file.png")]
    public async Task KeepOnlyAPlainFileNameFromTheClient(string clientName, string stored)
    {
        var file = await SaveAsync("qs1z.director", Png, clientName);
        Assert.Equal(stored, file.FileName);
        await using var db = TestDatabase.CreateSystemContext(app.ConnectionString);
        Assert.Equal(stored, await db.StoredFiles.Where(f => f.Id == file.Id).Select(f => f.FileName).SingleAsync());
    }

    [Fact]
    public async Task RefuseToSaveIntoAnotherScope()
    {
        await using var scope = await app.ScopeAsAsync("qs1z.director");
        var store = scope.ServiceProvider.GetRequiredService<FileStore>();
        await Assert.ThrowsAsync<TenantViolationException>(() =>
            store.SaveAsync(new MemoryStream(Png), "x.png", FileCategory.Image, app.Org.YunxiKindergarten.ScopePath));
    }

    private async Task<SafeCampus.Web.Domain.StoredFile> SaveAsync(string userName, byte[] content, string name)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        var store = scope.ServiceProvider.GetRequiredService<FileStore>();
        return await store.SaveAsync(new MemoryStream(content), name, FileCategory.Image, app.Org.QingshanFirstMiddle.ScopePath);
    }

    private async Task<int> CountAsync()
    {
        await using var db = TestDatabase.CreateSystemContext(app.ConnectionString);
        return await db.StoredFiles.CountAsync();
    }
}
