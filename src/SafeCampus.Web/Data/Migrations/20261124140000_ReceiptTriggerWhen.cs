using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SafeCampus.Web.Data.Migrations;

/// <summary>
/// The receipts' immutability trigger fires only for a row that is already acknowledged: the first acknowledgement
/// (the parents' hot path) no longer calls the PL/pgSQL function at all. What the trigger refuses is unchanged.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261124140000_ReceiptTriggerWhen")]
public sealed class ReceiptTriggerWhen : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP TRIGGER "TR_NoticeReceipts_Immutable" ON "NoticeReceipts";
        CREATE TRIGGER "TR_NoticeReceipts_Immutable" BEFORE UPDATE OR DELETE ON "NoticeReceipts"
            FOR EACH ROW WHEN (OLD."AcknowledgedAt" IS NOT NULL) EXECUTE FUNCTION notice_receipts_immutable();
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP TRIGGER "TR_NoticeReceipts_Immutable" ON "NoticeReceipts";
        CREATE TRIGGER "TR_NoticeReceipts_Immutable" BEFORE UPDATE OR DELETE ON "NoticeReceipts"
            FOR EACH ROW EXECUTE FUNCTION notice_receipts_immutable();
        """);
}
