using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Infrastructure.Files;

namespace SafeCampus.Tests.Drills.SchoolSide;

/// <summary>The school's use cases called directly, in the tenant scope of the signed-in user.</summary>
public sealed class DrillServiceShould : IClassFixture<DrillSchoolFixture>
{
    private const string Director = "qs1z.director";
    private readonly DrillSchoolFixture _app;

    public DrillServiceShould(DrillSchoolFixture app)
    {
        _app = app;
        _app.Clock.Set(DrillSchoolFixture.Now);
    }

    [Fact]
    public async Task FileADrillWithAPhotoAndComputeParticipationFromTheEnrolmentOfThatDay()
    {
        var id = await _app.ScheduleAsync(Director, DrillSchoolFixture.Today);
        await using (var scope = await _app.ScopeAsAsync(Director))
        {
            var service = scope.ServiceProvider.GetRequiredService<DrillService>();
            await service.AddPhotoAsync(id, new MemoryStream(TestImages.Png(16, 12)), "现场.png");
            await service.FileAsync(id, new DrillReport(2800, 230, 190, "疏散有序", "加强演练", ["楼梯口拥挤", " "]));
        }

        var drill = await _app.LoadAsync(id);
        Assert.Equal(DrillState.Submitted, drill.State);
        Assert.Equal((2860, 236), (drill.StudentsEnrolled, drill.StaffEnrolled));
        Assert.Equal(Math.Round(3030m / 3096m, 4), drill.ParticipationRate);
        Assert.Equal(["楼梯口拥挤"], drill.Findings.Select(f => f.Text));
        Assert.Equal(DrillSchoolFixture.Now, drill.SubmittedAt);
        await using var db = _app.SystemContext();
        Assert.Equal("image/png", db.StoredFiles.Single(f => f.Id == drill.Photos[0].FileId).ContentType);
    }

    [Fact]
    public async Task StoreNoPhotoWhenOneOfSeveralIsRefused()
    {
        var id = await _app.ScheduleAsync(Director, DrillSchoolFixture.Today);
        await using var db = _app.SystemContext();
        var files = db.StoredFiles.Count();

        await using (var scope = await _app.ScopeAsAsync(Director))
        {
            var service = scope.ServiceProvider.GetRequiredService<DrillService>();
            await Assert.ThrowsAsync<FileRejectedException>(() => service.AddPhotosAsync(id,
                [new Upload(new MemoryStream(TestImages.Png(4, 4)), "a.png"), new Upload(new MemoryStream("%PDF-1.4"u8.ToArray()), "b.pdf")]));
        }

        Assert.Empty((await _app.LoadAsync(id)).Photos);
        Assert.Equal(files, db.StoredFiles.Count());
    }

    [Fact]
    public async Task NotFindTheDrillOfAnotherSchool()
    {
        var id = await _app.ScheduleAsync(Director, DrillSchoolFixture.Today);
        await _app.AddPhotoAsync(Director, id);

        await using (var scope = await _app.ScopeAsAsync("qssx.director"))
        {
            var service = scope.ServiceProvider.GetRequiredService<DrillService>();
            await Assert.ThrowsAsync<DrillNotFoundException>(() => service.FileAsync(id, new DrillReport(10, 1, 60, "总结", null, [])));
            await Assert.ThrowsAsync<DrillNotFoundException>(() => service.CancelAsync(id));
            await Assert.ThrowsAsync<DrillNotFoundException>(() => service.AddPhotoAsync(id, new MemoryStream(TestImages.Png(4, 4)), "x.png"));
        }

        var drill = await _app.LoadAsync(id);
        Assert.Equal((DrillState.Scheduled, 1), (drill.State, drill.Photos.Count));
    }

    [Fact]
    public async Task RefuseFilingByABureauUser()
    {
        var id = await _app.ScheduleAsync(Director, DrillSchoolFixture.Today);
        await _app.AddPhotoAsync(Director, id);

        await using (var scope = await _app.ScopeAsAsync("qs.safety"))
        {
            var ex = await Assert.ThrowsAsync<DomainException>(() =>
                scope.ServiceProvider.GetRequiredService<DrillService>().FileAsync(id, new DrillReport(10, 1, 60, "总结", null, [])));
            Assert.Equal("Drills.SchoolOnly", ex.Code);
        }

        Assert.Equal(DrillState.Scheduled, (await _app.LoadAsync(id)).State);
    }
}
