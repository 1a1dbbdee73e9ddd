using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkPlatform.Domain.Migrations;

/// <summary>
/// "Members who have my e-mail address can find me" (issue 15): on for every existing profile, as for new ones. No
/// existing setting says "hidden" (both audiences are open to every member), so none is switched off; members the
/// importer cannot see at all (a block either way, a pending deletion) are never matched, whatever this says. The
/// default only fills the existing rows and is dropped again: the model has none, the entity sets it.
/// Hand-written (ADR 0002).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203070000_FindableByEmail")]
public class FindableByEmail : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            ALTER TABLE "MemberProfiles" ADD "FindableByEmail" boolean NOT NULL DEFAULT TRUE;
            ALTER TABLE "MemberProfiles" ALTER COLUMN "FindableByEmail" DROP DEFAULT;
            """);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""ALTER TABLE "MemberProfiles" DROP COLUMN "FindableByEmail";""");
}
