using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkPlatform.Domain.Migrations;

/// <summary>
/// Member search at a million members (ADR 0006, bench/README.md): the name's words as a generated array column with a
/// GIN index (exact names, and members by near words), the dictionary of all name words kept by a trigger (typos are
/// looked up there instead of in a trigram index over every name, which is dropped), the folded skills with a GIN
/// index (skill filter), the fields filters compare by a part folded once (…Key), and two small partial indexes that list the accounts search leaves out. Hand-written (ADR 0002).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122110000_SearchAtScale")]
public class SearchAtScale : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE OR REPLACE FUNCTION public.np_search_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        lower(public.unaccent('public.unaccent'::regdictionary,
            replace(replace(replace(replace(replace(replace(replace(replace($1,
                'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'), 'ß', 'ss'), 'ẞ', 'SS'))),
        '(^|[^[:alnum:]])([cf])#', '\1\2sharp', 'g'),
        '(^|[^[:alnum:]])c\+\+', '\1cplusplus', 'g'),
        '([[:alnum:]])\.net\M', '\1 dotnet', 'g'),
        '(^|[^[:alnum:]])\.net\M', '\1dotnet', 'g') $$;

CREATE OR REPLACE FUNCTION public.np_search_join(text[]) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT array_to_string($1, ' ') $$;

CREATE OR REPLACE FUNCTION public.np_search_fold_all(text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT COALESCE(array_agg(public.np_search_fold(s)), ARRAY[]::text[]) FROM unnest($1) s $$;

CREATE OR REPLACE FUNCTION public.np_search_forms(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT regexp_replace($1, '([[:alpha:]][[:alpha:]][[:alpha:]]+(er|eur))in(nen)?\M', '\1', 'g') $$;

CREATE OR REPLACE FUNCTION public.np_search_words(text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT to_tsvector('pg_catalog.german'::regconfig, public.np_search_forms(public.np_search_fold($1)))
              || to_tsvector('pg_catalog.english'::regconfig, public.np_search_fold($1)) $$;
""");
        migrationBuilder.Sql("""
DROP INDEX "IX_MemberProfiles_SearchName";
ALTER TABLE "MemberProfiles"
    ADD "NameWords" text[] GENERATED ALWAYS AS (array_remove(regexp_split_to_array(np_search_fold("FullName"), '[^[:alnum:]]+'), '')) STORED,
    ADD "SkillKeys" text[] GENERATED ALWAYS AS (np_search_fold_all("Skills")) STORED,
    ADD "CityKey" text GENERATED ALWAYS AS (np_search_fold("City")) STORED,
    ADD "EmployerKey" text GENERATED ALWAYS AS (np_search_fold("Employer")) STORED,
    ADD "HavesKey" text GENERATED ALWAYS AS (np_search_fold(np_search_join("Haves"))) STORED,
    ADD "WantsKey" text GENERATED ALWAYS AS (np_search_fold(np_search_join("Wants"))) STORED;
CREATE INDEX "IX_MemberProfiles_NameWords" ON "MemberProfiles" USING gin ("NameWords");
CREATE INDEX "IX_MemberProfiles_SkillKeys" ON "MemberProfiles" USING gin ("SkillKeys");
CREATE TABLE "SearchNameWords" (
    "Word" text NOT NULL,
    CONSTRAINT "PK_SearchNameWords" PRIMARY KEY ("Word")
);
CREATE INDEX "IX_SearchNameWords_Word" ON "SearchNameWords" USING gin ("Word" gin_trgm_ops);
CREATE INDEX "IX_AspNetUsers_Unconfirmed" ON "AspNetUsers" ("Id") WHERE NOT "EmailConfirmed";
CREATE INDEX "IX_AspNetUsers_LockoutEnd" ON "AspNetUsers" ("LockoutEnd") WHERE "LockoutEnd" IS NOT NULL;
""");
        migrationBuilder.Sql("""
INSERT INTO "SearchNameWords" ("Word") SELECT DISTINCT unnest("NameWords") FROM "MemberProfiles" ON CONFLICT DO NOTHING;
DELETE FROM "SearchNameWords" d WHERE NOT EXISTS (SELECT 1 FROM "MemberProfiles" p WHERE p."NameWords" @> ARRAY[d."Word"]);
""");
        migrationBuilder.Sql("""
CREATE OR REPLACE FUNCTION public.np_search_name_words_sync() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    added text[];
    removed text[];
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT array_agg(DISTINCT w) INTO added FROM unnest(NEW."NameWords") w
        WHERE NOT EXISTS (SELECT 1 FROM "SearchNameWords" d WHERE d."Word" = w);
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT array_agg(DISTINCT w) INTO removed FROM unnest(OLD."NameWords") w
        WHERE (TG_OP = 'DELETE' OR NOT (w = ANY (NEW."NameWords")))
          AND NOT EXISTS (SELECT 1 FROM "MemberProfiles" p WHERE p."NameWords" @> ARRAY[w]);
    END IF;
    IF added IS NULL AND removed IS NULL THEN
        RETURN NULL;
    END IF;
    -- One writer of new or gone words at a time, until it commits: two transactions that add the same new words in
    -- a different order (sign-ups in batches) would otherwise wait for each other (a deadlock). Known words, which
    -- is nearly every name after the first weeks, take no lock.
    PERFORM pg_advisory_xact_lock(1853, 1);
    INSERT INTO "SearchNameWords" ("Word") SELECT w FROM unnest(added) w ORDER BY w ON CONFLICT DO NOTHING;
    DELETE FROM "SearchNameWords" d
    WHERE d."Word" = ANY (removed)
      AND NOT EXISTS (SELECT 1 FROM "MemberProfiles" p WHERE p."NameWords" @> ARRAY[d."Word"]);
    RETURN NULL;
END $$;

CREATE TRIGGER np_search_name_words AFTER INSERT OR DELETE OR UPDATE OF "FullName" ON "MemberProfiles"
    FOR EACH ROW EXECUTE FUNCTION public.np_search_name_words_sync();
""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
DROP TRIGGER IF EXISTS np_search_name_words ON "MemberProfiles";
DROP FUNCTION IF EXISTS public.np_search_name_words_sync();
""");
        migrationBuilder.Sql("""
DROP INDEX "IX_AspNetUsers_LockoutEnd";
DROP INDEX "IX_AspNetUsers_Unconfirmed";
DROP TABLE "SearchNameWords";
ALTER TABLE "MemberProfiles" DROP COLUMN "SkillKeys", DROP COLUMN "NameWords", DROP COLUMN "CityKey",
    DROP COLUMN "EmployerKey", DROP COLUMN "HavesKey", DROP COLUMN "WantsKey";
CREATE INDEX "IX_MemberProfiles_SearchName" ON "MemberProfiles" USING gin ("SearchName" gin_trgm_ops);
""");
    }
}
