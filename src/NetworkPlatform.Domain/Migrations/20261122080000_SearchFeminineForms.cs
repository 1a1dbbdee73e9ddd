using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkPlatform.Domain.Migrations;

/// <summary>
/// Member search: German feminine job titles (Entwicklerin, Beraterin) are found by the masculine form and the other
/// way round (<c>np_search_forms</c>, ADR 0006). Re-creates the search functions (all CREATE OR REPLACE) and
/// recomputes the stored search documents (any UPDATE recomputes a generated column). Hand-written (ADR 0002).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122080000_SearchFeminineForms")]
public class SearchFeminineForms : Migration
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
        migrationBuilder.Sql("""UPDATE "MemberProfiles" SET "FullName" = "FullName";""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}
