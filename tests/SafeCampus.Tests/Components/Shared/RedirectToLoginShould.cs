using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SafeCampus.Web.Components.Shared;

namespace SafeCampus.Tests.Components.Shared;

/// <summary>What the router shows for a page the user may not see.</summary>
public sealed class RedirectToLoginShould : ComponentTest
{
    [Fact]
    public void SendAnAnonymousVisitorToTheLoginWithTheWayBack()
    {
        AddAuthorization().SetNotAuthorized();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("/hazards?state=open");

        Render<RedirectToLogin>();

        var last = navigation.History.First(); // newest first
        Assert.Equal("/account/login?returnUrl=%2Fhazards%3Fstate%3Dopen", last.Uri);
        Assert.True(last.Options.ForceLoad);
    }

    [Fact]
    public void TellASignedInUserTheyMayNotSeeThePage()
    {
        AddAuthorization().SetAuthorized("qs1z.teacher");
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/drills/settings");

        var rendered = Render<RedirectToLogin>();

        Assert.Equal("http://localhost/drills/settings", navigation.Uri); // no redirect: the answer is in place
        Assert.Equal("您无权进行此操作。", rendered.Find("[data-testid=not-allowed]").TextContent);
    }
}
