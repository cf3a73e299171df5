using System.Globalization;
using Bunit;
using SafeCampus.Web.Components.Shared;

namespace SafeCampus.Tests.Components.Shared;

/// <summary>The error summary at the top of a form (GOV.UK pattern): an alert with a title and one item per error.</summary>
public sealed class ValidationSummaryBoxShould : ComponentTest
{
    [Fact]
    public void ListEveryErrorUnderAChineseTitleAsAnAlert()
    {
        var box = Render<ValidationSummaryBox>(p => p.Add(c => c.Errors, ["专职人数不能多于总人数。", "请填写围墙高度。"]));

        var summary = box.Find("div.error-summary");
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Equal("-1", summary.GetAttribute("tabindex")); // focusable, so the page can move focus to it
        Assert.Equal("请修改以下问题：", summary.QuerySelector("h2")!.TextContent);
        Assert.Equal(["专职人数不能多于总人数。", "请填写围墙高度。"], box.FindAll("li").Select(li => li.TextContent));
    }

    [Fact]
    public void RenderNothingWithoutErrors()
    {
        var box = Render<ValidationSummaryBox>(p => p.Add(c => c.Errors, []));

        Assert.Empty(box.Nodes);
    }

    [Fact]
    public void UseTheEnglishTitleForAnEnglishUser()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-US");

        var box = Render<ValidationSummaryBox>(p => p.Add(c => c.Errors, ["x"]));

        Assert.Equal("Please correct the following:", box.Find("h2").TextContent);
    }
}
