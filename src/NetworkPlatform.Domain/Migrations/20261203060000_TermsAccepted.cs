using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkPlatform.Domain.Migrations;

/// <summary>When a member accepted the terms of use at registration (issue 14). Hand-written (ADR 0002).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203060000_TermsAccepted")]
public class TermsAccepted : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""ALTER TABLE "AspNetUsers" ADD "TermsAcceptedAt" timestamp with time zone;""");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""ALTER TABLE "AspNetUsers" DROP COLUMN "TermsAcceptedAt";""");
}
