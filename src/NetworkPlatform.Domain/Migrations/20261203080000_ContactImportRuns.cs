using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkPlatform.Domain.Migrations;

/// <summary>
/// Each reading of a contact file against the members, kept 24 hours for the per-member daily limit (issue 15). The
/// uploads themselves cannot be counted: the next upload, "cancel" and the end of sending delete them. Cascades with
/// the member. Hand-written (ADR 0002).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203080000_ContactImportRuns")]
public class ContactImportRuns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            CREATE TABLE "ContactImportRuns" (
                "JobId" uuid NOT NULL,
                "UserId" uuid NOT NULL,
                "CreatedAt" timestamp with time zone NOT NULL,
                CONSTRAINT "PK_ContactImportRuns" PRIMARY KEY ("JobId"),
                CONSTRAINT "FK_ContactImportRuns_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
            );
            CREATE INDEX "IX_ContactImportRuns_CreatedAt" ON "ContactImportRuns" ("CreatedAt");
            CREATE INDEX "IX_ContactImportRuns_UserId_CreatedAt" ON "ContactImportRuns" ("UserId", "CreatedAt");
            """);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""DROP TABLE "ContactImportRuns";""");
}
