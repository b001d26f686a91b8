using ChatApp.Core.Admin;
using ChatApp.Core.Chat;
using ChatApp.Core.People;
using ChatApp.Core.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ChatApp.Core.Data;

public sealed class ChatDbContext(DbContextOptions<ChatDbContext> options)
    : IdentityDbContext<ChatUser, IdentityRole, string>(options)
{
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<ChatMessage> Messages => Set<ChatMessage>();
    public DbSet<RoomMember> RoomMembers => Set<RoomMember>();
    public DbSet<WatchedUser> WatchedUsers => Set<WatchedUser>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfiguration(new UserSessionConfiguration());
        // Case-insensitive display names: SQLite's built-in NOCASE, or an ICU collation on PostgreSQL (its own name
        // for it, so both providers' models say the same thing).
        var caseInsensitive = "NOCASE";
        if (Database.IsNpgsql())
        {
            caseInsensitive = "case_insensitive";
            builder.HasCollation(caseInsensitive, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        }

        builder.Entity<ChatUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(ChatUser.DisplayNameMaxLength).IsRequired();
            // NOCASE so "Alice" and "alice" cannot both exist: people tell each other apart by this name.
            user.Property(u => u.DisplayName).UseCollation(caseInsensitive);
            user.HasIndex(u => u.DisplayName).IsUnique();
            user.Property(u => u.DisplayNameKey).HasMaxLength(ChatUser.DisplayNameMaxLength * 3).IsRequired();
            user.HasIndex(u => u.DisplayNameKey).IsUnique();
            user.Property(u => u.LockReason).HasMaxLength(AccountAdministration.LockReasonMaxLength);
            user.Property(u => u.ChosenStatus).HasConversion<string>().HasMaxLength(16);
        });

        builder.Entity<Room>(room =>
        {
            room.Property(r => r.Name).HasMaxLength(Room.NameMaxLength).IsRequired();
            room.Property(r => r.Slug).HasMaxLength(Room.SlugMaxLength).IsRequired();
            room.Property(r => r.Topic).HasMaxLength(Room.TopicMaxLength).IsRequired();
            room.HasIndex(r => r.Slug).IsUnique();
        });

        builder.Entity<ChatMessage>(message =>
        {
            message.Property(m => m.Text).HasMaxLength(MessageRules.MaxLength).IsRequired();
            message.HasOne(m => m.Room).WithMany().HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
            message.HasOne(m => m.Author).WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Cascade);
            // Paging and numbering go by the room's own sequence; unique, so two sends can never share a number.
            message.HasIndex(m => new { m.RoomId, m.Seq }).IsUnique();
            message.HasIndex(m => new { m.AuthorId, m.ClientMessageId }).IsUnique();
        });

        builder.Entity<AuditEntry>(entry =>
        {
            entry.Property(e => e.Action).HasMaxLength(40).IsRequired();
            entry.Property(e => e.ActorName).HasMaxLength(ChatUser.DisplayNameMaxLength).IsRequired();
            entry.Property(e => e.TargetName).HasMaxLength(200).IsRequired();
            entry.Property(e => e.Details).HasMaxLength(400);
        });

        builder.Entity<WatchedUser>(watch =>
        {
            watch.HasKey(w => new { w.WatcherId, w.WatchedId });
            watch.HasOne<ChatUser>().WithMany().HasForeignKey(w => w.WatcherId).OnDelete(DeleteBehavior.Cascade);
            watch.HasOne<ChatUser>().WithMany().HasForeignKey(w => w.WatchedId).OnDelete(DeleteBehavior.Cascade);
            watch.HasIndex(w => w.WatchedId);
        });

        builder.Entity<RoomMember>(member =>
        {
            member.HasKey(m => new { m.RoomId, m.UserId });
            member.HasOne(m => m.Room).WithMany().HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
            member.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
