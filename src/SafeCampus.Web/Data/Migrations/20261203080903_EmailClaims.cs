using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeCampus.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class EmailClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notifications_EmailState",
                table: "Notifications");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EmailClaimedUntil",
                table: "Notifications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_EmailState_CreatedAt",
                table: "Notifications",
                columns: new[] { "EmailState", "CreatedAt" },
                filter: "\"EmailState\" IN (1, 4)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notifications_EmailState_CreatedAt",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "EmailClaimedUntil",
                table: "Notifications");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_EmailState",
                table: "Notifications",
                column: "EmailState",
                filter: "\"EmailState\" = 1");
        }
    }
}
