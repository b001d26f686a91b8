using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components.RenderTree;

namespace ChatApp.Tests.Components;

/// <summary>
/// What a tab's renderer holds for one component: its current frames (the previous render keeps as many again).
/// Read through the framework's protected accessor, as a test of what each open tab keeps in server memory.
/// </summary>
internal static class RenderBuffers
{
#pragma warning disable BL0006 // RenderTree types: read here only to count what a tab keeps.
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "GetCurrentRenderTreeFrames")]
    private static extern ArrayRange<RenderTreeFrame> CurrentFrames(Renderer renderer, int componentId);

    public static int FrameCount(Renderer renderer, int componentId) => CurrentFrames(renderer, componentId).Count;
#pragma warning restore BL0006
}
