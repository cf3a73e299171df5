using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SafeCampus.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Entity = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EntityKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Before = table.Column<string>(type: "jsonb", nullable: true),
                    After = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Bureaus",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ShortName = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bureaus", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Bureaus_Bureaus_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FormSubmissions",
                columns: table => new
                {
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Location = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormSubmissions", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "StoredFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChecklistTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    IsCurrent = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChecklistTemplates_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DefenceMonthClosures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DefenceMonthClosures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DefenceMonthClosures_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DefenceStandards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    DueDay = table.Column<int>(type: "integer", nullable: false),
                    GuardsPerGate = table.Column<int>(type: "integer", nullable: false),
                    LargeSchoolThreshold = table.Column<int>(type: "integer", nullable: false),
                    GuardPermille = table.Column<int>(type: "integer", nullable: false),
                    BoardingGuardPermille = table.Column<int>(type: "integer", nullable: false),
                    MinWallHeight = table.Column<decimal>(type: "numeric(4,2)", precision: 4, scale: 2, nullable: false),
                    MinVideoDays = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DefenceStandards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DefenceStandards_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DrillKinds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    BoardingOnly = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrillKinds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DrillKinds_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HazardSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    SelfChecksPerMonth = table.Column<int>(type: "integer", nullable: false),
                    BureauAlertDays = table.Column<int>(type: "integer", nullable: false),
                    NoticePrefix = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HazardSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HazardSettings_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NoticeCounters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Next = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeCounters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoticeCounters_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PledgeTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LatestVersion = table.Column<int>(type: "integer", nullable: false),
                    LatestVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgeTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PledgeTemplates_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DefenceReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Progress = table.Column<int>(type: "integer", nullable: false),
                    Automatic = table.Column<bool>(type: "boolean", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FileId = table.Column<Guid>(type: "uuid", nullable: true),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DefenceReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DefenceReports_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DefenceReports_StoredFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChecklistItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Area = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChecklistItems_ChecklistTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "ChecklistTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HazardCampaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Audience = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SchoolCount = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HazardCampaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HazardCampaigns_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HazardCampaigns_ChecklistTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "ChecklistTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DrillRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Audience = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<int>(type: "integer", nullable: false),
                    KindId = table.Column<Guid>(type: "uuid", nullable: true),
                    MinCount = table.Column<int>(type: "integer", nullable: false),
                    MonthsMask = table.Column<int>(type: "integer", nullable: false),
                    ReminderDaysBefore = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrillRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DrillRules_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DrillRules_DrillKinds_KindId",
                        column: x => x.KindId,
                        principalTable: "DrillKinds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PledgeSchedules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PrincipalTemplateId = table.Column<Guid>(type: "uuid", nullable: true),
                    StaffTemplateId = table.Column<Guid>(type: "uuid", nullable: true),
                    ParentTemplateId = table.Column<Guid>(type: "uuid", nullable: true),
                    LaunchMonth = table.Column<int>(type: "integer", nullable: false),
                    LaunchDay = table.Column<int>(type: "integer", nullable: false),
                    DaysToDeadline = table.Column<int>(type: "integer", nullable: false),
                    ReminderDays = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    LastLaunchedYear = table.Column<int>(type: "integer", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgeSchedules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PledgeSchedules_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PledgeSchedules_PledgeTemplates_ParentTemplateId",
                        column: x => x.ParentTemplateId,
                        principalTable: "PledgeTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PledgeSchedules_PledgeTemplates_PrincipalTemplateId",
                        column: x => x.PrincipalTemplateId,
                        principalTable: "PledgeTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PledgeSchedules_PledgeTemplates_StaffTemplateId",
                        column: x => x.StaffTemplateId,
                        principalTable: "PledgeTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PledgeTemplateVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgeTemplateVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PledgeTemplateVersions_PledgeTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "PledgeTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PledgeCampaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SchoolYear = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    PrincipalVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    StaffVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    ParentVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    ReminderDays = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SchoolCount = table.Column<int>(type: "integer", nullable: false),
                    ScheduleId = table.Column<Guid>(type: "uuid", nullable: true),
                    LaunchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LaunchedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgeCampaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PledgeCampaigns_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PledgeCampaigns_PledgeTemplateVersions_ParentVersionId",
                        column: x => x.ParentVersionId,
                        principalTable: "PledgeTemplateVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PledgeCampaigns_PledgeTemplateVersions_PrincipalVersionId",
                        column: x => x.PrincipalVersionId,
                        principalTable: "PledgeTemplateVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PledgeCampaigns_PledgeTemplateVersions_StaffVersionId",
                        column: x => x.StaffVersionId,
                        principalTable: "PledgeTemplateVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    FullName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: true),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: true),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    MustChangePassword = table.Column<bool>(type: "boolean", nullable: false),
                    OneTimePasswordExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Link = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EmailTo = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailState = table.Column<int>(type: "integer", nullable: false),
                    EmailSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EmailClaimedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EmailAttempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SafetyDistricts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    LiaisonUserId = table.Column<string>(type: "text", nullable: true),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SafetyDistricts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SafetyDistricts_AspNetUsers_LiaisonUserId",
                        column: x => x.LiaisonUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_SafetyDistricts_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Schools",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    IsPrivate = table.Column<bool>(type: "boolean", nullable: false),
                    IsBoarding = table.Column<bool>(type: "boolean", nullable: false),
                    Students = table.Column<int>(type: "integer", nullable: false),
                    Staff = table.Column<int>(type: "integer", nullable: false),
                    Classes = table.Column<int>(type: "integer", nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: true),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    CalendarLinkVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Schools", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Schools_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Schools_SafetyDistricts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "SafetyDistricts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "DefenceReturns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    StudentsAndStaff = table.Column<int>(type: "integer", nullable: false),
                    IsBoarding = table.Column<bool>(type: "boolean", nullable: false),
                    FailedChecks = table.Column<int>(type: "integer", nullable: false),
                    IsLate = table.Column<bool>(type: "boolean", nullable: false),
                    IsLocked = table.Column<bool>(type: "boolean", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FirstSubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConfirmedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReviewComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReopenReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DefenceReturns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DefenceReturns_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Drills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    KindId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    Scenario = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Location = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Organiser = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    PlanText = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    PlanFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    StudentsParticipating = table.Column<int>(type: "integer", nullable: true),
                    StaffParticipating = table.Column<int>(type: "integer", nullable: true),
                    StudentsEnrolled = table.Column<int>(type: "integer", nullable: true),
                    StaffEnrolled = table.Column<int>(type: "integer", nullable: true),
                    EvacuationSeconds = table.Column<int>(type: "integer", nullable: true),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Improvements = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReviewComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Drills", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Drills_DrillKinds_KindId",
                        column: x => x.KindId,
                        principalTable: "DrillKinds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Drills_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Drills_StoredFiles_PlanFileId",
                        column: x => x.PlanFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Inspections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    InspectorSchoolId = table.Column<Guid>(type: "uuid", nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Team = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Inspections_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Inspections_Schools_InspectorSchoolId",
                        column: x => x.InspectorSchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Inspections_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NoticeReceipts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ClassName = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    StudentName = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    GuardianName = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    TokenHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    TokenProtected = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AckName = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    AckRelationship = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    AckIp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AckDevice = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    AckUserAgent = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Flags = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeReceipts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoticeReceipts_PledgeCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "PledgeCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NoticeReceipts_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PledgeCampaignSchools",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    PassedOnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PassedOnBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgeCampaignSchools", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PledgeCampaignSchools_PledgeCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "PledgeCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PledgeCampaignSchools_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PledgeSignatures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Layer = table.Column<int>(type: "integer", nullable: false),
                    Post = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    VersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SignerName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SignerRole = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    SchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SignedText = table.Column<string>(type: "character varying(22000)", maxLength: 22000, nullable: true),
                    TextSha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    VerificationCode = table.Column<string>(type: "character(12)", fixedLength: true, maxLength: 12, nullable: true),
                    Ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UserAgent = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Drawing = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgeSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PledgeSignatures_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PledgeSignatures_PledgeCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "PledgeCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PledgeSignatures_PledgeTemplateVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "PledgeTemplateVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PledgeSignatures_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SelfChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: true),
                    PeriodKey = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    CheckedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    CheckedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HazardCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelfChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelfChecks_ChecklistTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "ChecklistTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SelfChecks_HazardCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "HazardCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SelfChecks_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DefenceValues",
                columns: table => new
                {
                    Field = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReturnId = table.Column<Guid>(type: "uuid", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DefenceValues", x => new { x.ReturnId, x.Field });
                    table.ForeignKey(
                        name: "FK_DefenceValues_DefenceReturns_ReturnId",
                        column: x => x.ReturnId,
                        principalTable: "DefenceReturns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DrillFindings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DrillId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrillFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DrillFindings_Drills_DrillId",
                        column: x => x.DrillId,
                        principalTable: "Drills",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DrillPhotos",
                columns: table => new
                {
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    DrillId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrillPhotos", x => new { x.DrillId, x.FileId });
                    table.ForeignKey(
                        name: "FK_DrillPhotos_Drills_DrillId",
                        column: x => x.DrillId,
                        principalTable: "Drills",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DrillPhotos_StoredFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CrossInspectionAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    InspectorSchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetSchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    InspectionId = table.Column<Guid>(type: "uuid", nullable: true),
                    FindingCount = table.Column<int>(type: "integer", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrossInspectionAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrossInspectionAssignments_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CrossInspectionAssignments_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CrossInspectionAssignments_Schools_InspectorSchoolId",
                        column: x => x.InspectorSchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CrossInspectionAssignments_Schools_TargetSchoolId",
                        column: x => x.TargetSchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RectificationNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    InspectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectificationNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RectificationNotices_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RectificationNotices_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RectificationNotices_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HazardCampaignSchools",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CheckId = table.Column<Guid>(type: "uuid", nullable: true),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HazardCampaignSchools", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HazardCampaignSchools_HazardCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "HazardCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HazardCampaignSchools_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HazardCampaignSchools_SelfChecks_CheckId",
                        column: x => x.CheckId,
                        principalTable: "SelfChecks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SelfCheckAnswers",
                columns: table => new
                {
                    ItemId = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SelfCheckId = table.Column<Guid>(type: "uuid", nullable: false),
                    Result = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    HazardId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelfCheckAnswers", x => new { x.SelfCheckId, x.ItemId });
                    table.ForeignKey(
                        name: "FK_SelfCheckAnswers_SelfChecks_SelfCheckId",
                        column: x => x.SelfCheckId,
                        principalTable: "SelfChecks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Hazards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Area = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    Grade = table.Column<int>(type: "integer", nullable: false),
                    FoundOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FoundBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SelfCheckId = table.Column<Guid>(type: "uuid", nullable: true),
                    InspectionId = table.Column<Guid>(type: "uuid", nullable: true),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: true),
                    NoticeId = table.Column<Guid>(type: "uuid", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ResponsiblePerson = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    Measures = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FundingNeeded = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    FundingSecured = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    RectificationText = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RectifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcceptedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AcceptedBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalationReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    EscalationFunding = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    SupervisionText = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SupervisionDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Hazards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Hazards_HazardCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "HazardCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Hazards_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Hazards_RectificationNotices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "RectificationNotices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Hazards_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Hazards_SelfChecks_SelfCheckId",
                        column: x => x.SelfCheckId,
                        principalTable: "SelfChecks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HazardPhotos",
                columns: table => new
                {
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    HazardId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsEvidence = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HazardPhotos", x => new { x.HazardId, x.FileId });
                    table.ForeignKey(
                        name: "FK_HazardPhotos_Hazards_HazardId",
                        column: x => x.HazardId,
                        principalTable: "Hazards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HazardPhotos_StoredFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HazardSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    ByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    HazardId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HazardSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HazardSteps_Hazards_HazardId",
                        column: x => x.HazardId,
                        principalTable: "Hazards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_BureauId",
                table: "AspNetUsers",
                column: "BureauId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_SchoolId",
                table: "AspNetUsers",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ScopePath",
                table: "AspNetUsers",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Entity_EntityKey",
                table: "AuditEntries",
                columns: new[] { "Entity", "EntityKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Bureaus_ParentId_Name",
                table: "Bureaus",
                columns: new[] { "ParentId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Bureaus_Path",
                table: "Bureaus",
                column: "Path",
                unique: true)
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistItems_TemplateId",
                table: "ChecklistItems",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistTemplates_BureauId_Version",
                table: "ChecklistTemplates",
                columns: new[] { "BureauId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistTemplates_ScopePath",
                table: "ChecklistTemplates",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_CrossInspectionAssignments_BureauId",
                table: "CrossInspectionAssignments",
                column: "BureauId");

            migrationBuilder.CreateIndex(
                name: "IX_CrossInspectionAssignments_InspectionId",
                table: "CrossInspectionAssignments",
                column: "InspectionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrossInspectionAssignments_InspectorSchoolId",
                table: "CrossInspectionAssignments",
                column: "InspectorSchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_CrossInspectionAssignments_ScopePath",
                table: "CrossInspectionAssignments",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_CrossInspectionAssignments_TargetSchoolId",
                table: "CrossInspectionAssignments",
                column: "TargetSchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_DefenceMonthClosures_BureauId_Month",
                table: "DefenceMonthClosures",
                columns: new[] { "BureauId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DefenceMonthClosures_ScopePath",
                table: "DefenceMonthClosures",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_DefenceReports_Automatic",
                table: "DefenceReports",
                columns: new[] { "BureauId", "Month", "Automatic" },
                unique: true,
                filter: "\"Automatic\"");

            migrationBuilder.CreateIndex(
                name: "IX_DefenceReports_BureauId_Month",
                table: "DefenceReports",
                columns: new[] { "BureauId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_DefenceReports_FileId",
                table: "DefenceReports",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_DefenceReports_ScopePath",
                table: "DefenceReports",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_DefenceReports_State",
                table: "DefenceReports",
                column: "State",
                filter: "\"State\" IN (1, 2)");

            migrationBuilder.CreateIndex(
                name: "IX_DefenceReturns_Month_State",
                table: "DefenceReturns",
                columns: new[] { "Month", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_DefenceReturns_SchoolId_Month",
                table: "DefenceReturns",
                columns: new[] { "SchoolId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DefenceReturns_ScopePath",
                table: "DefenceReturns",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_DefenceStandards_BureauId",
                table: "DefenceStandards",
                column: "BureauId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DefenceStandards_ScopePath",
                table: "DefenceStandards",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_DrillFindings_DrillId",
                table: "DrillFindings",
                column: "DrillId");

            migrationBuilder.CreateIndex(
                name: "IX_DrillKinds_BureauId_Name",
                table: "DrillKinds",
                columns: new[] { "BureauId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DrillKinds_ScopePath",
                table: "DrillKinds",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_DrillPhotos_FileId",
                table: "DrillPhotos",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_DrillRules_BureauId",
                table: "DrillRules",
                column: "BureauId");

            migrationBuilder.CreateIndex(
                name: "IX_DrillRules_KindId",
                table: "DrillRules",
                column: "KindId");

            migrationBuilder.CreateIndex(
                name: "IX_DrillRules_ScopePath",
                table: "DrillRules",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Drills_KindId",
                table: "Drills",
                column: "KindId");

            migrationBuilder.CreateIndex(
                name: "IX_Drills_PlanFileId",
                table: "Drills",
                column: "PlanFileId");

            migrationBuilder.CreateIndex(
                name: "IX_Drills_SchoolId_Date",
                table: "Drills",
                columns: new[] { "SchoolId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Drills_ScopePath",
                table: "Drills",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Drills_State_Date",
                table: "Drills",
                columns: new[] { "State", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_FormSubmissions_CreatedAt",
                table: "FormSubmissions",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_HazardCampaigns_BureauId",
                table: "HazardCampaigns",
                column: "BureauId");

            migrationBuilder.CreateIndex(
                name: "IX_HazardCampaigns_ScopePath",
                table: "HazardCampaigns",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_HazardCampaigns_TemplateId",
                table: "HazardCampaigns",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_HazardCampaignSchools_CampaignId_SchoolId",
                table: "HazardCampaignSchools",
                columns: new[] { "CampaignId", "SchoolId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HazardCampaignSchools_CheckId",
                table: "HazardCampaignSchools",
                column: "CheckId");

            migrationBuilder.CreateIndex(
                name: "IX_HazardCampaignSchools_SchoolId_CheckId",
                table: "HazardCampaignSchools",
                columns: new[] { "SchoolId", "CheckId" });

            migrationBuilder.CreateIndex(
                name: "IX_HazardCampaignSchools_ScopePath",
                table: "HazardCampaignSchools",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_HazardPhotos_FileId",
                table: "HazardPhotos",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_Hazards_Area_FoundOn",
                table: "Hazards",
                columns: new[] { "Area", "FoundOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Hazards_CampaignId_State",
                table: "Hazards",
                columns: new[] { "CampaignId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Hazards_EscalatedAt",
                table: "Hazards",
                column: "EscalatedAt",
                filter: "\"EscalatedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Hazards_FoundOn",
                table: "Hazards",
                column: "FoundOn");

            migrationBuilder.CreateIndex(
                name: "IX_Hazards_Grade_State",
                table: "Hazards",
                columns: new[] { "Grade", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Hazards_InspectionId",
                table: "Hazards",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Hazards_NoticeId",
                table: "Hazards",
                column: "NoticeId");

            migrationBuilder.CreateIndex(
                name: "IX_Hazards_SchoolId_FoundOn",
                table: "Hazards",
                columns: new[] { "SchoolId", "FoundOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Hazards_ScopePath",
                table: "Hazards",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Hazards_SelfCheckId",
                table: "Hazards",
                column: "SelfCheckId");

            migrationBuilder.CreateIndex(
                name: "IX_Hazards_Source_FoundOn",
                table: "Hazards",
                columns: new[] { "Source", "FoundOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Hazards_State_Deadline",
                table: "Hazards",
                columns: new[] { "State", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_HazardSettings_BureauId",
                table: "HazardSettings",
                column: "BureauId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HazardSettings_ScopePath",
                table: "HazardSettings",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_HazardSteps_HazardId",
                table: "HazardSteps",
                column: "HazardId");

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_BureauId",
                table: "Inspections",
                column: "BureauId");

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_InspectorSchoolId",
                table: "Inspections",
                column: "InspectorSchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_SchoolId_Date",
                table: "Inspections",
                columns: new[] { "SchoolId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_ScopePath",
                table: "Inspections",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_NoticeCounters_BureauId_Year",
                table: "NoticeCounters",
                columns: new[] { "BureauId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoticeCounters_ScopePath",
                table: "NoticeCounters",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_NoticeReceipts_CampaignId_SchoolId_ClassName_StudentName",
                table: "NoticeReceipts",
                columns: new[] { "CampaignId", "SchoolId", "ClassName", "StudentName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoticeReceipts_SchoolId_AckDevice_AcknowledgedAt",
                table: "NoticeReceipts",
                columns: new[] { "SchoolId", "AckDevice", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NoticeReceipts_SchoolId_AckIp_AcknowledgedAt",
                table: "NoticeReceipts",
                columns: new[] { "SchoolId", "AckIp", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NoticeReceipts_ScopePath",
                table: "NoticeReceipts",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_NoticeReceipts_TokenHash",
                table: "NoticeReceipts",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_EmailState_CreatedAt",
                table: "Notifications",
                columns: new[] { "EmailState", "CreatedAt" },
                filter: "\"EmailState\" IN (1, 4)");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_IdempotencyKey",
                table: "Notifications",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAt",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PledgeCampaigns_BureauId",
                table: "PledgeCampaigns",
                column: "BureauId");

            migrationBuilder.CreateIndex(
                name: "IX_PledgeCampaigns_Deadline",
                table: "PledgeCampaigns",
                column: "Deadline");

            migrationBuilder.CreateIndex(
                name: "IX_PledgeCampaigns_ParentVersionId",
                table: "PledgeCampaigns",
                column: "ParentVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_PledgeCampaigns_PrincipalVersionId",
                table: "PledgeCampaigns",
                column: "PrincipalVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_PledgeCampaigns_ScheduleId_LaunchedAt",
                table: "PledgeCampaigns",
                columns: new[] { "ScheduleId", "LaunchedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PledgeCampaigns_ScopePath",
                table: "PledgeCampaigns",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_PledgeCampaigns_StaffVersionId",
                table: "PledgeCampaigns",
                column: "StaffVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_PledgeCampaignSchools_CampaignId_SchoolId",
                table: "PledgeCampaignSchools",
                columns: new[] { "CampaignId", "SchoolId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PledgeCampaignSchools_SchoolId",
                table: "PledgeCampaignSchools",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_PledgeCampaignSchools_ScopePath",
                table: "PledgeCampaignSchools",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_PledgeSchedules_BureauId",
                table: "PledgeSchedules",
                column: "BureauId");

            migrationBuilder.CreateIndex(
                name: "IX_PledgeSchedules_ParentTemplateId",
                table: "PledgeSchedules",
                column: "ParentTemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_PledgeSchedules_PrincipalTemplateId",
                table: "PledgeSchedules",
                column: "PrincipalTemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_PledgeSchedules_ScopePath",
                table: "PledgeSchedules",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_PledgeSchedules_StaffTemplateId",
                table: "PledgeSchedules",
                column: "StaffTemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_PledgeSignatures_CampaignId_SchoolId_Layer",
                table: "PledgeSignatures",
                columns: new[] { "CampaignId", "SchoolId", "Layer" });

            migrationBuilder.CreateIndex(
                name: "IX_PledgeSignatures_CampaignId_UserId_Layer",
                table: "PledgeSignatures",
                columns: new[] { "CampaignId", "UserId", "Layer" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PledgeSignatures_SchoolId",
                table: "PledgeSignatures",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_PledgeSignatures_ScopePath",
                table: "PledgeSignatures",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_PledgeSignatures_UserId_SignedAt",
                table: "PledgeSignatures",
                columns: new[] { "UserId", "SignedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PledgeSignatures_VerificationCode",
                table: "PledgeSignatures",
                column: "VerificationCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PledgeSignatures_VersionId",
                table: "PledgeSignatures",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_PledgeTemplates_BureauId_Kind",
                table: "PledgeTemplates",
                columns: new[] { "BureauId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_PledgeTemplates_ScopePath",
                table: "PledgeTemplates",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_PledgeTemplateVersions_ScopePath",
                table: "PledgeTemplateVersions",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_PledgeTemplateVersions_TemplateId_Number",
                table: "PledgeTemplateVersions",
                columns: new[] { "TemplateId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RectificationNotices_BureauId_Year_Sequence",
                table: "RectificationNotices",
                columns: new[] { "BureauId", "Year", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RectificationNotices_InspectionId",
                table: "RectificationNotices",
                column: "InspectionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RectificationNotices_SchoolId",
                table: "RectificationNotices",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_RectificationNotices_ScopePath",
                table: "RectificationNotices",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_SafetyDistricts_BureauId_Name",
                table: "SafetyDistricts",
                columns: new[] { "BureauId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SafetyDistricts_LiaisonUserId",
                table: "SafetyDistricts",
                column: "LiaisonUserId");

            migrationBuilder.CreateIndex(
                name: "IX_SafetyDistricts_ScopePath",
                table: "SafetyDistricts",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Schools_BureauId_Name",
                table: "Schools",
                columns: new[] { "BureauId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Schools_DistrictId",
                table: "Schools",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_Schools_Kind",
                table: "Schools",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_Schools_ScopePath",
                table: "Schools",
                column: "ScopePath",
                unique: true)
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_SelfChecks_CampaignId_SchoolId",
                table: "SelfChecks",
                columns: new[] { "CampaignId", "SchoolId" },
                unique: true,
                filter: "\"CampaignId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SelfChecks_PeriodKey",
                table: "SelfChecks",
                column: "PeriodKey");

            migrationBuilder.CreateIndex(
                name: "IX_SelfChecks_SchoolId_PeriodKey",
                table: "SelfChecks",
                columns: new[] { "SchoolId", "PeriodKey" },
                unique: true,
                filter: "\"CampaignId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SelfChecks_ScopePath",
                table: "SelfChecks",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_SelfChecks_TemplateId",
                table: "SelfChecks",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_ScopePath",
                table: "StoredFiles",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                table: "AspNetUserClaims",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                table: "AspNetUserLogins",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_Schools_SchoolId",
                table: "AspNetUsers",
                column: "SchoolId",
                principalTable: "Schools",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Not expressible in the EF model: the immutability triggers of pledge texts, signed pledges and
            // acknowledged receipts (docs/pledges.md). SchemaShould checks them.
            migrationBuilder.Sql("""
                CREATE FUNCTION pledge_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'pledge template versions are immutable' USING ERRCODE = 'check_violation';
                END $$;

                CREATE FUNCTION pledge_signatures_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD."SignedAt" IS NOT NULL THEN
                        RAISE EXCEPTION 'signed pledges are immutable' USING ERRCODE = 'check_violation';
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;

                CREATE FUNCTION notice_receipts_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD."AcknowledgedAt" IS NOT NULL THEN
                        IF TG_OP = 'DELETE' THEN
                            RAISE EXCEPTION 'acknowledged receipts are immutable' USING ERRCODE = 'check_violation';
                        END IF;
                        IF NEW."AcknowledgedAt" IS DISTINCT FROM OLD."AcknowledgedAt" OR NEW."AckName" IS DISTINCT FROM OLD."AckName"
                           OR NEW."AckRelationship" IS DISTINCT FROM OLD."AckRelationship" THEN
                            RAISE EXCEPTION 'acknowledged receipts are immutable' USING ERRCODE = 'check_violation';
                        END IF;
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;

                CREATE TRIGGER "TR_PledgeTemplateVersions_Immutable" BEFORE UPDATE ON "PledgeTemplateVersions"
                    FOR EACH ROW EXECUTE FUNCTION pledge_versions_immutable();
                CREATE TRIGGER "TR_PledgeSignatures_Immutable" BEFORE UPDATE OR DELETE ON "PledgeSignatures"
                    FOR EACH ROW EXECUTE FUNCTION pledge_signatures_immutable();
                -- Only acknowledged rows: the first acknowledgement (the parents' hot path) calls no PL/pgSQL.
                CREATE TRIGGER "TR_NoticeReceipts_Immutable" BEFORE UPDATE OR DELETE ON "NoticeReceipts"
                    FOR EACH ROW WHEN (OLD."AcknowledgedAt" IS NOT NULL) EXECUTE FUNCTION notice_receipts_immutable();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "TR_NoticeReceipts_Immutable" ON "NoticeReceipts";
                DROP TRIGGER "TR_PledgeSignatures_Immutable" ON "PledgeSignatures";
                DROP TRIGGER "TR_PledgeTemplateVersions_Immutable" ON "PledgeTemplateVersions";
                DROP FUNCTION notice_receipts_immutable();
                DROP FUNCTION pledge_signatures_immutable();
                DROP FUNCTION pledge_versions_immutable();
                """);

            migrationBuilder.DropForeignKey(
                name: "FK_SafetyDistricts_AspNetUsers_LiaisonUserId",
                table: "SafetyDistricts");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "ChecklistItems");

            migrationBuilder.DropTable(
                name: "CrossInspectionAssignments");

            migrationBuilder.DropTable(
                name: "DefenceMonthClosures");

            migrationBuilder.DropTable(
                name: "DefenceReports");

            migrationBuilder.DropTable(
                name: "DefenceStandards");

            migrationBuilder.DropTable(
                name: "DefenceValues");

            migrationBuilder.DropTable(
                name: "DrillFindings");

            migrationBuilder.DropTable(
                name: "DrillPhotos");

            migrationBuilder.DropTable(
                name: "DrillRules");

            migrationBuilder.DropTable(
                name: "FormSubmissions");

            migrationBuilder.DropTable(
                name: "HazardCampaignSchools");

            migrationBuilder.DropTable(
                name: "HazardPhotos");

            migrationBuilder.DropTable(
                name: "HazardSettings");

            migrationBuilder.DropTable(
                name: "HazardSteps");

            migrationBuilder.DropTable(
                name: "NoticeCounters");

            migrationBuilder.DropTable(
                name: "NoticeReceipts");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "PledgeCampaignSchools");

            migrationBuilder.DropTable(
                name: "PledgeSchedules");

            migrationBuilder.DropTable(
                name: "PledgeSignatures");

            migrationBuilder.DropTable(
                name: "SelfCheckAnswers");

            migrationBuilder.DropTable(
                name: "DefenceReturns");

            migrationBuilder.DropTable(
                name: "Drills");

            migrationBuilder.DropTable(
                name: "Hazards");

            migrationBuilder.DropTable(
                name: "PledgeCampaigns");

            migrationBuilder.DropTable(
                name: "DrillKinds");

            migrationBuilder.DropTable(
                name: "StoredFiles");

            migrationBuilder.DropTable(
                name: "RectificationNotices");

            migrationBuilder.DropTable(
                name: "SelfChecks");

            migrationBuilder.DropTable(
                name: "PledgeTemplateVersions");

            migrationBuilder.DropTable(
                name: "Inspections");

            migrationBuilder.DropTable(
                name: "HazardCampaigns");

            migrationBuilder.DropTable(
                name: "PledgeTemplates");

            migrationBuilder.DropTable(
                name: "ChecklistTemplates");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Schools");

            migrationBuilder.DropTable(
                name: "SafetyDistricts");

            migrationBuilder.DropTable(
                name: "Bureaus");
        }
    }
}
