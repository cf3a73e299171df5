using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SafeCampus.Web.Data.Migrations;

/// <summary>
/// Responsibility pledges and parents' notices: templates with immutable versions, campaigns with their schools,
/// signatures, receipts and recurring schedules; triggers keep signed evidence unchanged.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261124100000_Pledges")]
public sealed class Pledges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "PledgeTemplates" (
                "Id" uuid NOT NULL,
                "BureauId" uuid NOT NULL,
                "ScopePath" character varying(400) NOT NULL,
                "Kind" integer NOT NULL,
                "Name" character varying(100) NOT NULL,
                "LatestVersion" integer NOT NULL,
                "LatestVersionId" uuid NOT NULL,
                "IsActive" boolean NOT NULL,
                "CreatedAt" timestamp with time zone NOT NULL,
                CONSTRAINT "PK_PledgeTemplates" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_PledgeTemplates_Bureaus_BureauId" FOREIGN KEY ("BureauId") REFERENCES "Bureaus" ("Id") ON DELETE RESTRICT
            );
            CREATE TABLE "PledgeSchedules" (
                "Id" uuid NOT NULL,
                "BureauId" uuid NOT NULL,
                "ScopePath" character varying(400) NOT NULL,
                "Title" character varying(100) NOT NULL,
                "PrincipalTemplateId" uuid,
                "StaffTemplateId" uuid,
                "ParentTemplateId" uuid,
                "LaunchMonth" integer NOT NULL,
                "LaunchDay" integer NOT NULL,
                "DaysToDeadline" integer NOT NULL,
                "ReminderDays" character varying(30) NOT NULL,
                "LastLaunchedYear" integer,
                "IsActive" boolean NOT NULL,
                CONSTRAINT "PK_PledgeSchedules" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_PledgeSchedules_Bureaus_BureauId" FOREIGN KEY ("BureauId") REFERENCES "Bureaus" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_PledgeSchedules_PledgeTemplates_ParentTemplateId" FOREIGN KEY ("ParentTemplateId") REFERENCES "PledgeTemplates" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_PledgeSchedules_PledgeTemplates_PrincipalTemplateId" FOREIGN KEY ("PrincipalTemplateId") REFERENCES "PledgeTemplates" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_PledgeSchedules_PledgeTemplates_StaffTemplateId" FOREIGN KEY ("StaffTemplateId") REFERENCES "PledgeTemplates" ("Id") ON DELETE RESTRICT
            );
            CREATE TABLE "PledgeTemplateVersions" (
                "Id" uuid NOT NULL,
                "TemplateId" uuid NOT NULL,
                "ScopePath" character varying(400) NOT NULL,
                "Kind" integer NOT NULL,
                "Number" integer NOT NULL,
                "Title" character varying(100) NOT NULL,
                "Body" character varying(20000) NOT NULL,
                "CreatedAt" timestamp with time zone NOT NULL,
                "CreatedBy" character varying(64),
                CONSTRAINT "PK_PledgeTemplateVersions" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_PledgeTemplateVersions_PledgeTemplates_TemplateId" FOREIGN KEY ("TemplateId") REFERENCES "PledgeTemplates" ("Id") ON DELETE RESTRICT
            );
            CREATE TABLE "PledgeCampaigns" (
                "Id" uuid NOT NULL,
                "BureauId" uuid NOT NULL,
                "ScopePath" character varying(400) NOT NULL,
                "Title" character varying(100) NOT NULL,
                "SchoolYear" character varying(30) NOT NULL,
                "PrincipalVersionId" uuid,
                "StaffVersionId" uuid,
                "ParentVersionId" uuid,
                "Deadline" date NOT NULL,
                "ReminderDays" character varying(30) NOT NULL,
                "SchoolCount" integer NOT NULL,
                "ScheduleId" uuid,
                "LaunchedAt" timestamp with time zone NOT NULL,
                "LaunchedBy" character varying(64),
                CONSTRAINT "PK_PledgeCampaigns" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_PledgeCampaigns_Bureaus_BureauId" FOREIGN KEY ("BureauId") REFERENCES "Bureaus" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_PledgeCampaigns_PledgeTemplateVersions_ParentVersionId" FOREIGN KEY ("ParentVersionId") REFERENCES "PledgeTemplateVersions" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_PledgeCampaigns_PledgeTemplateVersions_PrincipalVersionId" FOREIGN KEY ("PrincipalVersionId") REFERENCES "PledgeTemplateVersions" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_PledgeCampaigns_PledgeTemplateVersions_StaffVersionId" FOREIGN KEY ("StaffVersionId") REFERENCES "PledgeTemplateVersions" ("Id") ON DELETE RESTRICT
            );
            CREATE TABLE "NoticeReceipts" (
                "Id" uuid NOT NULL,
                "CampaignId" uuid NOT NULL,
                "SchoolId" uuid NOT NULL,
                "ScopePath" character varying(400) NOT NULL,
                "ClassName" character varying(30) NOT NULL,
                "StudentName" character varying(30) NOT NULL,
                "GuardianName" character varying(30),
                "TokenHash" bytea NOT NULL,
                "TokenProtected" character varying(400) NOT NULL,
                "ExpiresAt" timestamp with time zone NOT NULL,
                "IssuedAt" timestamp with time zone NOT NULL,
                "AcknowledgedAt" timestamp with time zone,
                "AckName" character varying(30),
                "AckRelationship" character varying(10),
                "AckIp" character varying(64),
                "AckDevice" character varying(32),
                "AckUserAgent" character varying(300),
                "Flags" integer NOT NULL,
                CONSTRAINT "PK_NoticeReceipts" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_NoticeReceipts_PledgeCampaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "PledgeCampaigns" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_NoticeReceipts_Schools_SchoolId" FOREIGN KEY ("SchoolId") REFERENCES "Schools" ("Id") ON DELETE RESTRICT
            );
            CREATE TABLE "PledgeCampaignSchools" (
                "Id" uuid NOT NULL,
                "CampaignId" uuid NOT NULL,
                "SchoolId" uuid NOT NULL,
                "ScopePath" character varying(400) NOT NULL,
                "PassedOnAt" timestamp with time zone,
                "PassedOnBy" character varying(64),
                CONSTRAINT "PK_PledgeCampaignSchools" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_PledgeCampaignSchools_PledgeCampaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "PledgeCampaigns" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_PledgeCampaignSchools_Schools_SchoolId" FOREIGN KEY ("SchoolId") REFERENCES "Schools" ("Id") ON DELETE RESTRICT
            );
            CREATE TABLE "PledgeSignatures" (
                "Id" uuid NOT NULL,
                "CampaignId" uuid NOT NULL,
                "SchoolId" uuid NOT NULL,
                "ScopePath" character varying(400) NOT NULL,
                "Layer" integer NOT NULL,
                "Post" integer NOT NULL,
                "UserId" character varying(450) NOT NULL,
                "VersionId" uuid NOT NULL,
                "CreatedAt" timestamp with time zone NOT NULL,
                "SignedAt" timestamp with time zone,
                "SignerName" character varying(64),
                "SignerRole" character varying(30),
                "SchoolName" character varying(100),
                "SignedText" character varying(22000),
                "TextSha256" character(64),
                "VerificationCode" character(12),
                "Ip" character varying(64),
                "UserAgent" character varying(300),
                "Drawing" character varying(200000),
                CONSTRAINT "PK_PledgeSignatures" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_PledgeSignatures_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_PledgeSignatures_PledgeCampaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "PledgeCampaigns" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_PledgeSignatures_PledgeTemplateVersions_VersionId" FOREIGN KEY ("VersionId") REFERENCES "PledgeTemplateVersions" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_PledgeSignatures_Schools_SchoolId" FOREIGN KEY ("SchoolId") REFERENCES "Schools" ("Id") ON DELETE RESTRICT
            );

            CREATE UNIQUE INDEX "IX_NoticeReceipts_CampaignId_SchoolId_ClassName_StudentName" ON "NoticeReceipts" ("CampaignId", "SchoolId", "ClassName", "StudentName");

            CREATE INDEX "IX_NoticeReceipts_SchoolId_AckDevice_AcknowledgedAt" ON "NoticeReceipts" ("SchoolId", "AckDevice", "AcknowledgedAt");

            CREATE INDEX "IX_NoticeReceipts_SchoolId_AckIp_AcknowledgedAt" ON "NoticeReceipts" ("SchoolId", "AckIp", "AcknowledgedAt");

            CREATE INDEX "IX_NoticeReceipts_ScopePath" ON "NoticeReceipts" ("ScopePath" text_pattern_ops);

            CREATE UNIQUE INDEX "IX_NoticeReceipts_TokenHash" ON "NoticeReceipts" ("TokenHash");

            CREATE INDEX "IX_PledgeCampaigns_BureauId" ON "PledgeCampaigns" ("BureauId");

            CREATE INDEX "IX_PledgeCampaigns_Deadline" ON "PledgeCampaigns" ("Deadline");

            CREATE INDEX "IX_PledgeCampaigns_ParentVersionId" ON "PledgeCampaigns" ("ParentVersionId");

            CREATE INDEX "IX_PledgeCampaigns_PrincipalVersionId" ON "PledgeCampaigns" ("PrincipalVersionId");

            CREATE INDEX "IX_PledgeCampaigns_ScheduleId_LaunchedAt" ON "PledgeCampaigns" ("ScheduleId", "LaunchedAt");

            CREATE INDEX "IX_PledgeCampaigns_ScopePath" ON "PledgeCampaigns" ("ScopePath" text_pattern_ops);

            CREATE INDEX "IX_PledgeCampaigns_StaffVersionId" ON "PledgeCampaigns" ("StaffVersionId");

            CREATE UNIQUE INDEX "IX_PledgeCampaignSchools_CampaignId_SchoolId" ON "PledgeCampaignSchools" ("CampaignId", "SchoolId");

            CREATE INDEX "IX_PledgeCampaignSchools_SchoolId" ON "PledgeCampaignSchools" ("SchoolId");

            CREATE INDEX "IX_PledgeCampaignSchools_ScopePath" ON "PledgeCampaignSchools" ("ScopePath" text_pattern_ops);

            CREATE INDEX "IX_PledgeSchedules_BureauId" ON "PledgeSchedules" ("BureauId");

            CREATE INDEX "IX_PledgeSchedules_ParentTemplateId" ON "PledgeSchedules" ("ParentTemplateId");

            CREATE INDEX "IX_PledgeSchedules_PrincipalTemplateId" ON "PledgeSchedules" ("PrincipalTemplateId");

            CREATE INDEX "IX_PledgeSchedules_ScopePath" ON "PledgeSchedules" ("ScopePath" text_pattern_ops);

            CREATE INDEX "IX_PledgeSchedules_StaffTemplateId" ON "PledgeSchedules" ("StaffTemplateId");

            CREATE INDEX "IX_PledgeSignatures_CampaignId_SchoolId_Layer" ON "PledgeSignatures" ("CampaignId", "SchoolId", "Layer");

            CREATE UNIQUE INDEX "IX_PledgeSignatures_CampaignId_UserId_Layer" ON "PledgeSignatures" ("CampaignId", "UserId", "Layer");

            CREATE INDEX "IX_PledgeSignatures_SchoolId" ON "PledgeSignatures" ("SchoolId");

            CREATE INDEX "IX_PledgeSignatures_ScopePath" ON "PledgeSignatures" ("ScopePath" text_pattern_ops);

            CREATE INDEX "IX_PledgeSignatures_UserId_SignedAt" ON "PledgeSignatures" ("UserId", "SignedAt");

            CREATE UNIQUE INDEX "IX_PledgeSignatures_VerificationCode" ON "PledgeSignatures" ("VerificationCode");

            CREATE INDEX "IX_PledgeSignatures_VersionId" ON "PledgeSignatures" ("VersionId");

            CREATE INDEX "IX_PledgeTemplates_BureauId_Kind" ON "PledgeTemplates" ("BureauId", "Kind");

            CREATE INDEX "IX_PledgeTemplates_ScopePath" ON "PledgeTemplates" ("ScopePath" text_pattern_ops);

            CREATE INDEX "IX_PledgeTemplateVersions_ScopePath" ON "PledgeTemplateVersions" ("ScopePath" text_pattern_ops);

            CREATE UNIQUE INDEX "IX_PledgeTemplateVersions_TemplateId_Number" ON "PledgeTemplateVersions" ("TemplateId", "Number");

            -- Signed evidence never changes: template versions are never updated; a signed signature and an acknowledged
            -- receipt are never updated or deleted (the application never tries; this guards against everything else).
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

            CREATE TRIGGER "TR_PledgeTemplateVersions_Immutable" BEFORE UPDATE ON "PledgeTemplateVersions" FOR EACH ROW EXECUTE FUNCTION pledge_versions_immutable();

            CREATE TRIGGER "TR_PledgeSignatures_Immutable" BEFORE UPDATE OR DELETE ON "PledgeSignatures" FOR EACH ROW EXECUTE FUNCTION pledge_signatures_immutable();

            CREATE TRIGGER "TR_NoticeReceipts_Immutable" BEFORE UPDATE OR DELETE ON "NoticeReceipts" FOR EACH ROW EXECUTE FUNCTION notice_receipts_immutable();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "NoticeReceipts");
        migrationBuilder.DropTable(name: "PledgeSignatures");
        migrationBuilder.DropTable(name: "PledgeCampaignSchools");
        migrationBuilder.DropTable(name: "PledgeCampaigns");
        migrationBuilder.DropTable(name: "PledgeSchedules");
        migrationBuilder.DropTable(name: "PledgeTemplateVersions");
        migrationBuilder.DropTable(name: "PledgeTemplates");
        migrationBuilder.Sql("DROP FUNCTION pledge_versions_immutable(); DROP FUNCTION pledge_signatures_immutable(); DROP FUNCTION notice_receipts_immutable();");
    }
}
