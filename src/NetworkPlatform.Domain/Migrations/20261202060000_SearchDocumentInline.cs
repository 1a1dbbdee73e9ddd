using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NetworkPlatform.Domain.Search;

namespace NetworkPlatform.Domain.Migrations;

/// <summary>
/// The search document kept in the profile's row instead of TOAST (<see cref="SearchSql.DocumentStorage"/>): ranking a
/// thousand matches read 3,600 pages, now about 1,000 (bench/README.md, fifth round). Rows written from now on are
/// stored so; existing rows move when they are next written, or all at once with <c>VACUUM FULL "MemberProfiles"</c>
/// at a quiet time (it locks the table: 50 s at a million members; README, "PostgreSQL for a large network"). The
/// migration does not rewrite the table itself, so that an upgrade never blocks for that long unasked. Hand-written
/// (ADR 0002).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261202060000_SearchDocumentInline")]
public class SearchDocumentInline : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SearchSql.DocumentStorage);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""ALTER TABLE "MemberProfiles" ALTER COLUMN "SearchDocument" SET STORAGE EXTENDED;""");
}
