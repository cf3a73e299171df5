using Microsoft.AspNetCore.Identity;

namespace SafeCampus.Web.Features.Account;

/// <summary>Identity's messages in the user's language (zh-CN by default) from <see cref="AccountText"/>.</summary>
public sealed class ChineseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = string.Format(System.Globalization.CultureInfo.CurrentCulture, AccountText.PasswordTooShort, length) };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = AccountText.PasswordMismatch };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = string.Format(System.Globalization.CultureInfo.CurrentCulture, AccountText.PasswordUniqueChars, uniqueChars) };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = string.Format(System.Globalization.CultureInfo.CurrentCulture, AccountText.DuplicateUserName, userName) };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = AccountText.InvalidUserName };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = AccountText.ConcurrencyFailure };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = AccountText.DefaultError };
}
