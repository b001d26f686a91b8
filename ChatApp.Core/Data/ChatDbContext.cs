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
    public DbSet<MessageMention> MessageMentions => Set<MessageMention>();
    public DbSet<ReadPosition> ReadPositions => Set<ReadPosition>();

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
            room.Property(r => r.DirectKey).HasMaxLength(200);
            room.HasIndex(r => r.DirectKey).IsUnique();
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

        builder.Entity<MessageMention>(mention =>
        {
            mention.HasKey(m => new { m.MessageId, m.UserId });
            mention.HasOne(m => m.Message).WithMany(m => m.Mentions).HasForeignKey(m => m.MessageId).OnDelete(DeleteBehavior.Cascade);
            mention.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            // A person's unread mentions in a room: one range of this index.
            mention.HasIndex(m => new { m.UserId, m.RoomId, m.Seq });
        });

        builder.Entity<ReadPosition>(read =>
        {
            read.HasKey(r => new { r.UserId, r.RoomId });
            read.HasOne(r => r.User).WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            read.HasOne(r => r.Room).WithMany().HasForeignKey(r => r.RoomId).OnDelete(DeleteBehavior.Cascade);
            read.HasIndex(r => r.RoomId);
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
