using Bunit;
using SafeCampus.Web.Features.Organisation;

namespace SafeCampus.Tests.Components.Shared;

/// <summary>Previous/next paging of the school and user lists.</summary>
public sealed class PagerShould : ComponentTest
{
    private IRenderedComponent<Pager> RenderPage(int page, int pages, int total) => Render<Pager>(p => p
        .Add(c => c.Page, page)
        .Add(c => c.Pages, pages)
        .Add(c => c.Total, total)
        .Add(c => c.Link, n => $"/org/schools?kind=Primary&page={n}"));

    private static List<(string Text, string? Href, string? Rel)> Links(IRenderedComponent<Pager> pager) =>
        pager.FindAll("nav.pager a").Select(a => (a.TextContent, a.GetAttribute("href"), a.GetAttribute("rel"))).ToList();

    [Fact]
    public void OfferOnlyTheWayForwardOnTheFirstPage()
    {
        var pager = RenderPage(1, 3, 1234);

        Assert.Equal("分页", pager.Find("nav.pager").GetAttribute("aria-label"));
        Assert.Equal("第 1 / 3 页，共 1,234 条", pager.Find("[data-testid=page-of]").TextContent);
        Assert.Equal(
            [("下一页", "/org/schools?kind=Primary&page=2", "next"), ("末页", "/org/schools?kind=Primary&page=3", null)],
            Links(pager));
    }

    [Fact]
    public void OfferBothWaysInTheMiddle()
    {
        var pager = RenderPage(2, 3, 45);

        Assert.Equal("第 2 / 3 页，共 45 条", pager.Find("[data-testid=page-of]").TextContent);
        Assert.Equal(
            [
                ("首页", "/org/schools?kind=Primary&page=1", null), ("上一页", "/org/schools?kind=Primary&page=1", "prev"),
                ("下一页", "/org/schools?kind=Primary&page=3", "next"), ("末页", "/org/schools?kind=Primary&page=3", null),
            ],
            Links(pager));
    }

    [Fact]
    public void OfferOnlyTheWayBackOnTheLastPage()
    {
        var pager = RenderPage(3, 3, 45);

        Assert.Equal(["首页", "上一页"], Links(pager).Select(l => l.Text));
        Assert.Equal("/org/schools?kind=Primary&page=2", Links(pager)[1].Href);
    }

    [Fact]
    public void ShowJustTheCountOnASinglePage()
    {
        var pager = RenderPage(1, 1, 7);

        Assert.Empty(Links(pager));
        Assert.Equal("第 1 / 1 页，共 7 条", pager.Find("[data-testid=page-of]").TextContent);
    }

    [Fact]
    public void RenderNothingForAnEmptyList()
    {
        Assert.Empty(RenderPage(1, 0, 0).Nodes);
    }
}
