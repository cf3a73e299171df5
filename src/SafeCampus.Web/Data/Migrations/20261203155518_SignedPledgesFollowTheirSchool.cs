using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeCampus.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SignedPledgesFollowTheirSchool : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A signed pledge stays immutable, but follows its school when the school moves to another county: an
            // update that changes nothing but the scope path is let through (ADR 19).
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION pledge_signatures_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD."SignedAt" IS NOT NULL THEN
                        IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'ScopePath') = (to_jsonb(OLD) - 'ScopePath') THEN
                            RETURN NEW;
                        END IF;
                        RAISE EXCEPTION 'signed pledges are immutable' USING ERRCODE = 'check_violation';
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION pledge_signatures_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD."SignedAt" IS NOT NULL THEN
                        RAISE EXCEPTION 'signed pledges are immutable' USING ERRCODE = 'check_violation';
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;
                """);
        }
    }
}
