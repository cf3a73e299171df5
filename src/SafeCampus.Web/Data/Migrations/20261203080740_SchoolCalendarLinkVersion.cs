using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeCampus.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SchoolCalendarLinkVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CalendarLinkVersion",
                table: "Schools",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The default only fills existing rows; the model has none (new schools start at 0 from the entity).
            migrationBuilder.Sql("""ALTER TABLE "Schools" ALTER COLUMN "CalendarLinkVersion" DROP DEFAULT;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CalendarLinkVersion",
                table: "Schools");
        }
    }
}
