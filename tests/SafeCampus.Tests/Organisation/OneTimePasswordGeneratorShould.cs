using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Account;
using SafeCampus.Web.Features.Organisation.Users;

namespace SafeCampus.Tests.Organisation;

/// <summary>Unit tests: no database. The policy comes from the app's own identity setup, so a tightened policy is caught.</summary>
public sealed class OneTimePasswordGeneratorShould
{
    private readonly OneTimePasswordGenerator _generator = new();

    [Fact]
    public async Task AlwaysPassThePasswordPolicy()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["DataProtection:KeysPath"] = Path.Combine(Path.GetTempPath(), "safecampus-tests", "otp-keys");
        builder.AddSafeCampusIdentity();
        builder.Services.AddScoped<IUserStore<AppUser>, NoStore>();
        await using var services = builder.Services.BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "someone" };
        Assert.NotEmpty(users.PasswordValidators);

        for (var i = 0; i < 2_000; i++)
        {
            var password = _generator.Generate();
            Assert.True(password.Length >= 12, password);
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, password);
                Assert.True(result.Succeeded, $"{password}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }
        }
    }

    [Fact]
    public void UseEveryCharacterClassAndNoLookAlikes()
    {
        for (var i = 0; i < 2_000; i++)
        {
            var password = _generator.Generate();
            Assert.Contains(password, char.IsUpper);
            Assert.Contains(password, char.IsLower);
            Assert.Contains(password, char.IsDigit);
            Assert.Contains(password, c => !char.IsLetterOrDigit(c));
            Assert.DoesNotContain(password, c => "Il1O0o'\"`\\/ |".Contains(c));
        }
    }

    [Fact]
    public void NeverRepeatItself()
    {
        var passwords = Enumerable.Range(0, 10_000).Select(_ => _generator.Generate()).ToHashSet();
        Assert.Equal(10_000, passwords.Count);
    }

    /// <summary>The password validators never touch the store; anything else would be a test bug.</summary>
    private sealed class NoStore : IUserStore<AppUser>
    {
        public void Dispose()
        {
        }

        public Task<string> GetUserIdAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id);
        public Task<string?> GetUserNameAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.UserName);
        public Task SetUserNameAsync(AppUser user, string? userName, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<string?> GetNormalizedUserNameAsync(AppUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task SetNormalizedUserNameAsync(AppUser user, string? normalizedName, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IdentityResult> CreateAsync(AppUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
