using System.Text;
using ChatApp.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApp.Tests.Integration.Sessions;

/// <summary>What a copy of the database gives away about signed-in devices: nothing that signs anyone in.</summary>
public sealed class TicketAtRestTests : SessionIntegrationTest
{
    [Fact]
    public async Task AStoredSessionNeitherReadsAsATicketNorNamesItsPerson()
    {
        await SignedInAsync();

        var row = Assert.Single(await RowsAsync());

        Assert.DoesNotContain(AliceEmail, Encoding.UTF8.GetString(row.Ticket), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(row.UserId, Encoding.UTF8.GetString(row.Ticket), StringComparison.OrdinalIgnoreCase);
        Assert.ThrowsAny<Exception>(() => TicketSerializer.Default.Deserialize(row.Ticket) ?? throw new FormatException("No ticket."));
    }

    [Fact]
    public async Task ASessionStoredInTheClearBeforeTheChangeIsSignedOutNotACrash()
    {
        var laptop = await SignedInAsync();
        var row = Assert.Single(await RowsAsync());
        // What the store wrote before tickets were protected: the same ticket, serialized as is.
        var clear = TicketSerializer.Default.Serialize(new AuthenticationTicket(
            new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, row.UserId)], "Identity.Application")),
            "Identity.Application"));
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync())
        {
            await db.UserSessions.Where(s => s.Key == row.Key).ExecuteUpdateAsync(set => set.SetProperty(s => s.Ticket, clear));
        }

        Assert.False(await laptop.IsSignedInAsync());
        Assert.Empty(await RowsAsync());
        await laptop.SignInAsync(AliceEmail, Password);
    }

    private async Task<List<ChatApp.Core.Sessions.UserSession>> RowsAsync()
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        return await db.UserSessions.AsNoTracking().ToListAsync();
    }
}
