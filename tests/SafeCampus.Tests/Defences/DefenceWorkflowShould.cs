using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Tests.Infrastructure;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Defences;
using SafeCampus.Web.Tenancy;
using static SafeCampus.Tests.Defences.DefenceTestCity;

namespace SafeCampus.Tests.Defences;

/// <summary>Draft → submitted by the director → confirmed by the principal → accepted or returned; closing and reopening.</summary>
public sealed class DefenceWorkflowShould(DefenceWorkflowShould.Fixture app) : IClassFixture<DefenceWorkflowShould.Fixture>
{
    public sealed class Fixture : DefenceCityFixture;

    private async Task<T> AsAsync<T>(string user, Func<DefenceReturnService, Task<T>> action)
    {
        await using var scope = await app.ScopeAsAsync(user);
        return await action(scope.ServiceProvider.GetRequiredService<DefenceReturnService>());
    }

    private async Task AsAsync(string user, Func<DefenceReturnService, Task> action)
    {
        await using var scope = await app.ScopeAsAsync(user);
        await action(scope.ServiceProvider.GetRequiredService<DefenceReturnService>());
    }

    private Task<DefenceReturn?> LoadAsync(Guid schoolId, DateOnly month) => app.LoadReturnAsync(schoolId, month);

    private static async Task<string> CodeOf(Func<Task> action) => (await Assert.ThrowsAsync<DomainException>(action)).Code;

    [Fact]
    public async Task RunTheWholeWorkflowAndPrefillTheNextMonth()
    {
        var c = app.City;
        app.Clock.Set(China(10, 20));
        await AsAsync("p1.director", s => s.SaveAsync(October, Compliant((DefenceFields.Cameras, 50)), submit: false));
        Assert.Equal(DefenceReturnState.Draft, (await LoadAsync(c.Primary1.Id, October))!.State);

        await AsAsync("p1.director", s => s.SaveAsync(October, Compliant((DefenceFields.Cameras, 55)), submit: true));
        var submitted = await LoadAsync(c.Primary1.Id, October);
        Assert.Equal(DefenceReturnState.Submitted, submitted!.State);
        Assert.False(submitted.IsLate);
        Assert.Equal(55, submitted.ValueMap()[DefenceFields.Cameras]);

        Assert.Equal("Defences.AlreadySubmitted", await CodeOf(() => AsAsync("p1.director", s => s.SaveAsync(October, Compliant(), submit: true))));
        Assert.Equal("Defences.OnlyPrincipalConfirms", await CodeOf(() => AsAsync("p1.director", s => s.ConfirmAsync(October))));
        await AsAsync("p1.principal", s => s.ConfirmAsync(October));
        Assert.Equal("Defences.AlreadyConfirmed", await CodeOf(() => AsAsync("p1.principal", s => s.ConfirmAsync(October))));

        var id = submitted.Id;
        Assert.Equal("Defences.ReturnNeedsComment", await CodeOf(() => AsAsync("a.safety", s => s.ReturnAsync(id, " "))));
        await AsAsync("a.safety", s => s.ReturnAsync(id, "摄像头数量与上月相差较大，请核实。"));
        var returned = await LoadAsync(c.Primary1.Id, October);
        Assert.Equal(DefenceReturnState.Returned, returned!.State);
        Assert.Equal("摄像头数量与上月相差较大，请核实。", returned.ReviewComment);

        await AsAsync("p1.director", s => s.SaveAsync(October, Compliant((DefenceFields.Cameras, 50)), submit: true));
        await AsAsync("p1.principal", s => s.ConfirmAsync(October));
        await AsAsync("a.safety", s => s.AcceptAsync(id));
        Assert.Equal(DefenceReturnState.Accepted, (await LoadAsync(c.Primary1.Id, October))!.State);

        app.Clock.Set(China(11, 3));
        var form = await AsAsync("p1.director", s => s.FormAsync(November));
        Assert.True(form.PrefilledFromPrevious);
        Assert.Null(form.Saved);
        Assert.Equal(50, form.Values[DefenceFields.Cameras]);
        Assert.Equal(DefenceCheck.None, form.FailedChecks);
        Assert.Equal(new DateOnly(2026, 11, 25), form.DueDate);
    }

    [Fact]
    public async Task MarkALateSubmissionAndShowTheStandardsWarningsBeforeSubmitting()
    {
        app.Clock.Set(China(11, 20));
        await AsAsync("p2.director", s => s.SaveAsync(November, Compliant((DefenceFields.Guards, 5), (DefenceFields.FullTimeGuards, 3), (DefenceFields.OpenGates, 1)), false));
        var form = await AsAsync("p2.director", s => s.FormAsync(November));
        Assert.Equal(DefenceCheck.GuardRatio, form.FailedChecks);

        app.Clock.Set(China(11, 26, 8));
        await AsAsync("p2.director", s => s.SaveAsync(November, Compliant((DefenceFields.Guards, 5), (DefenceFields.FullTimeGuards, 3), (DefenceFields.OpenGates, 1)), true));
        var r = await LoadAsync(app.City.Primary2.Id, November);
        Assert.True(r!.IsLate);
        Assert.Equal(DefenceCheck.GuardRatio, r.FailedChecks);
    }

    [Fact]
    public async Task RefuseBadInputAndChangeNothing()
    {
        app.Clock.Set(China(11, 10));
        await AsAsync("j1.director", s => s.SaveAsync(November, Compliant(), false));
        var before = await LoadAsync(app.City.Junior1.Id, November);

        Assert.Equal("Defences.FullTimeAboveTotal", await CodeOf(() => AsAsync("j1.director", s => s.SaveAsync(November, Compliant((DefenceFields.FullTimeGuards, 9)), true))));
        Assert.Equal("Defences.ValueNegative", await CodeOf(() => AsAsync("j1.director", s => s.SaveAsync(November, Compliant((DefenceFields.Cameras, -3)), false))));
        Assert.Equal("Defences.ValueNotWhole", await CodeOf(() => AsAsync("j1.director", s => s.SaveAsync(November, Compliant((DefenceFields.Guards, 4.5m)), false))));
        Assert.Equal("Defences.OnlyDirectorSubmits", await CodeOf(() => AsAsync("j1.principal", s => s.SaveAsync(November, Compliant(), true))));
        Assert.Equal("Defences.SchoolOnly", await CodeOf(() => AsAsync("j1.teacher", s => s.SaveAsync(November, Compliant(), false))));
        Assert.Equal("Defences.MonthInFuture", await CodeOf(() => AsAsync("j1.director", s => s.SaveAsync(new DateOnly(2026, 12, 1), Compliant(), false))));

        var after = await LoadAsync(app.City.Junior1.Id, November);
        Assert.Equal(before!.State, after!.State);
        Assert.Equal(before.ValueMap(), after.ValueMap());
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }

    [Fact]
    public async Task LockReturnsWhenTheBureauClosesTheMonthAndReopenOneWithAnAuditedReason()
    {
        app.Clock.Set(China(9, 10));
        var month = new DateOnly(2026, 9, 1);
        await AsAsync("p1.director", s => s.SaveAsync(month, Compliant(), true));
        app.Clock.Set(China(9, 28));
        Assert.Equal(1, await AsAsync("a.safety", s => s.CloseMonthAsync(month)));
        Assert.Equal("Defences.MonthAlreadyClosed", await CodeOf(() => AsAsync("a.safety", s => s.CloseMonthAsync(month))));

        var locked = await LoadAsync(app.City.Primary1.Id, month);
        Assert.True(locked!.IsLocked);
        Assert.Equal("Defences.Locked", await CodeOf(() => AsAsync("p1.principal", s => s.ConfirmAsync(month))));
        Assert.Equal("Defences.Locked", await CodeOf(() => AsAsync("p2.director", s => s.SaveAsync(month, Compliant(), false)))); // no new return either
        Assert.Null(await LoadAsync(app.City.Primary2.Id, month));
        Assert.Equal("Defences.ReopenNeedsReason", await CodeOf(() => AsAsync("a.safety", s => s.ReopenAsync(locked.Id, ""))));
        // Another county's officer does not see the return at all.
        await Assert.ThrowsAsync<DefenceReturnNotFoundException>(() => AsAsync("b.safety", s => s.ReopenAsync(locked.Id, "想改")));
        await using (var services = app.Services.CreateAsyncScope())
        {
            using var _ = services.ServiceProvider.GetRequiredService<TenantScope>().EnterSystem("test");
            var officer = AppUser.ForBureau(app.City.CountyB, "b.web", "网页用户", UserRole.BureauSafetyOfficer, DateTimeOffset.UtcNow);
            Assert.True((await services.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>().CreateAsync(officer, TestUsers.Password)).Succeeded);
        }

        var otherCounty = await app.LoginAsync("b.web", TestUsers.Password);
        var review = await otherCounty.GetAsync($"/defences/returns/{locked.Id}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, review.StatusCode);
        Assert.Contains("页面不存在", await review.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await AsAsync("a.safety", s => s.ReopenAsync(locked.Id, "学校反映保安人数填错，重新打开更正。"));
        var reopened = await LoadAsync(app.City.Primary1.Id, month);
        Assert.False(reopened!.IsLocked);
        Assert.Equal(DefenceReturnState.Returned, reopened.State);

        var scope = new TenantScope();
        scope.EnterSystem("test");
        await using var db = TestDatabase.CreateContext(app.ConnectionString, scope);
        var audit = await db.AuditEntries.Where(a => a.Entity == nameof(DefenceReturn) && a.EntityKey == locked.Id.ToString() && a.Action == "update")
            .OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(app.City.Users["a.safety"], audit.UserId);
        Assert.Contains("学校反映保安人数填错", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowTheFormAndRefuseAFractionalCountWithAChineseMessageOverHttp()
    {
        app.Clock.Set(China(11, 12));
        await AsAsync("k1.director", s => s.SaveAsync(November, Compliant((DefenceFields.Guards, 2), (DefenceFields.FullTimeGuards, 2), (DefenceFields.TrainedGuards, 2), (DefenceFields.OpenGates, 1)), false));
        await TestUsers.CreateAsync(app, app.City.Kindergarten, "k1.web", role: UserRole.SafetyDirector);
        var client = await app.LoginAsync("k1.web", TestUsers.Password);
        var page = await client.GetStringAsync("/defences/2026-11");
        Assert.Contains("三防月报", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Values[Guards]\"", page, StringComparison.Ordinal);

        var fields = Compliant((DefenceFields.Guards, 2), (DefenceFields.FullTimeGuards, 2), (DefenceFields.TrainedGuards, 2), (DefenceFields.OpenGates, 1))
            .ToDictionary(kv => $"Input.Values[{kv.Key}]", kv => kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        fields["Input.Values[Cameras]"] = "12.5";
        fields["Input.Action"] = "submit";
        var response = await client.PostFormAsync("/defences/2026-11", "defence-return", fields);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请填写整数，不能有小数。", Forms.ErrorText(html), StringComparison.Ordinal);
        Assert.Equal(DefenceReturnState.Draft, (await LoadAsync(app.City.Kindergarten.Id, November))!.State);

        fields["Input.Values[Cameras]"] = "20";
        response = await client.PostFormAsync("/defences/2026-11", "defence-return", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(DefenceReturnState.Submitted, (await LoadAsync(app.City.Kindergarten.Id, November))!.State);
    }
}
