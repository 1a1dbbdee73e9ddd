using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NetworkPlatform.Domain.Search;

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
        migrationBuilder.Sql(SearchSql.CreateFunctions);
        migrationBuilder.Sql($"""
-- Existing profiles get their member's name, then no default, as the model has none.
ALTER TABLE "MemberProfiles" ADD "FullName" character varying(201) NOT NULL DEFAULT '';
UPDATE "MemberProfiles" p SET "FullName" = btrim(u."FirstName" || ' ' || u."LastName")
FROM "AspNetUsers" u WHERE u."Id" = p."UserId";
ALTER TABLE "MemberProfiles" ALTER COLUMN "FullName" DROP DEFAULT;

ALTER TABLE "MemberProfiles" ADD "SearchName" text GENERATED ALWAYS AS ({SearchSql.SearchNameColumn}) STORED;
ALTER TABLE "MemberProfiles" ADD "SearchDocument" tsvector GENERATED ALWAYS AS ({SearchSql.SearchDocumentColumn.Trim()}) STORED;
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
        migrationBuilder.Sql(SearchSql.DropFunctions);
        migrationBuilder.Sql("DROP EXTENSION IF EXISTS pg_trgm; DROP EXTENSION IF EXISTS unaccent;");
    }
}
