using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChatApp.Core.Data;

public static class ExclusiveTransactions
{
    // Any constants: the app's advisory locks are named by these numbers ("ChatApp"; "Room" and the room's id).
    private const long WriterLock = 0x43_68_61_74_41_70_70;
    private const int RoomLocks = 0x52_6F_6F_6D;

    /// <summary>
    /// A transaction that runs alone among those that ask for one, for checks that span rows (the last
    /// administrator, a seeded account). SQLite's transactions already start with its one write lock (BEGIN
    /// IMMEDIATE); PostgreSQL runs writers side by side, so there an advisory lock held until the end gives the same.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginExclusiveTransactionAsync(this DatabaseFacade database, CancellationToken ct)
    {
        var transaction = await database.BeginTransactionAsync(ct);
        if (database.IsNpgsql())
        {
            await database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({WriterLock})", ct);
        }
        return transaction;
    }

    /// <summary>
    /// A transaction that writes to one room alone among those that ask for it: the next message number is read and
    /// used in one step. SQLite's write lock already gives that; on PostgreSQL two senders would both read the same
    /// highest number, and under a burst the losers of the unique index would retry again and again.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginRoomWriteTransactionAsync(this DatabaseFacade database, int roomId, CancellationToken ct)
    {
        var transaction = await database.BeginTransactionAsync(ct);
        if (database.IsNpgsql())
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RoomLocks}, {roomId})", ct);
        }
        return transaction;
    }
}
