using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NetworkPlatform.Domain.Search;

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
        migrationBuilder.Sql(SearchSql.CreateFunctions);
        migrationBuilder.Sql($"""
DROP INDEX "IX_MemberProfiles_SearchName";
ALTER TABLE "MemberProfiles"
    ADD "NameWords" text[] GENERATED ALWAYS AS ({SearchSql.NameWordsColumn}) STORED,
    ADD "SkillKeys" text[] GENERATED ALWAYS AS ({SearchSql.SkillKeysColumn}) STORED,
    {string.Join(",\n    ", SearchSql.FilterKeyColumns.Select(c => $"ADD \"{c.Column}\" text GENERATED ALWAYS AS ({c.Sql}) STORED"))};
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
        migrationBuilder.Sql(SearchSql.RebuildNameWords);
        migrationBuilder.Sql(SearchSql.CreateTriggers);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(SearchSql.DropTriggers);
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
