using ChatApp.Core.Accounts;

namespace ChatApp.Tests.Accounts;

public sealed class PasswordPolicyTests
{
    private static IEnumerable<string> Codes(string password, string email = "wendy@example.test", string displayName = "Wendy Smith") =>
        PasswordPolicy.Check(password, email, displayName).Select(error => error.Code);

    [Fact]
    public void APassphraseWithoutDigitsCapitalsOrSymbolsIsAccepted() =>
        Assert.Empty(Codes("correct horse battery staple"));

    [Theory]
    [InlineData("1234567890")]
    [InlineData("QWERTYUIOP")]
    [InlineData("BasketBall")]
    public void CommonPasswordsAreRefusedWhateverTheirCase(string password) =>
        Assert.Equal(["PasswordTooCommon"], Codes(password));

    [Fact]
    public void TheListHoldsThousandsOfPasswordsAndNotItsCommentLines()
    {
        Assert.InRange(CommonPasswords.Count, 9_000, 10_000);
        Assert.True(CommonPasswords.Contains("password"));
        Assert.False(CommonPasswords.Contains("# The 10,000 most common passwords, most common first, one a line, compared ignoring case."));
    }

    [Theory]
    [InlineData("wendy")]
    [InlineData("my-WENDY-password")]
    public void PasswordsContainingTheEmailNameAreRefused(string password) =>
        Assert.Contains("PasswordContainsEmail", Codes(password));

    [Theory]
    [InlineData("Wendy Smith rocks!")]
    [InlineData("i am wendy smith")]
    public void PasswordsContainingTheDisplayNameAreRefused(string password) =>
        Assert.Contains("PasswordContainsDisplayName", Codes(password, email: "ws@example.test"));

    [Fact]
    public void VeryShortEmailNamesAndDisplayNamesDoNotRefuseEverything() =>
        Assert.Empty(Codes("always alright, alas", email: "al@example.test", displayName: "Al"));

    [Fact]
    public void UpTo256CharactersAreAcceptedAndNoMore()
    {
        Assert.Empty(Codes(new string('x', 255) + "y"));
        Assert.Equal(["PasswordTooLong"], Codes(new string('x', 256) + "y"));
    }

    [Fact]
    public void EveryRefusalSaysWhyInWords()
    {
        var errors = PasswordPolicy.Check("wendy", "wendy@example.test", "wendy");

        Assert.All(errors, error => Assert.True(error.Description.Length > 20, error.Description));
    }
}
