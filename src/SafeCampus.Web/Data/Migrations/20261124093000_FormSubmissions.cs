using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SafeCampus.Web.Data.Migrations;

/// <summary>Submission keys that make a resent form post harmless (see Infrastructure/Web/DurableSubmissions.cs).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261124093000_FormSubmissions")]
public sealed class FormSubmissions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "FormSubmissions" (
                "Key" uuid NOT NULL,
                "UserId" character varying(64) NOT NULL,
                "CreatedAt" timestamp with time zone NOT NULL,
                "Location" character varying(2000),
                CONSTRAINT "PK_FormSubmissions" PRIMARY KEY ("Key")
            );

            CREATE INDEX "IX_FormSubmissions_CreatedAt" ON "FormSubmissions" ("CreatedAt");
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TABLE "FormSubmissions";""");
    }
}
