using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatApp.Core.Data.Migrations
{
    /// <summary>
    /// Display-name keys now fold look-alike letters (UTS #39 confusables), which SQL cannot compute: every key is
    /// marked pending ('@' and the user id: unique, and never a real key, since names cannot contain '@'), and
    /// ChatSeeder computes the real ones at start-up, logging look-alike names it finds instead of failing.
    /// </summary>
    public partial class ConfusableNameKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"DisplayNameKey\" = '@' || \"Id\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The earlier seeder completes keys that differ from upper(DisplayName); this marker is one of those.
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"DisplayNameKey\" = '@' || \"Id\";");
        }
    }
}
