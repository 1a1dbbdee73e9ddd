using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace NetworkPlatform.Domain.Migrations
{
    /// <inheritdoc />
    public partial class CompanyPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CompanyId",
                table: "ProfileEntries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmedDomain",
                table: "ProfileEntries",
                type: "character varying(253)",
                maxLength: 253,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EmploymentConfirmedAt",
                table: "ProfileEntries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CompanyPages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Tagline = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: true),
                    Description = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    IndustryCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    FoundedYear = table.Column<int>(type: "integer", nullable: true),
                    City = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Country = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Locations = table.Column<List<string>>(type: "text[]", nullable: false),
                    Website = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Specialities = table.Column<List<string>>(type: "text[]", nullable: false),
                    EmailDomains = table.Column<List<string>>(type: "text[]", nullable: false),
                    LogoFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    LogoSmallFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    VerifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TakenDownAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TakeDownReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FollowerCount = table.Column<int>(type: "integer", nullable: false),
                    EmployeeCount = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LocationKey = table.Column<string>(type: "text", nullable: true, computedColumnSql: "np_search_fold(COALESCE(\"City\", '') || ' ' || COALESCE(\"Country\", '') || ' ' || np_search_join(\"Locations\"))", stored: true),
                    NameKey = table.Column<string>(type: "text", nullable: true, computedColumnSql: "np_search_fold(\"Name\")", stored: true),
                    SearchDocument = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "setweight(np_search_words(\"Name\"), 'A') || setweight(np_search_words(COALESCE(\"Tagline\", '') || ' ' || np_search_join(\"Specialities\")), 'B') || setweight(np_search_words(COALESCE(\"Description\", '')), 'C')", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompanyPages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CompanyPages_StoredFiles_LogoFileId",
                        column: x => x.LogoFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_CompanyPages_StoredFiles_LogoSmallFileId",
                        column: x => x.LogoSmallFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "CompanyAdmins",
                columns: table => new
                {
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompanyAdmins", x => new { x.CompanyId, x.UserId });
                    table.ForeignKey(
                        name: "FK_CompanyAdmins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CompanyAdmins_CompanyPages_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "CompanyPages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CompanyFollows",
                columns: table => new
                {
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    FollowedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompanyFollows", x => new { x.CompanyId, x.UserId });
                    table.ForeignKey(
                        name: "FK_CompanyFollows_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CompanyFollows_CompanyPages_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "CompanyPages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CompanyPageViews",
                columns: table => new
                {
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Views = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompanyPageViews", x => new { x.CompanyId, x.Day });
                    table.ForeignKey(
                        name: "FK_CompanyPageViews_CompanyPages_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "CompanyPages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CompanySlugRedirects",
                columns: table => new
                {
                    Slug = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompanySlugRedirects", x => x.Slug);
                    table.ForeignKey(
                        name: "FK_CompanySlugRedirects_CompanyPages_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "CompanyPages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProfileEntries_CompanyId_IsCurrent",
                table: "ProfileEntries",
                columns: new[] { "CompanyId", "IsCurrent" },
                filter: "\"CompanyId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CompanyAdmins_UserId",
                table: "CompanyAdmins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_CompanyFollows_UserId_FollowedAt",
                table: "CompanyFollows",
                columns: new[] { "UserId", "FollowedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CompanyPages_CreatedAt",
                table: "CompanyPages",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CompanyPages_EmployeeCount",
                table: "CompanyPages",
                column: "EmployeeCount");

            migrationBuilder.CreateIndex(
                name: "IX_CompanyPages_FollowerCount",
                table: "CompanyPages",
                column: "FollowerCount");

            migrationBuilder.CreateIndex(
                name: "IX_CompanyPages_IndustryCode",
                table: "CompanyPages",
                column: "IndustryCode");

            migrationBuilder.CreateIndex(
                name: "IX_CompanyPages_LocationKey",
                table: "CompanyPages",
                column: "LocationKey")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_CompanyPages_LogoFileId",
                table: "CompanyPages",
                column: "LogoFileId");

            migrationBuilder.CreateIndex(
                name: "IX_CompanyPages_LogoSmallFileId",
                table: "CompanyPages",
                column: "LogoSmallFileId");

            migrationBuilder.CreateIndex(
                name: "IX_CompanyPages_NameKey",
                table: "CompanyPages",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_CompanyPages_SearchDocument",
                table: "CompanyPages",
                column: "SearchDocument")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_CompanyPages_Slug",
                table: "CompanyPages",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CompanySlugRedirects_CompanyId",
                table: "CompanySlugRedirects",
                column: "CompanyId");

            migrationBuilder.AddForeignKey(
                name: "FK_ProfileEntries_CompanyPages_CompanyId",
                table: "ProfileEntries",
                column: "CompanyId",
                principalTable: "CompanyPages",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ProfileEntries_CompanyPages_CompanyId",
                table: "ProfileEntries");

            migrationBuilder.DropTable(
                name: "CompanyAdmins");

            migrationBuilder.DropTable(
                name: "CompanyFollows");

            migrationBuilder.DropTable(
                name: "CompanyPageViews");

            migrationBuilder.DropTable(
                name: "CompanySlugRedirects");

            migrationBuilder.DropTable(
                name: "CompanyPages");

            migrationBuilder.DropIndex(
                name: "IX_ProfileEntries_CompanyId_IsCurrent",
                table: "ProfileEntries");

            migrationBuilder.DropColumn(
                name: "CompanyId",
                table: "ProfileEntries");

            migrationBuilder.DropColumn(
                name: "ConfirmedDomain",
                table: "ProfileEntries");

            migrationBuilder.DropColumn(
                name: "EmploymentConfirmedAt",
                table: "ProfileEntries");
        }
    }
}
