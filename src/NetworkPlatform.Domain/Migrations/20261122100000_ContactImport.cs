using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkPlatform.Domain.Migrations;

/// <summary>
/// Contact import: uploads and their rows while the preview is open, pending invitations, opt-outs (hashes only) and
/// contact requests queued over the daily limit. Every user reference cascades, so deleting a member removes them.
/// Hand-written (ADR 0002).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122100000_ContactImport")]
public class ContactImport : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
CREATE TABLE "ContactUploads" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "State" integer NOT NULL,
    "Format" integer NOT NULL,
    "FileName" character varying(255) NOT NULL,
    "Content" bytea,
    "Culture" character varying(5),
    "ErrorKey" character varying(100),
    "ErrorArg" character varying(200),
    "JobId" uuid,
    "ReadCount" integer NOT NULL,
    "Skipped" jsonb,
    "Columns" jsonb,
    "NameColumn" integer,
    "EmailColumn" integer,
    "RequestsSent" integer NOT NULL,
    "RequestsQueued" integer NOT NULL,
    "RequestsNotPossible" integer NOT NULL,
    "InvitationsSent" integer NOT NULL,
    "InvitationsNotSent" integer NOT NULL,
    CONSTRAINT "PK_ContactUploads" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ContactUploads_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_ContactUploads_ExpiresAt" ON "ContactUploads" ("ExpiresAt");
CREATE INDEX "IX_ContactUploads_UserId_CreatedAt" ON "ContactUploads" ("UserId", "CreatedAt");

CREATE TABLE "ContactUploadRows" (
    "UploadId" uuid NOT NULL,
    "Line" integer NOT NULL,
    "Name" character varying(200),
    "Emails" text[] NOT NULL,
    "MatchedUserId" uuid,
    "Request" boolean NOT NULL,
    "Invite" boolean NOT NULL,
    CONSTRAINT "PK_ContactUploadRows" PRIMARY KEY ("UploadId", "Line"),
    CONSTRAINT "FK_ContactUploadRows_AspNetUsers_MatchedUserId" FOREIGN KEY ("MatchedUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ContactUploadRows_ContactUploads_UploadId" FOREIGN KEY ("UploadId") REFERENCES "ContactUploads" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_ContactUploadRows_MatchedUserId" ON "ContactUploadRows" ("MatchedUserId");

CREATE TABLE "ContactInvitations" (
    "Id" uuid NOT NULL,
    "InviterId" uuid NOT NULL,
    "Email" character varying(254) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "MailedAt" timestamp with time zone,
    CONSTRAINT "PK_ContactInvitations" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ContactInvitations_AspNetUsers_InviterId" FOREIGN KEY ("InviterId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_ContactInvitations_CreatedAt" ON "ContactInvitations" ("CreatedAt");
CREATE INDEX "IX_ContactInvitations_Email_MailedAt" ON "ContactInvitations" ("Email", "MailedAt");
CREATE UNIQUE INDEX "IX_ContactInvitations_InviterId_Email" ON "ContactInvitations" ("InviterId", "Email");

CREATE TABLE "InvitationOptOuts" (
    "EmailHash" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_InvitationOptOuts" PRIMARY KEY ("EmailHash")
);

CREATE TABLE "QueuedContactRequests" (
    "Id" uuid NOT NULL,
    "FromUserId" uuid NOT NULL,
    "ToUserId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_QueuedContactRequests" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_QueuedContactRequests_AspNetUsers_FromUserId" FOREIGN KEY ("FromUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_QueuedContactRequests_AspNetUsers_ToUserId" FOREIGN KEY ("ToUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_QueuedContactRequests_FromUserId_ToUserId" ON "QueuedContactRequests" ("FromUserId", "ToUserId");
CREATE INDEX "IX_QueuedContactRequests_ToUserId" ON "QueuedContactRequests" ("ToUserId");
""");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
DROP TABLE "QueuedContactRequests";
DROP TABLE "InvitationOptOuts";
DROP TABLE "ContactInvitations";
DROP TABLE "ContactUploadRows";
DROP TABLE "ContactUploads";
""");
}
