using System.Security.Claims;
using ChatApp.Core.Data;
using ChatApp.Web.Components.Pages.Rooms;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Rendering;

namespace ChatApp.Benchmarks.FanOut;

/// <summary>What the app's router and layout give a room page: the signed-in user, then the page itself.</summary>
internal sealed class TabRoot : ComponentBase
{
    [Parameter]
    public ChatUser User { get; set; } = default!;

    [Parameter]
    public string Slug { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, User.Id),
                new Claim(ClaimTypes.Name, User.UserName!),
                new Claim(ChatClaimsPrincipalFactory.DisplayNameClaim, User.DisplayName),
            ],
            "harness");
        builder.OpenComponent<CascadingValue<Task<AuthenticationState>>>(0);
        builder.AddComponentParameter(1, "Value", Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity))));
        builder.AddComponentParameter(2, "ChildContent", (RenderFragment)(page =>
        {
            page.OpenComponent<RoomPage>(0);
            page.AddComponentParameter(1, nameof(RoomPage.Slug), Slug);
            page.CloseComponent();
        }));
        builder.CloseComponent();
    }
}
