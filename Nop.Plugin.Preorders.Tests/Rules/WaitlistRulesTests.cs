using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Rules;

/// <summary>The waitlist's window states, who may join and when the launch goes out, first access, addresses and the signed links.</summary>
[TestFixture]
public class WaitlistRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private static PreorderProfile Profile(bool enabled = true, int? startHours = 24, int? endHours = null, bool released = false) => new()
    {
        Enabled = enabled,
        WindowStartUtc = startHours is int s ? Now.AddHours(s) : null,
        WindowEndUtc = endHours is int e ? Now.AddHours(e) : null,
        ReleasedOnUtc = released ? Now.AddDays(-1) : null
    };

    [TestCase(true, 24, null, false, WaitlistWindowState.ComingSoon)]
    [TestCase(true, 0, null, false, WaitlistWindowState.Open, TestName = "Opening this very moment is open")]
    [TestCase(true, -1, 48, false, WaitlistWindowState.Open)]
    [TestCase(true, -48, -1, false, WaitlistWindowState.Closed)]
    [TestCase(true, -48, 0, false, WaitlistWindowState.Closed, TestName = "A window ending this moment is closed")]
    [TestCase(true, null, null, false, WaitlistWindowState.None, TestName = "No opening date: no waitlist")]
    [TestCase(false, 24, null, false, WaitlistWindowState.None, TestName = "Disabled pre-order: no waitlist")]
    [TestCase(true, 24, null, true, WaitlistWindowState.None, TestName = "Released product: no waitlist")]
    public void The_window_state(bool enabled, int? startHours, int? endHours, bool released, WaitlistWindowState expected) =>
        Assert.That(WaitlistRules.StateOf(Profile(enabled, startHours, endHours, released), Now), Is.EqualTo(expected));

    [Test]
    public void No_profile_has_no_waitlist() => Assert.That(WaitlistRules.StateOf(null, Now), Is.EqualTo(WaitlistWindowState.None));

    [TestCase(WaitlistWindowState.ComingSoon, true)]
    [TestCase(WaitlistWindowState.Open, false)]
    [TestCase(WaitlistWindowState.Closed, false)]
    [TestCase(WaitlistWindowState.None, false)]
    public void Shoppers_join_only_while_the_window_opens_later(WaitlistWindowState state, bool expected) =>
        Assert.That(WaitlistRules.CanJoin(state), Is.EqualTo(expected));

    [TestCase(true, WaitlistWindowState.Open, true)]
    [TestCase(false, WaitlistWindowState.Open, false)]
    [TestCase(true, WaitlistWindowState.ComingSoon, false)]
    [TestCase(true, WaitlistWindowState.Closed, false)]
    [TestCase(true, WaitlistWindowState.None, false)]
    public void The_launch_e_mail_goes_to_confirmed_rows_of_an_open_window(bool confirmed, WaitlistWindowState state, bool expected) =>
        Assert.That(WaitlistRules.ShouldSendLaunch(confirmed, state), Is.EqualTo(expected));

    // hours after the opening at which the check happens, first-access hours, member?, may pre-order?
    [TestCase(-1, 12, false, true, TestName = "Before the opening the first-access rule does not apply (the window rule refuses)")]
    [TestCase(0, 12, false, false, TestName = "At the opening a non-member is refused")]
    [TestCase(0, 12, true, true, TestName = "At the opening a member may")]
    [TestCase(11, 12, false, false)]
    [TestCase(12, 12, false, true, TestName = "When the hours are over everyone may")]
    [TestCase(30, 12, false, true)]
    [TestCase(0, 0, false, true, TestName = "No first access: everyone may")]
    public void First_access(int hoursAfterOpening, int firstAccessHours, bool member, bool expected)
    {
        var start = Now;
        Assert.That(WaitlistRules.MayPreorder(start, firstAccessHours, start.AddHours(hoursAfterOpening), member), Is.EqualTo(expected));
    }

    [Test]
    public void First_access_needs_an_opening_date()
    {
        Assert.That(WaitlistRules.InFirstAccess(null, 24, Now), Is.False);
        Assert.That(WaitlistRules.FirstAccessEndsUtc(null, 24), Is.Null);
        Assert.That(WaitlistRules.FirstAccessEndsUtc(Now, 0), Is.Null);
        Assert.That(WaitlistRules.FirstAccessEndsUtc(Now, 6), Is.EqualTo(Now.AddHours(6)));
    }

    [TestCase(-1, false)]
    [TestCase(0, true)]
    [TestCase(48, true)]
    [TestCase(WaitlistRules.MaxFirstAccessHours, true)]
    [TestCase(WaitlistRules.MaxFirstAccessHours + 1, false)]
    public void First_access_hours_range(int hours, bool valid) => Assert.That(WaitlistRules.IsValidFirstAccessHours(hours), Is.EqualTo(valid));

    [TestCase("ann@example.com", true)]
    [TestCase("  Ann@Example.COM ", true)]
    [TestCase("ann@example", false)]
    [TestCase("ann.example.com", false)]
    [TestCase("a@b@example.com", false)]
    [TestCase("@example.com", false)]
    [TestCase("ann@", false)]
    [TestCase("an n@example.com", false)]
    [TestCase("ann@.example.com", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void Addresses(string email, bool valid) => Assert.That(WaitlistRules.IsValidEmail(email), Is.EqualTo(valid));

    [Test]
    public void An_address_is_compared_trimmed_and_lower_case()
    {
        Assert.That(WaitlistRules.NormalizeEmail("  Ann@Example.COM "), Is.EqualTo("ann@example.com"));
        Assert.That(WaitlistRules.NormalizeEmail("   "), Is.Null);
        Assert.That(WaitlistRules.IsValidEmail(new string('a', 250) + "@x.io"), Is.False, "too long");
    }

    [Test]
    public void A_signed_link_verifies_only_for_its_row_purpose_address_and_key()
    {
        var secret = WaitlistRules.NewLinkSecret();
        var signature = WaitlistRules.Sign(secret, "confirm", 7, "ann@example.com");

        Assert.That(WaitlistRules.Verify(secret, "confirm", 7, "ANN@example.com ", signature), Is.True, "the address as normalized");
        Assert.That(WaitlistRules.Verify(secret, "leave", 7, "ann@example.com", signature), Is.False, "another purpose");
        Assert.That(WaitlistRules.Verify(secret, "confirm", 8, "ann@example.com", signature), Is.False, "another row");
        Assert.That(WaitlistRules.Verify(secret, "confirm", 7, "bob@example.com", signature), Is.False, "another address");
        Assert.That(WaitlistRules.Verify(WaitlistRules.NewLinkSecret(), "confirm", 7, "ann@example.com", signature), Is.False, "another row's key");
        Assert.That(WaitlistRules.Verify(secret, "confirm", 7, "ann@example.com", signature[..^1] + (signature[^1] == 'A' ? 'B' : 'A')), Is.False, "tampered");
        Assert.That(WaitlistRules.Verify(secret, "confirm", 7, "ann@example.com", null), Is.False);
        Assert.That(WaitlistRules.Verify(null, "confirm", 7, "ann@example.com", signature), Is.False);
        Assert.That(signature.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'), Is.True, "URL-safe");
    }
}
