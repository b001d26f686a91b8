using ChatApp.Core.Presence;

namespace ChatApp.Web.Circuits;

/// <summary>The signed-in user of this circuit and the connection id presence knows the circuit by.</summary>
public sealed record CircuitUser(string ConnectionId, string UserId, string DisplayName)
{
    public PresenceInfo Info => new(DisplayName, AvatarColors.For(UserId));
}
