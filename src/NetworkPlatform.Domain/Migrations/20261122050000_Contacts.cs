using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkPlatform.Domain.Migrations;

/// <summary>
/// Contacts: requests (one per pair of members), confirmed contacts stored in both directions with the owner's tags
/// and note, blocks, dismissed suggestions, and who may see a member's contact list. Hand-written (ADR 0002).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122050000_Contacts")]
public class Contacts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
CREATE TABLE "ContactRequests" (
    "Id" uuid NOT NULL,
    "FromUserId" uuid NOT NULL,
    "ToUserId" uuid NOT NULL,
    "PairLow" uuid NOT NULL,
    "PairHigh" uuid NOT NULL,
    "Message" character varying(500),
    "CreatedAt" timestamp with time zone NOT NULL,
    "DeclinedAt" timestamp with time zone,
    CONSTRAINT "PK_ContactRequests" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ContactRequests_AspNetUsers_FromUserId" FOREIGN KEY ("FromUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ContactRequests_AspNetUsers_ToUserId" FOREIGN KEY ("ToUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Contacts" (
    "UserId" uuid NOT NULL,
    "ContactUserId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Tags" text[] NOT NULL,
    "Note" character varying(1000),
    CONSTRAINT "PK_Contacts" PRIMARY KEY ("UserId", "ContactUserId"),
    CONSTRAINT "FK_Contacts_AspNetUsers_ContactUserId" FOREIGN KEY ("ContactUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Contacts_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DismissedSuggestions" (
    "UserId" uuid NOT NULL,
    "DismissedUserId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_DismissedSuggestions" PRIMARY KEY ("UserId", "DismissedUserId"),
    CONSTRAINT "FK_DismissedSuggestions_AspNetUsers_DismissedUserId" FOREIGN KEY ("DismissedUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_DismissedSuggestions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MemberBlocks" (
    "BlockerId" uuid NOT NULL,
    "BlockedId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_MemberBlocks" PRIMARY KEY ("BlockerId", "BlockedId"),
    CONSTRAINT "FK_MemberBlocks_AspNetUsers_BlockedId" FOREIGN KEY ("BlockedId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_MemberBlocks_AspNetUsers_BlockerId" FOREIGN KEY ("BlockerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ContactRequests_FromUserId_CreatedAt" ON "ContactRequests" ("FromUserId", "CreatedAt");

CREATE UNIQUE INDEX "IX_ContactRequests_PairLow_PairHigh" ON "ContactRequests" ("PairLow", "PairHigh");

CREATE INDEX "IX_ContactRequests_ToUserId_CreatedAt" ON "ContactRequests" ("ToUserId", "CreatedAt");

CREATE INDEX "IX_Contacts_ContactUserId_UserId" ON "Contacts" ("ContactUserId", "UserId");

CREATE INDEX "IX_DismissedSuggestions_DismissedUserId" ON "DismissedSuggestions" ("DismissedUserId");

CREATE INDEX "IX_MemberBlocks_BlockedId_BlockerId" ON "MemberBlocks" ("BlockedId", "BlockerId");

-- New setting on existing profiles: "contacts" (0) for everyone, then no default, as the model has none.
ALTER TABLE "MemberProfiles" ADD "ContactListVisibility" integer NOT NULL DEFAULT 0;
ALTER TABLE "MemberProfiles" ALTER COLUMN "ContactListVisibility" DROP DEFAULT;
""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
ALTER TABLE "MemberProfiles" DROP COLUMN "ContactListVisibility";
DROP TABLE "DismissedSuggestions", "MemberBlocks", "Contacts", "ContactRequests";
""");
    }
}
