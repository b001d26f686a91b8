using ChatApp.LoadTest.Dom;

namespace ChatApp.E2E.LoadTest;

/// <summary>Tabs applying batches at once keep one copy of each string their pages hold.</summary>
public sealed class SharedStringsTests
{
    [Fact]
    public async Task ManyTabsDecodingTheSameStringsAtOnceAllHoldOneCopy()
    {
        var texts = Enumerable.Range(0, 200).Select(i => $"shared-strings-test mud-list-item {i}").ToArray();
        var held = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            // A fresh copy per tab, as each decodes its own batch.
            texts.Select(t => SharedStrings.Share(new string(t.AsSpan()))).ToArray())));

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(texts[i], held[0][i]);
            Assert.All(held, copy => Assert.Same(held[0][i], copy[i]));
        }
    }

    [Fact]
    public void AVeryLongStringIsNotKeptInThePool()
    {
        var longText = new string('x', 5_000);
        Assert.NotSame(SharedStrings.Share(longText), SharedStrings.Share(new string(longText.AsSpan())));
    }
}
