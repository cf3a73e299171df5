using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeCampus.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CrossInspectionWithdrawal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WithdrawReason",
                table: "CrossInspectionAssignments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WithdrawnAt",
                table: "CrossInspectionAssignments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnBy",
                table: "CrossInspectionAssignments",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WithdrawReason",
                table: "CrossInspectionAssignments");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "CrossInspectionAssignments");

            migrationBuilder.DropColumn(
                name: "WithdrawnBy",
                table: "CrossInspectionAssignments");
        }
    }
}
