using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Data;

/// <summary>
/// What <c>dotnet ef</c> builds the context with, instead of starting the app (which would start the embedded
/// PostgreSQL). <c>migrations add</c> and <c>migrations script</c> need no database; <c>database update</c> uses
/// <c>ConnectionStrings__Default</c>.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Default") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Database=" + DatabaseExtensions.DatabaseName;
        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).Options;
        return new AppDbContext(options, new TenantScope());
    }
}
