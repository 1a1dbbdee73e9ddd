using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkPlatform.Domain.Migrations
{
    /// <inheritdoc />
    public partial class CompanyDirectorySizeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_CompanyPages_Size_IndustryCode_Listed",
                table: "CompanyPages",
                columns: new[] { "Size", "IndustryCode" },
                filter: "\"TakenDownAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CompanyPages_Size_IndustryCode_Listed",
                table: "CompanyPages");
        }
    }
}
