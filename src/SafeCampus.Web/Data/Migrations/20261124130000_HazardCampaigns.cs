using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SafeCampus.Web.Data.Migrations;

/// <summary>Special campaigns (schools, answers as self-checks, hazards) and cross-school inspection assignments.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261124130000_HazardCampaigns")]
public sealed class HazardCampaigns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "HazardCampaigns" (
                "Id" uuid NOT NULL,
                "BureauId" uuid NOT NULL,
                "ScopePath" character varying(400) NOT NULL,
                "Name" character varying(60) NOT NULL,
                "TemplateId" uuid NOT NULL,
                "Audience" integer NOT NULL,
                "Kind" integer,
                "StartsOn" date NOT NULL,
                "EndsOn" date NOT NULL,
                "SchoolCount" integer NOT NULL,
                "CreatedBy" character varying(50),
                "CreatedAt" timestamp with time zone NOT NULL,
                CONSTRAINT "PK_HazardCampaigns" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_HazardCampaigns_Bureaus_BureauId" FOREIGN KEY ("BureauId") REFERENCES "Bureaus" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_HazardCampaigns_ChecklistTemplates_TemplateId" FOREIGN KEY ("TemplateId") REFERENCES "ChecklistTemplates" ("Id") ON DELETE RESTRICT
            );

            ALTER TABLE "SelfChecks" ADD "CampaignId" uuid;
            ALTER TABLE "SelfChecks" ADD CONSTRAINT "FK_SelfChecks_HazardCampaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "HazardCampaigns" ("Id") ON DELETE RESTRICT;
            DROP INDEX "IX_SelfChecks_SchoolId_PeriodKey";
            CREATE UNIQUE INDEX "IX_SelfChecks_SchoolId_PeriodKey" ON "SelfChecks" ("SchoolId", "PeriodKey") WHERE "CampaignId" IS NULL;
            CREATE UNIQUE INDEX "IX_SelfChecks_CampaignId_SchoolId" ON "SelfChecks" ("CampaignId", "SchoolId") WHERE "CampaignId" IS NOT NULL;

            CREATE TABLE "HazardCampaignSchools" (
                "Id" uuid NOT NULL,
                "CampaignId" uuid NOT NULL,
                "SchoolId" uuid NOT NULL,
                "ScopePath" character varying(400) NOT NULL,
                "CheckId" uuid,
                "DoneAt" timestamp with time zone,
                CONSTRAINT "PK_HazardCampaignSchools" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_HazardCampaignSchools_HazardCampaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "HazardCampaigns" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_HazardCampaignSchools_Schools_SchoolId" FOREIGN KEY ("SchoolId") REFERENCES "Schools" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_HazardCampaignSchools_SelfChecks_CheckId" FOREIGN KEY ("CheckId") REFERENCES "SelfChecks" ("Id") ON DELETE RESTRICT
            );

            ALTER TABLE "Hazards" ADD "CampaignId" uuid;
            ALTER TABLE "Hazards" ADD CONSTRAINT "FK_Hazards_HazardCampaigns_CampaignId" FOREIGN KEY ("CampaignId") REFERENCES "HazardCampaigns" ("Id") ON DELETE RESTRICT;
            CREATE INDEX "IX_Hazards_CampaignId_State" ON "Hazards" ("CampaignId", "State");

            ALTER TABLE "Inspections" ADD "InspectorSchoolId" uuid;
            ALTER TABLE "Inspections" ADD CONSTRAINT "FK_Inspections_Schools_InspectorSchoolId" FOREIGN KEY ("InspectorSchoolId") REFERENCES "Schools" ("Id") ON DELETE RESTRICT;
            CREATE INDEX "IX_Inspections_InspectorSchoolId" ON "Inspections" ("InspectorSchoolId");

            CREATE TABLE "CrossInspectionAssignments" (
                "Id" uuid NOT NULL,
                "BureauId" uuid NOT NULL,
                "ScopePath" character varying(400) NOT NULL,
                "InspectorSchoolId" uuid NOT NULL,
                "TargetSchoolId" uuid NOT NULL,
                "DueOn" date NOT NULL,
                "Note" character varying(500),
                "InspectionId" uuid,
                "FindingCount" integer NOT NULL,
                "ClosedAt" timestamp with time zone,
                "CreatedBy" character varying(50),
                "CreatedAt" timestamp with time zone NOT NULL,
                CONSTRAINT "PK_CrossInspectionAssignments" PRIMARY KEY ("Id"),
                CONSTRAINT "FK_CrossInspectionAssignments_Bureaus_BureauId" FOREIGN KEY ("BureauId") REFERENCES "Bureaus" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_CrossInspectionAssignments_Inspections_InspectionId" FOREIGN KEY ("InspectionId") REFERENCES "Inspections" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_CrossInspectionAssignments_Schools_InspectorSchoolId" FOREIGN KEY ("InspectorSchoolId") REFERENCES "Schools" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_CrossInspectionAssignments_Schools_TargetSchoolId" FOREIGN KEY ("TargetSchoolId") REFERENCES "Schools" ("Id") ON DELETE RESTRICT
            );

            CREATE INDEX "IX_HazardCampaigns_BureauId" ON "HazardCampaigns" ("BureauId");
            CREATE INDEX "IX_HazardCampaigns_ScopePath" ON "HazardCampaigns" ("ScopePath" text_pattern_ops);
            CREATE INDEX "IX_HazardCampaigns_TemplateId" ON "HazardCampaigns" ("TemplateId");
            CREATE UNIQUE INDEX "IX_HazardCampaignSchools_CampaignId_SchoolId" ON "HazardCampaignSchools" ("CampaignId", "SchoolId");
            CREATE INDEX "IX_HazardCampaignSchools_CheckId" ON "HazardCampaignSchools" ("CheckId");
            CREATE INDEX "IX_HazardCampaignSchools_SchoolId_CheckId" ON "HazardCampaignSchools" ("SchoolId", "CheckId");
            CREATE INDEX "IX_HazardCampaignSchools_ScopePath" ON "HazardCampaignSchools" ("ScopePath" text_pattern_ops);
            CREATE INDEX "IX_CrossInspectionAssignments_BureauId" ON "CrossInspectionAssignments" ("BureauId");
            CREATE UNIQUE INDEX "IX_CrossInspectionAssignments_InspectionId" ON "CrossInspectionAssignments" ("InspectionId");
            CREATE INDEX "IX_CrossInspectionAssignments_InspectorSchoolId" ON "CrossInspectionAssignments" ("InspectorSchoolId");
            CREATE INDEX "IX_CrossInspectionAssignments_ScopePath" ON "CrossInspectionAssignments" ("ScopePath" text_pattern_ops);
            CREATE INDEX "IX_CrossInspectionAssignments_TargetSchoolId" ON "CrossInspectionAssignments" ("TargetSchoolId");
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE "CrossInspectionAssignments";
            DROP INDEX "IX_Inspections_InspectorSchoolId";
            ALTER TABLE "Inspections" DROP CONSTRAINT "FK_Inspections_Schools_InspectorSchoolId";
            ALTER TABLE "Inspections" DROP COLUMN "InspectorSchoolId";
            DROP INDEX "IX_Hazards_CampaignId_State";
            ALTER TABLE "Hazards" DROP CONSTRAINT "FK_Hazards_HazardCampaigns_CampaignId";
            ALTER TABLE "Hazards" DROP COLUMN "CampaignId";
            DROP TABLE "HazardCampaignSchools";
            DROP INDEX "IX_SelfChecks_CampaignId_SchoolId";
            DROP INDEX "IX_SelfChecks_SchoolId_PeriodKey";
            ALTER TABLE "SelfChecks" DROP CONSTRAINT "FK_SelfChecks_HazardCampaigns_CampaignId";
            ALTER TABLE "SelfChecks" DROP COLUMN "CampaignId";
            CREATE UNIQUE INDEX "IX_SelfChecks_SchoolId_PeriodKey" ON "SelfChecks" ("SchoolId", "PeriodKey");
            DROP TABLE "HazardCampaigns";
            """);
    }
}
