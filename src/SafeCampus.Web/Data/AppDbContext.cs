using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Tenancy;

namespace SafeCampus.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options, TenantScope scope)
    : IdentityUserContext<AppUser>(options)
{
    /// <summary>Name of the query filter every tenant-owned entity carries.</summary>
    public const string TenantFilter = "Tenant";

    public TenantScope Scope { get; } = scope;

    /// <summary>Read by the query filters at query time, so each query sees the scope current when it runs.</summary>
    internal string TenantPrefix => Scope.FilterPrefix;

    public DbSet<Bureau> Bureaus => Set<Bureau>();
    public DbSet<School> Schools => Set<School>();
    public DbSet<SafetyDistrict> SafetyDistricts => Set<SafetyDistrict>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<DrillKind> DrillKinds => Set<DrillKind>();
    public DbSet<DrillRule> DrillRules => Set<DrillRule>();
    public DbSet<Drill> Drills => Set<Drill>();
    public DbSet<PledgeTemplate> PledgeTemplates => Set<PledgeTemplate>();
    public DbSet<PledgeTemplateVersion> PledgeTemplateVersions => Set<PledgeTemplateVersion>();
    public DbSet<PledgeCampaign> PledgeCampaigns => Set<PledgeCampaign>();
    public DbSet<PledgeCampaignSchool> PledgeCampaignSchools => Set<PledgeCampaignSchool>();
    public DbSet<PledgeSignature> PledgeSignatures => Set<PledgeSignature>();
    public DbSet<NoticeReceipt> NoticeReceipts => Set<NoticeReceipt>();
    public DbSet<PledgeSchedule> PledgeSchedules => Set<PledgeSchedule>();
    public DbSet<FormSubmission> FormSubmissions => Set<FormSubmission>();
    public DbSet<ChecklistTemplate> ChecklistTemplates => Set<ChecklistTemplate>();
    public DbSet<HazardSettings> HazardSettings => Set<HazardSettings>();
    public DbSet<NoticeCounter> NoticeCounters => Set<NoticeCounter>();
    public DbSet<SelfCheck> SelfChecks => Set<SelfCheck>();
    public DbSet<Hazard> Hazards => Set<Hazard>();
    public DbSet<Inspection> Inspections => Set<Inspection>();
    public DbSet<RectificationNotice> RectificationNotices => Set<RectificationNotice>();
    public DbSet<HazardCampaign> HazardCampaigns => Set<HazardCampaign>();
    public DbSet<HazardCampaignSchool> HazardCampaignSchools => Set<HazardCampaignSchool>();
    public DbSet<CrossInspectionAssignment> CrossInspectionAssignments => Set<CrossInspectionAssignment>();
    public DbSet<DefenceStandard> DefenceStandards => Set<DefenceStandard>();
    public DbSet<DefenceReturn> DefenceReturns => Set<DefenceReturn>();
    public DbSet<DefenceMonthClosure> DefenceMonthClosures => Set<DefenceMonthClosure>();
    public DbSet<DefenceReport> DefenceReports => Set<DefenceReport>();
    public DbSet<EducationSettings> EducationSettings => Set<EducationSettings>();
    public DbSet<LessonRule> LessonRules => Set<LessonRule>();
    public DbSet<SchoolClass> SchoolClasses => Set<SchoolClass>();
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<SafetyPost> SafetyPosts => Set<SafetyPost>();
    public DbSet<SafetyPerson> SafetyPeople => Set<SafetyPerson>();
    public DbSet<TrainingSession> TrainingSessions => Set<TrainingSession>();
    public DbSet<TrainingAttendance> TrainingAttendances => Set<TrainingAttendance>();
    public DbSet<ThemeDay> ThemeDays => Set<ThemeDay>();
    public DbSet<ThemeActivity> ThemeActivities => Set<ThemeActivity>();
    public DbSet<ThemeFiling> ThemeFilings => Set<ThemeFiling>();
    public DbSet<Warning> Warnings => Set<Warning>();
    public DbSet<WarningRecipient> WarningRecipients => Set<WarningRecipient>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<WarningSms> WarningSms => Set<WarningSms>();
    public DbSet<LargeActivity> Activities => Set<LargeActivity>();
    public DbSet<DutyRoster> DutyRosters => Set<DutyRoster>();
    public DbSet<DutyLog> DutyLogs => Set<DutyLog>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType) && entityType.BaseType is null)
            {
                var column = entityType.FindProperty(nameof(ITenantOwned.ScopePath)) is not null
                    ? nameof(ITenantOwned.ScopePath)
                    : nameof(Bureau.Path);
                builder.Entity(entityType.ClrType).HasQueryFilter(TenantFilter, BuildTenantFilter(entityType.ClrType, column));

                // UPDATE and DELETE also match the scope the row had when loaded. The SaveChanges guard checks that
                // scope, so an entity attached with a forged scope (say, rebuilt from a posted form) matches no row
                // and fails with a concurrency error instead of changing another tenant's row. No schema change.
                builder.Entity(entityType.ClrType).Property(column).IsConcurrencyToken();
            }
        }
    }

    private LambdaExpression BuildTenantFilter(Type type, string column)
    {
        // e => EF.Property<string>(e, column).StartsWith(this.TenantPrefix)
        var e = Expression.Parameter(type, "e");
        var property = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(string)], e, Expression.Constant(column));
        var prefix = Expression.Property(Expression.Constant(this), nameof(TenantPrefix));
        var startsWith = Expression.Call(property, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, prefix);
        return Expression.Lambda(startsWith, e);
    }
}
