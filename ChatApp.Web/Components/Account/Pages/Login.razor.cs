using System.ComponentModel.DataAnnotations;
using ChatApp.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;

namespace ChatApp.Web.Components.Account.Pages;

public sealed partial class Login
{
    private string? errorMessage;
    private EditContext editContext = default!;

    [Inject]
    private SignInManager<ChatUser> SignInManager { get; set; } = default!;

    [Inject]
    private PasswordSignIn PasswordSignIn { get; set; } = default!;

    [Inject]
    private ILogger<Login> Logger { get; set; } = default!;

    [Inject]
    private NavigationManager NavigationManager { get; set; } = default!;

    [Inject]
    private IdentityRedirectManager RedirectManager { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    [SupplyParameterFromQuery(Name = "locked")]
    private bool SignedOutBecauseLocked { get; set; }

    /// <summary>The return address passed on to registration: only one of ours, never a stranger's.</summary>
    private string? LocalReturnUrl => RedirectManager.LocalPathOrNull(ReturnUrl);

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();

        editContext = new EditContext(Input);
        if (SignedOutBecauseLocked)
        {
            errorMessage = "You were signed out: an administrator locked your account.";
        }

        if (HttpMethods.IsGet(HttpContext.Request.Method))
        {
            // Clear the existing external cookie to ensure a clean login process
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        }
    }

    public async Task LoginUser()
    {
        if (!string.IsNullOrEmpty(Input.Passkey?.Error))
        {
            errorMessage = Input.Passkey.Error;
            return;
        }

        if (!string.IsNullOrEmpty(Input.Passkey?.CredentialJson))
        {
            // When performing passkey sign-in, don't perform form validation.
            // A passkey proves who is signing in, so it may be told why the account cannot.
            var passkey = await SignInManager.PasskeySignInAsync(Input.Passkey.CredentialJson);
            if (passkey.Succeeded)
            {
                RedirectManager.RedirectToReturnUrl(ReturnUrl);
            }
            else if (passkey.RequiresTwoFactor)
            {
                RedirectManager.RedirectTo("Account/LoginWith2fa", new() { ["returnUrl"] = LocalReturnUrl, ["rememberMe"] = Input.RememberMe });
            }
            else
            {
                errorMessage = passkey.IsLockedOut ? "This account is locked. Try again later."
                    : passkey.IsNotAllowed ? "This account cannot sign in yet: it has not been confirmed."
                    : "That passkey did not sign you in.";
            }
            return;
        }

        if (!editContext.Validate())
        {
            return;
        }

        var attempt = await PasswordSignIn.SignInAsync(HttpContext, Input.Email, Input.Password, Input.RememberMe);
        switch (attempt.Outcome)
        {
            case SignInOutcome.Succeeded:
                Logger.LogInformation("User logged in.");
                RedirectManager.RedirectToReturnUrl(ReturnUrl);
                break;
            case SignInOutcome.RequiresTwoFactor:
                RedirectManager.RedirectTo(
                    "Account/LoginWith2fa",
                    new() { ["returnUrl"] = LocalReturnUrl, ["rememberMe"] = Input.RememberMe });
                break;
            case SignInOutcome.LockedByAdministrator:
                errorMessage = "This account has been locked by an administrator.";
                break;
            case SignInOutcome.LockedOut:
                errorMessage = "This account is locked out after too many failed sign-ins. Try again later.";
                break;
            case SignInOutcome.NotConfirmed:
                errorMessage = "This account cannot sign in yet: it has not been confirmed.";
                break;
            case SignInOutcome.Throttled:
                HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                var minutes = Math.Max(1, (int)Math.Ceiling((attempt.RetryAfter ?? TimeSpan.Zero).TotalMinutes));
                HttpContext.Response.Headers.RetryAfter = (minutes * 60).ToString();
                errorMessage = $"Too many failed sign-ins for this email from your network. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}, or reset your password. This attempt was not checked.";
                break;
            case SignInOutcome.StorageFailed:
                HttpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                errorMessage = "Sign-in is not possible right now: the server cannot save data at the moment. Please try again later.";
                break;
            default:
                errorMessage = "Wrong email or password.";
                break;
        }
    }

    private sealed class InputModel
    {
        [Required]
        [EmailAddress]
        [StringLength(256)]
        public string Email { get; set; } = "";

        [Required]
        [StringLength(ChatApp.Core.Accounts.PasswordPolicy.MaxLength)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Display(Name = "Remember me?")]
        public bool RememberMe { get; set; }

        public PasskeyInputModel? Passkey { get; set; }
    }
}
