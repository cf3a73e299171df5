using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeCampus.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RowLevelSecurity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Row-level security itself (the app's role, grants, policies) is applied by DatabaseSecurity after every
            // migration, from the EF model (ADR 20). Verifying a month's chain reads every entry of the month, whoever
            // asks: it runs as the owner, past the policies, and returns only the verdict.
            migrationBuilder.Sql("ALTER FUNCTION audit_verify(date) SECURITY DEFINER SET search_path = public, pg_temp;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER FUNCTION audit_verify(date) SECURITY INVOKER RESET search_path;");
        }
    }
}
