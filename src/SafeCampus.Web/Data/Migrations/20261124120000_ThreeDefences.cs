using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SafeCampus.Web.Data.Migrations;

/// <summary>The monthly three-defences return: bureau standards, school returns with their values, month closures, statistics PDFs.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261124120000_ThreeDefences")]
public sealed class ThreeDefences : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "DefenceStandards" (
                "Id" uuid NOT NULL,
                "BureauId" uuid NOT NULL,
                "ScopePath" character varying(400) NOT NULL,
                "DueDay" integer NOT NULL,
                "GuardsPerGate" integer NOT NULL,
                "LargeSchoolThreshold" integer NOT NULL,
                "GuardPermille" integer NOT NULL,
                "BoardingGuardPermille" integer NOT NULL,
                "MinWallHeight" numeric(4,2) NOT NULL,
                "MinVideoDays" integer NOT NULL,
                "Enabled" integer NOT NULL,
                CONSTRAINT "PK_DefenceStandards" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_DefenceStandards_Bureaus_BureauId" FOREIGN KEY ("BureauId") REFERENCES "Bureaus" ("Id") ON DELETE RESTRICT
            );

            CREATE TABLE "DefenceMonthClosures" (
                "Id" uuid NOT NULL,
                "BureauId" uuid NOT NULL,
                "ScopePath" character varying(400) NOT NULL,
                "Month" date NOT NULL,
                "ClosedAt" timestamp with time zone NOT NULL,
                "ClosedBy" character varying(64),
                CONSTRAINT "PK_DefenceMonthClosures" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_DefenceMonthClosures_Bureaus_BureauId" FOREIGN KEY ("BureauId") REFERENCES "Bureaus" ("Id") ON DELETE RESTRICT
            );

            CREATE TABLE "DefenceReturns" (
                "Id" uuid NOT NULL,
                "SchoolId" uuid NOT NULL,
                "ScopePath" character varying(400) NOT NULL,
                "Month" date NOT NULL,
                "State" integer NOT NULL,
                "StudentsAndStaff" integer NOT NULL,
                "IsBoarding" boolean NOT NULL,
                "FailedChecks" integer NOT NULL,
                "IsLate" boolean NOT NULL,
                "IsLocked" boolean NOT NULL,
                "DueDate" date NOT NULL,
                "CreatedAt" timestamp with time zone NOT NULL,
                "UpdatedAt" timestamp with time zone NOT NULL,
                "UpdatedBy" character varying(64),
                "FirstSubmittedAt" timestamp with time zone,
                "SubmittedAt" timestamp with time zone,
                "SubmittedBy" character varying(64),
                "ConfirmedAt" timestamp with time zone,
                "ConfirmedBy" character varying(64),
                "ReviewedAt" timestamp with time zone,
                "ReviewedBy" character varying(64),
                "ReviewComment" character varying(1000),
                "ReopenReason" character varying(1000),
                CONSTRAINT "PK_DefenceReturns" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_DefenceReturns_Schools_SchoolId" FOREIGN KEY ("SchoolId") REFERENCES "Schools" ("Id") ON DELETE RESTRICT
            );

            CREATE TABLE "DefenceValues" (
                "Field" character varying(40) NOT NULL,
                "ReturnId" uuid NOT NULL,
                "Value" numeric(12,2) NOT NULL,
                CONSTRAINT "PK_DefenceValues" PRIMARY KEY ("ReturnId", "Field"),
                CONSTRAINT "FK_DefenceValues_DefenceReturns_ReturnId" FOREIGN KEY ("ReturnId") REFERENCES "DefenceReturns" ("Id") ON DELETE CASCADE
            );

            CREATE TABLE "DefenceReports" (
                "Id" uuid NOT NULL,
                "BureauId" uuid NOT NULL,
                "ScopePath" character varying(400) NOT NULL,
                "Month" date NOT NULL,
                "State" integer NOT NULL,
                "Progress" integer NOT NULL,
                "Automatic" boolean NOT NULL,
                "RequestedAt" timestamp with time zone NOT NULL,
                "RequestedBy" character varying(64),
                "CompletedAt" timestamp with time zone,
                "FileId" uuid,
                "Error" character varying(1000),
                CONSTRAINT "PK_DefenceReports" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_DefenceReports_Bureaus_BureauId" FOREIGN KEY ("BureauId") REFERENCES "Bureaus" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_DefenceReports_StoredFiles_FileId" FOREIGN KEY ("FileId") REFERENCES "StoredFiles" ("Id") ON DELETE RESTRICT
            );

            CREATE INDEX "IX_DefenceMonthClosures_ScopePath" ON "DefenceMonthClosures" ("ScopePath" text_pattern_ops);

            CREATE UNIQUE INDEX "IX_DefenceReports_Automatic" ON "DefenceReports" ("BureauId", "Month", "Automatic") WHERE "Automatic";

            CREATE INDEX "IX_DefenceReports_BureauId_Month" ON "DefenceReports" ("BureauId", "Month");

            CREATE INDEX "IX_DefenceReports_FileId" ON "DefenceReports" ("FileId");

            CREATE INDEX "IX_DefenceReports_ScopePath" ON "DefenceReports" ("ScopePath" text_pattern_ops);

            CREATE INDEX "IX_DefenceReports_State" ON "DefenceReports" ("State") WHERE "State" IN (1, 2);

            CREATE INDEX "IX_DefenceReturns_Month_State" ON "DefenceReturns" ("Month", "State");

            CREATE INDEX "IX_DefenceReturns_ScopePath" ON "DefenceReturns" ("ScopePath" text_pattern_ops);

            CREATE INDEX "IX_DefenceStandards_ScopePath" ON "DefenceStandards" ("ScopePath" text_pattern_ops);

            CREATE UNIQUE INDEX "IX_DefenceMonthClosures_BureauId_Month" ON "DefenceMonthClosures" ("BureauId", "Month");

            CREATE UNIQUE INDEX "IX_DefenceReturns_SchoolId_Month" ON "DefenceReturns" ("SchoolId", "Month");

            CREATE UNIQUE INDEX "IX_DefenceStandards_BureauId" ON "DefenceStandards" ("BureauId");
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "DefenceReports");
        migrationBuilder.DropTable(name: "DefenceValues");
        migrationBuilder.DropTable(name: "DefenceReturns");
        migrationBuilder.DropTable(name: "DefenceMonthClosures");
        migrationBuilder.DropTable(name: "DefenceStandards");
    }
}
