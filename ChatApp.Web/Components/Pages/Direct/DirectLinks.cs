namespace ChatApp.Web.Components.Pages.Direct;

/// <summary>Addresses of direct conversations, for links anywhere (a person's row, the online list).</summary>
public static class DirectLinks
{
    /// <summary>Starts, or opens, the conversation with this user (see DirectStartPage); relative to the base address.</summary>
    public static string Start(string userId) => "dm/" + Uri.EscapeDataString(userId);
}
