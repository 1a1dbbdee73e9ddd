using Microsoft.EntityFrameworkCore.Migrations;

namespace NetworkPlatform.Domain.Migrations;

/// <summary>
/// The first migration made by `dotnet ef migrations add` (ADR 0010): it brings the model snapshot and changes nothing.
/// Without a snapshot to compare with, the tool wrote the whole model into Up; the hand-written migrations before it
/// had made all of that already (SchemaDriftTests), so Up and Down were emptied. BaselineMigrationTests applies it to a
/// database at the previous migration and finds the schema unchanged.
/// </summary>
public partial class Baseline : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}
