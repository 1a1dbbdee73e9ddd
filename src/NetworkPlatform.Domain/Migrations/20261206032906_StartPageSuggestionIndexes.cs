using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkPlatform.Domain.Migrations
{
    /// <inheritdoc />
    public partial class StartPageSuggestionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_MemberProfiles_Employer",
                table: "MemberProfiles",
                column: "Employer");

            migrationBuilder.CreateIndex(
                name: "IX_MemberProfiles_IndustryCode",
                table: "MemberProfiles",
                column: "IndustryCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MemberProfiles_Employer",
                table: "MemberProfiles");

            migrationBuilder.DropIndex(
                name: "IX_MemberProfiles_IndustryCode",
                table: "MemberProfiles");
        }
    }
}
