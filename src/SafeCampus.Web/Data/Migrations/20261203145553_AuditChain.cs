using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SafeCampus.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditChainHeads",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChainHeads", x => new { x.Month, x.Seq });
                });

            // AuditEntries becomes partitioned by month, chained and append-only (ADR 18), in SQL: EF Core cannot
            // partition a table nor move an identity column to a sequence. The result matches the model (SchemaShould).
            migrationBuilder.Sql(PartitionAndChain);
        }

        private const string PartitionAndChain = """
            -- The audit trail partitioned by China month, chained, append-only (ADR 18).
            ALTER TABLE "AuditEntries" RENAME TO "AuditEntries_unpartitioned";
            ALTER TABLE "AuditEntries_unpartitioned" RENAME CONSTRAINT "PK_AuditEntries" TO "PK_AuditEntries_unpartitioned";
            ALTER INDEX "IX_AuditEntries_At" RENAME TO "IX_AuditEntries_unpartitioned_At";
            ALTER INDEX "IX_AuditEntries_Entity_EntityKey" RENAME TO "IX_AuditEntries_unpartitioned_Entity_EntityKey";
            ALTER SEQUENCE "AuditEntries_Id_seq" RENAME TO "AuditEntries_unpartitioned_Id_seq";
            CREATE SEQUENCE "AuditEntries_Id_seq";

            CREATE TABLE "AuditEntries" (
                "Id" bigint NOT NULL DEFAULT nextval('"AuditEntries_Id_seq"'::regclass),
                "At" timestamp with time zone NOT NULL,
                "UserId" character varying(64),
                "UserName" character varying(256),
                "ScopePath" character varying(400),
                "Entity" character varying(100) NOT NULL,
                "EntityKey" character varying(100) NOT NULL,
                "Action" character varying(20) NOT NULL,
                "Before" jsonb,
                "After" jsonb,
                "Seq" bigint,
                "PrevHash" bytea,
                "Hash" bytea,
                CONSTRAINT "PK_AuditEntries" PRIMARY KEY ("Id", "At")
            ) PARTITION BY RANGE ("At");
            ALTER SEQUENCE "AuditEntries_Id_seq" OWNED BY "AuditEntries"."Id";
            CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");
            CREATE INDEX "IX_AuditEntries_Entity_EntityKey" ON "AuditEntries" ("Entity", "EntityKey");
            CREATE INDEX "IX_AuditEntries_ScopePath" ON "AuditEntries" ("ScopePath" text_pattern_ops);
            CREATE INDEX "IX_AuditEntries_Seq" ON "AuditEntries" ("Seq");
            CREATE INDEX "IX_AuditEntries_Unsealed" ON "AuditEntries" ("Id") WHERE "Hash" IS NULL;
            -- Rows whose month has no partition (yet) land here rather than fail; audit_ensure_partitions() keeps months ahead.
            CREATE TABLE "AuditEntries_default" PARTITION OF "AuditEntries" DEFAULT;

            -- The China month a moment belongs to, and that month's bounds.
            CREATE FUNCTION audit_month(at timestamptz) RETURNS date
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                RETURN date_trunc('month', at AT TIME ZONE 'Asia/Shanghai')::date;
            CREATE FUNCTION audit_month_start(month date) RETURNS timestamptz
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                RETURN month::timestamp AT TIME ZONE 'Asia/Shanghai';
            CREATE FUNCTION audit_month_end(month date) RETURNS timestamptz
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                RETURN (month + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai';

            -- What a row's hash covers: every column but the chain's own, in a fixed text form (\x1e marks NULL).
            CREATE FUNCTION audit_content(e "AuditEntries") RETURNS bytea
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                RETURN convert_to(concat_ws(E'\x1f', e."Id"::text, to_char(e."At" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
                    coalesce(e."UserId", E'\x1e'), coalesce(e."UserName", E'\x1e'), coalesce(e."ScopePath", E'\x1e'),
                    e."Entity", e."EntityKey", e."Action", coalesce(e."Before"::text, E'\x1e'), coalesce(e."After"::text, E'\x1e')), 'UTF8');

            CREATE FUNCTION audit_link(prev bytea, seq bigint, e "AuditEntries") RETURNS bytea
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                RETURN sha256(coalesce(prev, '\x'::bytea) || int8send(seq) || audit_content(e));

            -- Append-only: nothing may change a row, except sealing an unsealed one (its chain columns only); nothing may delete.
            CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    RAISE EXCEPTION 'audit entries cannot be deleted' USING ERRCODE = 'insufficient_privilege';
                END IF;
                IF OLD."Hash" IS NOT NULL
                   OR (NEW."Id", NEW."At", NEW."UserId", NEW."UserName", NEW."ScopePath", NEW."Entity", NEW."EntityKey", NEW."Action", NEW."Before", NEW."After")
                      IS DISTINCT FROM (OLD."Id", OLD."At", OLD."UserId", OLD."UserName", OLD."ScopePath", OLD."Entity", OLD."EntityKey", OLD."Action", OLD."Before", OLD."After") THEN
                    RAISE EXCEPTION 'audit entries are append-only' USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER "TR_AuditEntries_AppendOnly" BEFORE UPDATE OR DELETE ON "AuditEntries"
                FOR EACH ROW EXECUTE FUNCTION audit_append_only();

            -- Seals unsealed rows in order, month by month: position, previous hash, hash. One sealer at a time (advisory lock).
            -- SECURITY DEFINER: the application's role may run it but cannot update the table itself.
            CREATE FUNCTION audit_seal(max_rows integer DEFAULT 10000) RETURNS integer
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            DECLARE
                r record;
                month date;
                prev bytea;
                prev_seq bigint;
                sealed integer := 0;
            BEGIN
                PERFORM pg_advisory_xact_lock(hashtext('safecampus.audit_seal'));
                FOR r IN SELECT e."Id", e."At", audit_month(e."At") AS m FROM "AuditEntries" e
                         WHERE e."Hash" IS NULL ORDER BY e."Id" LIMIT max_rows LOOP
                    IF month IS DISTINCT FROM r.m THEN
                        month := r.m;
                        SELECT x."Seq", x."Hash" INTO prev_seq, prev FROM "AuditEntries" x
                        WHERE x."At" >= audit_month_start(month) AND x."At" < audit_month_end(month) AND x."Seq" IS NOT NULL
                        ORDER BY x."Seq" DESC LIMIT 1;
                        IF NOT FOUND THEN
                            prev_seq := 0;
                            prev := NULL;
                        END IF;
                    END IF;
                    prev_seq := prev_seq + 1;
                    UPDATE "AuditEntries" e SET "Seq" = prev_seq, "PrevHash" = prev, "Hash" = audit_link(prev, prev_seq, e)
                    WHERE e."Id" = r."Id" AND e."At" = r."At"
                    RETURNING e."Hash" INTO prev;
                    sealed := sealed + 1;
                END LOOP;
                RETURN sealed;
            END $$;

            -- Recomputes a month's chain: how many rows, how many sealed, and the first row where it breaks (an edited row: its
            -- hash differs; a deleted row: a gap in the positions or a previous hash that does not match).
            CREATE FUNCTION audit_verify(month date)
                RETURNS TABLE (entries bigint, sealed bigint, last_seq bigint, last_hash bytea, broken_at bigint, problem text)
                LANGUAGE sql STABLE AS $$
                WITH rows AS (
                    SELECT e."Id", e."Seq", e."PrevHash", e."Hash", audit_link(e."PrevHash", e."Seq", e) AS recomputed,
                           lag(e."Hash") OVER (ORDER BY e."Seq") AS expected_prev,
                           row_number() OVER (ORDER BY e."Seq") AS position
                    FROM "AuditEntries" e
                    WHERE e."At" >= audit_month_start(month) AND e."At" < audit_month_end(month) AND e."Seq" IS NOT NULL),
                broken AS (
                    SELECT "Id", "Seq",
                           CASE WHEN "Seq" <> position THEN 'gap'
                                WHEN "PrevHash" IS DISTINCT FROM expected_prev THEN 'link'
                                ELSE 'content' END AS problem
                    FROM rows
                    WHERE "Seq" <> position OR "PrevHash" IS DISTINCT FROM expected_prev OR "Hash" <> recomputed
                    ORDER BY "Seq" LIMIT 1)
                SELECT (SELECT count(*) FROM "AuditEntries" e WHERE e."At" >= audit_month_start(month) AND e."At" < audit_month_end(month)),
                       (SELECT count(*) FROM rows),
                       (SELECT max("Seq") FROM rows),
                       (SELECT "Hash" FROM rows ORDER BY "Seq" DESC LIMIT 1),
                       (SELECT "Id" FROM broken),
                       (SELECT problem FROM broken)
            $$;

            -- Creates the monthly partitions from the month before `from_month` to `months_ahead` months after it. A month whose
            -- rows already sit in the default partition keeps them there (the chain does not care where a row is stored).
            CREATE FUNCTION audit_ensure_partitions(from_month date, months_ahead integer DEFAULT 3) RETURNS integer
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            DECLARE
                m date;
                name text;
                created integer := 0;
            BEGIN
                FOR i IN -1..months_ahead LOOP
                    m := (date_trunc('month', from_month) + make_interval(months => i))::date;
                    name := 'AuditEntries_' || to_char(m, 'YYYYMM');
                    CONTINUE WHEN to_regclass(quote_ident(name)) IS NOT NULL;
                    CONTINUE WHEN EXISTS (SELECT 1 FROM "AuditEntries_default" d WHERE d."At" >= audit_month_start(m) AND d."At" < audit_month_end(m));
                    EXECUTE format('CREATE TABLE %I PARTITION OF "AuditEntries" FOR VALUES FROM (%L) TO (%L)', name, audit_month_start(m), audit_month_end(m));
                    created := created + 1;
                END LOOP;
                RETURN created;
            END $$;

            -- Retention: drops a whole month's partition, only if it is at least six months old and entirely sealed.
            CREATE FUNCTION audit_drop_month(month date) RETURNS boolean
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            DECLARE
                name text := 'AuditEntries_' || to_char(month, 'YYYYMM');
            BEGIN
                IF month > (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - interval '6 months')::date THEN
                    RAISE EXCEPTION 'audit entries are kept at least six months (%)', month USING ERRCODE = 'insufficient_privilege';
                END IF;
                IF to_regclass(quote_ident(name)) IS NULL THEN
                    RETURN false;
                END IF;
                IF EXISTS (SELECT 1 FROM "AuditEntries" e WHERE e."At" >= audit_month_start(month) AND e."At" < audit_month_end(month) AND e."Seq" IS NULL) THEN
                    RAISE EXCEPTION 'month % has unsealed audit entries', month;
                END IF;
                EXECUTE format('DROP TABLE %I', name);
                RETURN true;
            END $$;

            SELECT audit_ensure_partitions(current_date, 3);
            INSERT INTO "AuditEntries" ("Id", "At", "UserId", "UserName", "ScopePath", "Entity", "EntityKey", "Action", "Before", "After")
            SELECT "Id", "At", "UserId", "UserName", "ScopePath", "Entity", "EntityKey", "Action", "Before", "After"
            FROM "AuditEntries_unpartitioned" ORDER BY "Id";
            DROP TABLE "AuditEntries_unpartitioned";
            SELECT setval('"AuditEntries_Id_seq"', coalesce((SELECT max("Id") FROM "AuditEntries"), 0) + 1, false);
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The chained, partitioned trail is not turned back into a plain table: restore a backup instead.
            migrationBuilder.Sql("DO $$ BEGIN RAISE EXCEPTION 'The AuditChain migration cannot be reverted: restore a backup taken before it.'; END $$");
        }
    }
}
