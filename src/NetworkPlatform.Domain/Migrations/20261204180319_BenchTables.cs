using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NetworkPlatform.Domain.Migrations
{
    /// <inheritdoc />
    public partial class BenchTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fortune",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    message = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fortune", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "world",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    randomnumber = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_world", x => x.id);
                });

            // TechEmpower's data: the 12 fortunes of its original set (with the <script> row that must come out
            // escaped and the Japanese one that must come out intact), and 10,000 worlds with a random number.
            migrationBuilder.Sql("""
                INSERT INTO fortune (id, message) VALUES
                    (1, 'fortune: No such file or directory'),
                    (2, 'A computer scientist is someone who fixes things that aren''t broken.'),
                    (3, 'After enough decimal places, nobody gives a damn.'),
                    (4, 'A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1'),
                    (5, 'A computer program does what you tell it to do, not what you want it to do.'),
                    (6, 'Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen'),
                    (7, 'Any program that runs right is obsolete.'),
                    (8, 'A list is only as strong as its weakest link. — Donald Knuth'),
                    (9, 'Feature: A bug with seniority.'),
                    (10, 'Computers make very fast, very accurate mistakes.'),
                    (11, '<script>alert("This should not be displayed in a browser alert box.");</script>'),
                    (12, 'フレームワークのベンチマーク');
                INSERT INTO world (id, randomnumber)
                SELECT g, (random() * 9999 + 1)::int FROM generate_series(1, 10000) AS g;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fortune");

            migrationBuilder.DropTable(
                name: "world");
        }
    }
}
