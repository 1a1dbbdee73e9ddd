using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkPlatform.Domain.Migrations;

/// <summary>
/// Personal data (ADR 0007): exports (the ZIP itself is a stored file), the login history, the pending-deletion mark
/// on accounts and the back-office record of deletions. Hand-written (ADR 0002).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122102000_PersonalData")]
public class PersonalData : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
ALTER TABLE "AspNetUsers" ADD "DeletionRequestedAt" timestamp with time zone;
CREATE INDEX "IX_AspNetUsers_DeletionRequestedAt" ON "AspNetUsers" ("DeletionRequestedAt") WHERE "DeletionRequestedAt" IS NOT NULL;

CREATE TABLE "PersonalDataExports" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "RequestedAt" timestamp with time zone NOT NULL,
    "JobId" uuid,
    "FileId" uuid,
    "Size" bigint NOT NULL,
    "ReadyAt" timestamp with time zone,
    "ExpiresAt" timestamp with time zone,
    CONSTRAINT "PK_PersonalDataExports" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PersonalDataExports_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PersonalDataExports_StoredFiles_FileId" FOREIGN KEY ("FileId") REFERENCES "StoredFiles" ("Id") ON DELETE RESTRICT
);
CREATE INDEX "IX_PersonalDataExports_ExpiresAt" ON "PersonalDataExports" ("ExpiresAt");
CREATE INDEX "IX_PersonalDataExports_FileId" ON "PersonalDataExports" ("FileId");
CREATE INDEX "IX_PersonalDataExports_UserId_RequestedAt" ON "PersonalDataExports" ("UserId", "RequestedAt");

CREATE TABLE "LoginRecords" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "SignedInAt" timestamp with time zone NOT NULL,
    "IpAddress" character varying(64),
    "Method" character varying(32) NOT NULL,
    CONSTRAINT "PK_LoginRecords" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_LoginRecords_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_LoginRecords_SignedInAt" ON "LoginRecords" ("SignedInAt");
CREATE INDEX "IX_LoginRecords_UserId_SignedInAt" ON "LoginRecords" ("UserId", "SignedInAt");

CREATE TABLE "AccountDeletions" (
    "Id" uuid NOT NULL,
    "RequestedAt" timestamp with time zone NOT NULL,
    "DeletedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_AccountDeletions" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_AccountDeletions_DeletedAt" ON "AccountDeletions" ("DeletedAt");
""");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
DROP TABLE "AccountDeletions";
DROP TABLE "LoginRecords";
DROP TABLE "PersonalDataExports";
DROP INDEX "IX_AspNetUsers_DeletionRequestedAt";
ALTER TABLE "AspNetUsers" DROP COLUMN "DeletionRequestedAt";
""");
}
