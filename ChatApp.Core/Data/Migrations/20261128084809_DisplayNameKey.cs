using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatApp.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DisplayNameKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DisplayNameKey",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 96,
                nullable: false,
                defaultValue: "");

            // Exact for ASCII names; ChatSeeder gives the others their full Unicode key at start-up.
            migrationBuilder.Sql("UPDATE AspNetUsers SET DisplayNameKey = upper(DisplayName);");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_DisplayNameKey",
                table: "AspNetUsers",
                column: "DisplayNameKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_DisplayNameKey",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "DisplayNameKey",
                table: "AspNetUsers");
        }
    }
}
