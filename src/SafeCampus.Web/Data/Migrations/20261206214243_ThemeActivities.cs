using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeCampus.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ThemeActivities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ThemeActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    BureauName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Theme = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Instructions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThemeActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThemeActivities_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ThemeDays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThemeDays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThemeDays_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ThemeFilings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Participants = table.Column<int>(type: "integer", nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PhotoIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    FiledBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThemeFilings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThemeFilings_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ThemeFilings_ThemeActivities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "ThemeActivities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ThemeActivities_BureauId",
                table: "ThemeActivities",
                column: "BureauId");

            migrationBuilder.CreateIndex(
                name: "IX_ThemeActivities_Deadline",
                table: "ThemeActivities",
                column: "Deadline");

            migrationBuilder.CreateIndex(
                name: "IX_ThemeActivities_ScopePath",
                table: "ThemeActivities",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_ThemeDays_BureauId",
                table: "ThemeDays",
                column: "BureauId");

            migrationBuilder.CreateIndex(
                name: "IX_ThemeDays_ScopePath",
                table: "ThemeDays",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_ThemeFilings_ActivityId_SchoolId",
                table: "ThemeFilings",
                columns: new[] { "ActivityId", "SchoolId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ThemeFilings_SchoolId",
                table: "ThemeFilings",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_ThemeFilings_ScopePath",
                table: "ThemeFilings",
                column: "ScopePath")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ThemeDays");

            migrationBuilder.DropTable(
                name: "ThemeFilings");

            migrationBuilder.DropTable(
                name: "ThemeActivities");
        }
    }
}
