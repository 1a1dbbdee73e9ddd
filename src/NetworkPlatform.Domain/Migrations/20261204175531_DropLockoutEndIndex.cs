using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkPlatform.Domain.Migrations
{
    /// <inheritdoc />
    public partial class DropLockoutEndIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_LockoutEnd",
                table: "AspNetUsers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_LockoutEnd",
                table: "AspNetUsers",
                column: "LockoutEnd",
                filter: "\"LockoutEnd\" IS NOT NULL");
        }
    }
}
