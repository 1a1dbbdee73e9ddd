using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkPlatform.Domain.Migrations;

/// <summary>
/// How the search's data is stored (bench/README.md, fifth round):
/// <list type="bullet">
/// <item>The search document kept in the profile's row instead of TOAST (<c>SearchSql.DocumentStorage</c>):
/// ranking a thousand matches read 3,600 pages, now about 1,000. Rows written from now on are stored so; existing rows
/// move when they are next written, or all at once with <c>VACUUM FULL "MemberProfiles"</c> at a quiet time (it locks
/// the table: 50 s at a million members; README, "PostgreSQL for a large network"). The migration does not rewrite the
/// table itself, so that an upgrade never blocks for that long unasked.</item>
/// <item>GIN pending lists short (document, skills: 256 kB) or none (name words), since every search reads them
/// (<c>SearchSql.CreateIndexes</c>); what is pending now is merged into the indexes.</item>
/// </list>
/// Hand-written (ADR 0002).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261202060000_SearchStorage")]
public class SearchStorage : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
ALTER TABLE "MemberProfiles" ALTER COLUMN "SearchDocument" SET STORAGE MAIN;
""");
        migrationBuilder.Sql("""
ALTER INDEX "IX_MemberProfiles_SearchDocument" SET (gin_pending_list_limit = 256);
ALTER INDEX "IX_MemberProfiles_SkillKeys" SET (gin_pending_list_limit = 256);
ALTER INDEX "IX_MemberProfiles_NameWords" SET (fastupdate = false);
SELECT gin_clean_pending_list('"IX_MemberProfiles_SearchDocument"'::regclass), gin_clean_pending_list('"IX_MemberProfiles_SkillKeys"'::regclass),
       gin_clean_pending_list('"IX_MemberProfiles_NameWords"'::regclass);
""");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
ALTER INDEX "IX_MemberProfiles_NameWords" RESET (fastupdate);
ALTER INDEX "IX_MemberProfiles_SkillKeys" RESET (gin_pending_list_limit);
ALTER INDEX "IX_MemberProfiles_SearchDocument" RESET (gin_pending_list_limit);
ALTER TABLE "MemberProfiles" ALTER COLUMN "SearchDocument" SET STORAGE EXTENDED;
""");
}
