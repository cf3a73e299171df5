using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeCampus.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CampaignWithdrawal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WithdrawReason",
                table: "PledgeCampaigns",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WithdrawnAt",
                table: "PledgeCampaigns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnBy",
                table: "PledgeCampaigns",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawReason",
                table: "HazardCampaigns",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WithdrawnAt",
                table: "HazardCampaigns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnBy",
                table: "HazardCampaigns",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WithdrawReason",
                table: "PledgeCampaigns");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "PledgeCampaigns");

            migrationBuilder.DropColumn(
                name: "WithdrawnBy",
                table: "PledgeCampaigns");

            migrationBuilder.DropColumn(
                name: "WithdrawReason",
                table: "HazardCampaigns");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "HazardCampaigns");

            migrationBuilder.DropColumn(
                name: "WithdrawnBy",
                table: "HazardCampaigns");
        }
    }
}
