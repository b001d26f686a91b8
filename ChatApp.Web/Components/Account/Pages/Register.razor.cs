using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text;
using ChatApp.Core.Accounts;
using ChatApp.Core.Data;
using ChatApp.Web.Email;
using ChatApp.Web.RateLimiting;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatApp.Web.Components.Account.Pages;

public sealed partial class Register
{
    /// <summary>Identity's answers that would tell a stranger the address already has an account.</summary>
    private static readonly HashSet<string> TakenAddressCodes = ["DuplicateUserName", "DuplicateEmail"];

    private string? problem;

    [Inject] private UserManager<ChatUser> UserManager { get; set; } = default!;
    [Inject] private IUserStore<ChatUser> UserStore { get; set; } = default!;
    [Inject] private SignInManager<ChatUser> SignInManager { get; set; } = default!;
    [Inject] private IEmailSender<ChatUser> EmailSender { get; set; } = default!;
    [Inject] private IOptions<EmailOptions> EmailSettings { get; set; } = default!;
    [Inject] private ILogger<Register> Logger { get; set; } = default!;
    [Inject] private NavigationManager NavigationManager { get; set; } = default!;
    [Inject] private EmailLinks Links { get; set; } = default!;
    [Inject] private IdentityRedirectManager RedirectManager { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    private string? Message => problem is null ? null : $"Error: {problem}";

    protected override void OnInitialized()
    {
        Input ??= new();
    }

    public async Task RegisterUser(EditContext editContext)
    {
        var user = new ChatUser { DisplayName = Input.DisplayName.Trim() };
        await UserStore.SetUserNameAsync(user, Input.Email, CancellationToken.None);
        await ((IUserEmailStore<ChatUser>)UserStore).SetEmailAsync(user, Input.Email, CancellationToken.None);
        try
        {
            var result = await UserManager.CreateAsync(user, Input.Password);
            // Identity checks the password before the address, so a weak password gets the same answer either way.
            var errors = result.Errors.Where(error => !TakenAddressCodes.Contains(error.Code)).ToList();
            if (errors.Count > 0)
            {
                problem = string.Join(" ", errors.Select(error => error.Description));
                return;
            }
            if (!result.Succeeded)
            {
                await AnswerForTakenAddressAsync();
                return;
            }

            Logger.LogInformation("User created a new account with password.");
            if (UserManager.Options.SignIn.RequireConfirmedAccount)
            {
                var code = await UserManager.GenerateEmailConfirmationTokenAsync(user);
                code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(code));
                var callbackUrl = Links.To("Account/ConfirmEmail", new Dictionary<string, object?> { ["userId"] = user.Id, ["code"] = code, ["returnUrl"] = RedirectManager.LocalPathOrNull(ReturnUrl) });
                await EmailSender.SendConfirmationLinkAsync(user, Input.Email, HtmlEncoder.Default.Encode(callbackUrl));
                RedirectToConfirmation();
            }
            else
            {
                await SignInManager.SignInAsync(user, isPersistent: false);
                RedirectManager.RedirectToReturnUrl(ReturnUrl);
            }
        }
        catch (Exception ex) when (ex is DbUpdateException or DbException)
        {
            Logger.RegistrationStorageFailed(ex, ClientAddress.Key(HttpContext));
            HttpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            problem = "Your account could not be created right now: the server cannot save data at the moment. Please try again later.";
        }
    }

    /// <summary>
    /// Someone registered an address that has an account. Where new accounts wait for confirmation the answer is the
    /// same page as for a new account; otherwise a message that does not say why. Either way, with email set up, the
    /// owner gets a password-reset link (likely what they need if it was them) and nobody else learns a thing.
    /// </summary>
    private async Task AnswerForTakenAddressAsync()
    {
        var owner = await UserManager.FindByEmailAsync(Input.Email);
        if (owner is not null)
        {
            Logger.RegistrationOfTakenAddress(owner.Id, ClientAddress.Key(HttpContext));
            if (EmailSettings.Value.IsConfigured)
            {
                var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await UserManager.GeneratePasswordResetTokenAsync(owner)));
                var resetUrl = Links.To("Account/ResetPassword", new Dictionary<string, object?> { ["code"] = code });
                await EmailSender.SendPasswordResetLinkAsync(owner, owner.Email ?? Input.Email, HtmlEncoder.Default.Encode(resetUrl));
            }
        }

        if (UserManager.Options.SignIn.RequireConfirmedAccount)
        {
            RedirectToConfirmation();
            return;
        }
        problem = "No account was created with these details. If you already have an account, sign in"
            + (EmailSettings.Value.IsConfigured ? " or reset your password; if this address has an account, its owner has been sent an email." : ".");
    }

    private void RedirectToConfirmation() => RedirectManager.RedirectTo(
        "Account/RegisterConfirmation",
        new() { ["email"] = Input.Email, ["returnUrl"] = RedirectManager.LocalPathOrNull(ReturnUrl) });

    private sealed class InputModel
    {
        [Required]
        [EmailAddress]
        [StringLength(256)]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required]
        [StringLength(ChatUser.DisplayNameMaxLength, MinimumLength = ChatUser.DisplayNameMinLength,
            ErrorMessage = "The {0} must be {2} to {1} characters long.")]
        [Display(Name = "Display name")]
        public string DisplayName { get; set; } = "";

        // The minimum and every other rule come from the password policy (Identity), so that one message says it.
        [Required]
        [StringLength(PasswordPolicy.MaxLength, ErrorMessage = "The {0} can be at most {1} characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [DataType(DataType.Password)]
        [Display(Name = "Confirm password")]
        [Compare("Password", ErrorMessage = "The password and confirmation password do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
