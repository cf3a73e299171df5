using SafeCampus.Web.Data;
using SafeCampus.Web.Features.Account;
using SafeCampus.Web.Features.Audit;
using SafeCampus.Web.Features.Defences;
using SafeCampus.Web.Features.Drills;
using SafeCampus.Web.Features.Education;
using SafeCampus.Web.Features.Emergency;
using SafeCampus.Web.Features.Hazards;
using SafeCampus.Web.Features.Notifications;
using SafeCampus.Web.Features.Organisation;
using SafeCampus.Web.Features.Organisation.Import;
using SafeCampus.Web.Features.Pledges;
using SafeCampus.Web.Infrastructure;
using SafeCampus.Web.Infrastructure.Files;
using SafeCampus.Web.Infrastructure.Pdf;
using SafeCampus.Web.Infrastructure.Scheduling;
using SafeCampus.Web.Infrastructure.Web;

var builder = WebApplication.CreateBuilder(args);
builder.ListenWhereConfigured();
builder.AddSafeCampusLogging();
builder.AddDatabase();
builder.AddSafeCampusIdentity();
builder.AddWebUi();
builder.AddScheduler();
builder.AddNotifications();
builder.AddFileStore();
builder.AddPdf();
builder.AddOrganisation();
builder.AddDrills();
builder.AddPledges();
builder.AddHazards();
builder.AddDefences();
builder.AddEducation();
builder.AddAudit();
builder.AddEmergency();

var app = builder.Build();

if (!app.EnsureStaticAssets())
{
    Environment.ExitCode = 1;
    await app.DisposeAsync();
    return;
}

await app.InitialiseDatabaseAsync(args);
app.UseWebUi();
app.MapJobDashboard();
app.MapAccount();
app.MapFileStore();
app.MapSchoolImport();
app.MapDrills();
app.MapPledges();
app.MapHazards();
app.MapDefences();
app.MapEducation();
app.MapAudit();
app.MapEmergency();
await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
