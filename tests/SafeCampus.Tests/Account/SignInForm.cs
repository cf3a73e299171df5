using System.Net;
using SafeCampus.Tests.Infrastructure;

namespace SafeCampus.Tests.Account;

/// <summary>Posts the sign-in form once, with a fresh client, and returns the error it shows.</summary>
public static class SignInForm
{
    public const string WrongPassword = "Wrong#Pass2026";
    public const string Failed = "用户名或密码不正确。连续输错 5 次后需等待几分钟再试；忘记密码请联系本单位管理员重置。";

    public static async Task<string> ErrorAsync(AppFactory app, string userName, string password)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.PostFormAsync("/account/login", "login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Forms.ErrorText(await response.Content.ReadAsStringAsync()).Replace("请修改以下问题：", "", StringComparison.Ordinal).Trim();
    }
}
