using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatApp.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class MessageRoomSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Seq",
                table: "Messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Existing messages are numbered 1, 2, 3, ... per room in the order they were stored (the global key's
            // order), while the (RoomId, Id) index still exists to make the count cheap.
            migrationBuilder.Sql(
                """
                UPDATE "Messages" SET "Seq" = (
                    SELECT COUNT(*) FROM "Messages" AS "Earlier"
                    WHERE "Earlier"."RoomId" = "Messages"."RoomId" AND "Earlier"."Id" <= "Messages"."Id");
                """);

            migrationBuilder.DropIndex(
                name: "IX_Messages_RoomId_Id",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_RoomId_Seq",
                table: "Messages",
                columns: new[] { "RoomId", "Seq" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_RoomId_Seq",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "Seq",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_RoomId_Id",
                table: "Messages",
                columns: new[] { "RoomId", "Id" });
        }
    }
}
