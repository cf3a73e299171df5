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

        Render<RedirectToLogin>();

        Assert.Equal("http://localhost/account/denied", navigation.Uri);
    }
}
