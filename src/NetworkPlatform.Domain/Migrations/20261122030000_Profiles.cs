using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkPlatform.Domain.Migrations;

/// <summary>
/// Business profiles: the profile row per member with its tag arrays and contact details, experience and education
/// entries, languages, links, documents with their stored files, old slugs, and profile visits. Hand-written
/// (ADR 0002); the drift test compares it with the model.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122030000_Profiles")]
public class Profiles : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
CREATE TABLE "StoredFiles" (
    "Id" uuid NOT NULL,
    "ContentType" character varying(100) NOT NULL,
    "Size" bigint NOT NULL,
    "Content" bytea NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_StoredFiles" PRIMARY KEY ("Id")
);

CREATE TABLE "MemberProfiles" (
    "UserId" uuid NOT NULL,
    "Slug" character varying(60) NOT NULL,
    "AcademicTitle" character varying(40),
    "Headline" character varying(120),
    "Position" character varying(120),
    "Employer" character varying(120),
    "City" character varying(100),
    "Country" character varying(100),
    "IndustryCode" character varying(40),
    "Summary" character varying(4000),
    "Skills" text[] NOT NULL,
    "Haves" text[] NOT NULL,
    "Wants" text[] NOT NULL,
    "Interests" text[] NOT NULL,
    "Audience" integer NOT NULL,
    "AllowSearchEngines" boolean NOT NULL,
    "ShowMeAsVisitor" boolean NOT NULL,
    "PhotoFileId" uuid,
    "PhotoSmallFileId" uuid,
    "Phone" character varying(40),
    "PhoneVisibility" integer NOT NULL,
    "Mobile" character varying(40),
    "MobileVisibility" integer NOT NULL,
    "BusinessEmail" character varying(256),
    "BusinessEmailVisibility" integer NOT NULL,
    "Address" character varying(300),
    "AddressVisibility" integer NOT NULL,
    "Birthday" date,
    "BirthdayVisibility" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_MemberProfiles" PRIMARY KEY ("UserId"),
    CONSTRAINT "FK_MemberProfiles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ProfileVisits" (
    "Id" uuid NOT NULL,
    "ProfileUserId" uuid NOT NULL,
    "VisitorUserId" uuid NOT NULL,
    "Day" date NOT NULL,
    "VisitedAt" timestamp with time zone NOT NULL,
    "Anonymous" boolean NOT NULL,
    CONSTRAINT "PK_ProfileVisits" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ProfileVisits_AspNetUsers_ProfileUserId" FOREIGN KEY ("ProfileUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ProfileVisits_AspNetUsers_VisitorUserId" FOREIGN KEY ("VisitorUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ProfileDocuments" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Title" character varying(120) NOT NULL,
    "Kind" integer NOT NULL,
    "Visibility" integer NOT NULL,
    "FileId" uuid NOT NULL,
    "DisplayName" character varying(120) NOT NULL,
    "ContentType" character varying(100) NOT NULL,
    "Size" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ProfileDocuments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ProfileDocuments_MemberProfiles_UserId" FOREIGN KEY ("UserId") REFERENCES "MemberProfiles" ("UserId") ON DELETE CASCADE,
    CONSTRAINT "FK_ProfileDocuments_StoredFiles_FileId" FOREIGN KEY ("FileId") REFERENCES "StoredFiles" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ProfileEntries" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Kind" integer NOT NULL,
    "Title" character varying(120) NOT NULL,
    "Organisation" character varying(120) NOT NULL,
    "StartMonth" date NOT NULL,
    "EndMonth" date,
    "IsCurrent" boolean NOT NULL,
    "Description" character varying(2000),
    CONSTRAINT "PK_ProfileEntries" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ProfileEntries_MemberProfiles_UserId" FOREIGN KEY ("UserId") REFERENCES "MemberProfiles" ("UserId") ON DELETE CASCADE
);

CREATE TABLE "ProfileLanguages" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Name" character varying(60) NOT NULL,
    "Level" integer NOT NULL,
    CONSTRAINT "PK_ProfileLanguages" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ProfileLanguages_MemberProfiles_UserId" FOREIGN KEY ("UserId") REFERENCES "MemberProfiles" ("UserId") ON DELETE CASCADE
);

CREATE TABLE "ProfileLinks" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Title" character varying(80) NOT NULL,
    "Url" character varying(500) NOT NULL,
    "Position" integer NOT NULL,
    CONSTRAINT "PK_ProfileLinks" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ProfileLinks_MemberProfiles_UserId" FOREIGN KEY ("UserId") REFERENCES "MemberProfiles" ("UserId") ON DELETE CASCADE
);

CREATE TABLE "ProfileSlugRedirects" (
    "Slug" character varying(60) NOT NULL,
    "UserId" uuid NOT NULL,
    CONSTRAINT "PK_ProfileSlugRedirects" PRIMARY KEY ("Slug"),
    CONSTRAINT "FK_ProfileSlugRedirects_MemberProfiles_UserId" FOREIGN KEY ("UserId") REFERENCES "MemberProfiles" ("UserId") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_MemberProfiles_Slug" ON "MemberProfiles" ("Slug");

CREATE INDEX "IX_ProfileDocuments_FileId" ON "ProfileDocuments" ("FileId");

CREATE INDEX "IX_ProfileDocuments_UserId" ON "ProfileDocuments" ("UserId");

CREATE INDEX "IX_ProfileEntries_UserId_Kind" ON "ProfileEntries" ("UserId", "Kind");

CREATE INDEX "IX_ProfileLanguages_UserId" ON "ProfileLanguages" ("UserId");

CREATE INDEX "IX_ProfileLinks_UserId" ON "ProfileLinks" ("UserId");

CREATE INDEX "IX_ProfileSlugRedirects_UserId" ON "ProfileSlugRedirects" ("UserId");

CREATE INDEX "IX_ProfileVisits_ProfileUserId_VisitedAt" ON "ProfileVisits" ("ProfileUserId", "VisitedAt");

CREATE UNIQUE INDEX "IX_ProfileVisits_ProfileUserId_VisitorUserId_Day" ON "ProfileVisits" ("ProfileUserId", "VisitorUserId", "Day");

CREATE INDEX "IX_ProfileVisits_VisitorUserId" ON "ProfileVisits" ("VisitorUserId");
""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
DROP TABLE "ProfileSlugRedirects", "ProfileLinks", "ProfileLanguages", "ProfileEntries", "ProfileDocuments",
    "ProfileVisits", "MemberProfiles", "StoredFiles";
""");
    }
}
