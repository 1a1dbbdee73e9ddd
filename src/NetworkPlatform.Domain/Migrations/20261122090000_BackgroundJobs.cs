using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkPlatform.Domain.Migrations;

/// <summary>Background jobs (imports, exports, the deletion purge), claimed with a lease. Hand-written (ADR 0002).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122090000_BackgroundJobs")]
public class BackgroundJobs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
CREATE TABLE "BackgroundJobs" (
    "Id" uuid NOT NULL,
    "Kind" character varying(64) NOT NULL,
    "UserId" uuid,
    "Payload" jsonb,
    "DedupKey" character varying(200),
    "State" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "RunAt" timestamp with time zone NOT NULL,
    "StartedAt" timestamp with time zone,
    "LeaseUntil" timestamp with time zone,
    "FinishedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "Progress" integer NOT NULL,
    "ProgressTotal" integer,
    "Result" jsonb,
    "LastError" character varying(2000),
    CONSTRAINT "PK_BackgroundJobs" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_BackgroundJobs_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_BackgroundJobs_DedupKey" ON "BackgroundJobs" ("DedupKey") WHERE "State" IN (0, 1);
CREATE INDEX "IX_BackgroundJobs_Open" ON "BackgroundJobs" ("RunAt") WHERE "State" IN (0, 1);
CREATE INDEX "IX_BackgroundJobs_UserId_Kind_CreatedAt" ON "BackgroundJobs" ("UserId", "Kind", "CreatedAt");
""");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""DROP TABLE "BackgroundJobs";""");
}
