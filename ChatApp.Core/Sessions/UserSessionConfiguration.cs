using ChatApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ChatApp.Core.Sessions;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> session)
    {
        session.HasKey(s => s.Key);
        session.Property(s => s.Key).HasMaxLength(UserSession.KeyMaxLength);
        session.Property(s => s.Fingerprint).HasMaxLength(64).IsRequired();
        session.Property(s => s.Browser).HasMaxLength(UserSession.BrowserMaxLength).IsRequired();
        session.Property(s => s.Address).HasMaxLength(UserSession.AddressMaxLength);
        // SQLite cannot compare DateTimeOffset text in queries; as UTC ticks the clean-up can ask "expired before now".
        session.Property(s => s.CreatedAt).HasConversion<DateTimeOffsetToBinaryConverter>();
        session.Property(s => s.LastActivityAt).HasConversion<DateTimeOffsetToBinaryConverter>();
        session.Property(s => s.ExpiresAt).HasConversion<DateTimeOffsetToBinaryConverter>();
        session.HasOne<ChatUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        session.HasIndex(s => s.UserId);
        session.HasIndex(s => s.ExpiresAt);
    }
}
