using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NetworkPlatform.Domain.Search;

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
        migrationBuilder.Sql(SearchSql.CreateFunctions);
        migrationBuilder.Sql("""UPDATE "MemberProfiles" SET "FullName" = "FullName";""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}
