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
            migrationBuilder.Sql("""
                ALTER FUNCTION audit_verify(date) SECURITY DEFINER SET search_path = public, pg_temp;
                CREATE FUNCTION audit_heads_missing(month date) RETURNS integer
                    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
                    SELECT count(*)::int FROM "AuditChainHeads" h
                    WHERE h."Month" = month AND NOT EXISTS (
                        SELECT 1 FROM "AuditEntries" e WHERE e."At" >= audit_month_start(h."Month") AND e."At" < audit_month_end(h."Month")
                        AND e."Seq" = h."Seq" AND e."Hash" = h."Hash")
                    $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION audit_heads_missing(date);
                ALTER FUNCTION audit_verify(date) SECURITY INVOKER RESET search_path;
                """);
        }
    }
}
