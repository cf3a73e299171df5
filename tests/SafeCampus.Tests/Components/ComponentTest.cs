using System.Globalization;
using Bunit;

namespace SafeCampus.Tests.Components;

/// <summary>
/// A bUnit context in the app's default language: components render with the real zh-CN resources, as a page
/// does for a user without a language cookie.
/// </summary>
public abstract class ComponentTest : BunitContext
{
    protected ComponentTest()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }
}
