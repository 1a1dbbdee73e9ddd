using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkPlatform.Domain.Migrations
{
    /// <summary>
    /// The key ring table as Microsoft.AspNetCore.DataProtection.EntityFrameworkCore maps its DataProtectionKey: same
    /// table and columns as our own repository used, FriendlyName and Xml nullable text (were varchar(200) and text,
    /// both NOT NULL). Widening only, so every key stays and the library reads it as it is: cookies and tokens issued
    /// before the upgrade stay valid (DataProtectionKeyMigrationTests). Down restores the old types without a default,
    /// as the table had none; it fails rather than invent a value if the library ever stored a key without one.
    /// </summary>
    public partial class DataProtectionKeysForTheLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Xml",
                table: "DataProtectionKeys",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "FriendlyName",
                table: "DataProtectionKeys",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Xml",
                table: "DataProtectionKeys",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "FriendlyName",
                table: "DataProtectionKeys",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
        }
    }
}
