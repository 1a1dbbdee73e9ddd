using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkPlatform.Domain.Migrations;

/// <summary>
/// Member search (ADR 0006): the extensions unaccent and pg_trgm, the folding functions, the member's name copied onto
/// the profile row, and two generated columns with GIN indexes: the weighted search document (German and English
/// stems) and the folded name (trigrams, for typos). Hand-written (ADR 0002).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122070000_MemberSearch")]
public class MemberSearch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
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
-- Existing profiles get their member's name, then no default, as the model has none.
ALTER TABLE "MemberProfiles" ADD "FullName" character varying(201) NOT NULL DEFAULT '';
UPDATE "MemberProfiles" p SET "FullName" = btrim(u."FirstName" || ' ' || u."LastName")
FROM "AspNetUsers" u WHERE u."Id" = p."UserId";
ALTER TABLE "MemberProfiles" ALTER COLUMN "FullName" DROP DEFAULT;

ALTER TABLE "MemberProfiles" ADD "SearchName" text GENERATED ALWAYS AS (np_search_fold("FullName")) STORED;
ALTER TABLE "MemberProfiles" ADD "SearchDocument" tsvector GENERATED ALWAYS AS (setweight(np_search_words(COALESCE("AcademicTitle", '') || ' ' || "FullName"), 'A') || setweight(np_search_words(COALESCE("Headline", '') || ' ' || COALESCE("Position", '')), 'B') || setweight(np_search_words(COALESCE("Employer", '') || ' ' || np_search_join("Skills") || ' ' || np_search_join("Haves") || ' ' || np_search_join("Wants")), 'C') || setweight(np_search_words(np_search_join("Interests") || ' ' || COALESCE("Summary", '') || ' ' || COALESCE("City", '') || ' ' || COALESCE("Country", '') || ' ' || COALESCE("IndustryCode", '')), 'D')) STORED;
""");
        // As this migration created them (SearchSql.CreateIndexes has changed since: 20261122110000_SearchAtScale).
        migrationBuilder.Sql("""
CREATE INDEX "IX_MemberProfiles_SearchDocument" ON "MemberProfiles" USING gin ("SearchDocument");
CREATE INDEX "IX_MemberProfiles_SearchName" ON "MemberProfiles" USING gin ("SearchName" gin_trgm_ops);
""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
ALTER TABLE "MemberProfiles" DROP COLUMN "SearchDocument", DROP COLUMN "SearchName", DROP COLUMN "FullName";
""");
        migrationBuilder.Sql("""
DROP FUNCTION public.np_search_words(text);
DROP FUNCTION IF EXISTS public.np_search_forms(text);
DROP FUNCTION IF EXISTS public.np_search_fold_all(text[]);
DROP FUNCTION public.np_search_join(text[]);
DROP FUNCTION public.np_search_fold(text);
""");
        migrationBuilder.Sql("DROP EXTENSION IF EXISTS pg_trgm; DROP EXTENSION IF EXISTS unaccent;");
    }
}
