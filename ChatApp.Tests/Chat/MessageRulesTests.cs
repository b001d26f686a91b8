using ChatApp.Core.Chat;

namespace ChatApp.Tests.Chat;

public sealed class MessageRulesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t \r\n")]
    [InlineData(null)]
    [InlineData("\u200B\u200B")]
    [InlineData(" \u202E\u0007 ")]
    [InlineData("\u3164\u3164")]
    public void BlankMessageIsRefusedAsEmpty(string? text)
    {
        var (normalized, error) = MessageRules.Normalize(text, MessageRules.MaxLength);

        Assert.Null(normalized);
        Assert.Equal(ChatErrorKind.Empty, error?.Kind);
    }

    [Fact]
    public void MessageIsTrimmedButKeepsInnerLines()
    {
        var (normalized, error) = MessageRules.Normalize("  hello\nworld  \n", MessageRules.MaxLength);

        Assert.Null(error);
        Assert.Equal("hello\nworld", normalized);
    }

    [Fact]
    public void MessageOfExactlyTheLimitIsAccepted()
    {
        var (normalized, error) = MessageRules.Normalize(new string('a', 4000), 4000);

        Assert.Null(error);
        Assert.Equal(4000, normalized!.Length);
    }

    [Fact]
    public void MessageOverTheLimitIsRefusedWithItsLength()
    {
        var (normalized, error) = MessageRules.Normalize(new string('a', 4001), 4000);

        Assert.Null(normalized);
        Assert.Equal(ChatErrorKind.TooLong, error!.Kind);
        Assert.Contains("4,001", error.Message);
    }

    [Fact]
    public void SurroundingWhitespaceDoesNotCountTowardsTheLimit()
    {
        var (normalized, error) = MessageRules.Normalize("   " + new string('a', 4000) + "   ", 4000);

        Assert.Null(error);
        Assert.NotNull(normalized);
    }

    [Fact]
    public void EmojiJoinedWithZeroWidthJoinersAreAMessage()
    {
        var family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";

        var (text, error) = MessageRules.Normalize(family, MessageRules.MaxLength);

        Assert.Null(error);
        Assert.Equal(family, text);
    }
}
