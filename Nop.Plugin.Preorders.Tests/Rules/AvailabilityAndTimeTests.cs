using Nop.Plugin.Preorders.Domain;
using Nop.Plugin.Preorders.Services.Rules;
using NUnit.Framework;

namespace Nop.Plugin.Preorders.Tests.Rules;

[TestFixture]
public class PreorderAvailabilityTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static PreorderProfile Profile(int? cap = 10, DateTime? start = null, DateTime? end = null, string countries = null) => new()
    {
        ProductId = 1, Enabled = true, Cap = cap, WindowStartUtc = start, WindowEndUtc = end, AllowedCountryCodes = countries
    };

    [Test]
    public void Open_window_with_units_left()
    {
        var offer = PreorderAvailability.Evaluate(Profile(10, Now.AddDays(-1), Now.AddDays(2)), 4, Now, "DE");
        Assert.That(offer.State, Is.EqualTo(PreorderOfferState.Open));
        Assert.That(offer.UnitsLeft, Is.EqualTo(6));
        Assert.That(offer.ProgressPercent, Is.EqualTo(40));
        Assert.That(offer.TimeToWindowEnd, Is.EqualTo(TimeSpan.FromDays(2)));
        Assert.That(offer.CanOrder, Is.True);
    }

    [Test]
    public void Every_closed_state()
    {
        Assert.That(PreorderAvailability.Evaluate(Profile(10, Now.AddHours(5)), 0, Now, null).State, Is.EqualTo(PreorderOfferState.NotYetOpen));
        Assert.That(PreorderAvailability.Evaluate(Profile(10, null, Now), 0, Now, null).State, Is.EqualTo(PreorderOfferState.Closed));
        Assert.That(PreorderAvailability.Evaluate(Profile(10), 10, Now, null).State, Is.EqualTo(PreorderOfferState.SoldOut));
        Assert.That(PreorderAvailability.Evaluate(Profile(10, countries: "US,CA"), 0, Now, "de").State, Is.EqualTo(PreorderOfferState.CountryExcluded));
        Assert.That(PreorderAvailability.Evaluate(Profile(10, countries: "US,CA"), 0, Now, "ca").State, Is.EqualTo(PreorderOfferState.Open));
        Assert.That(PreorderAvailability.Evaluate(null, 0, Now, null).State, Is.EqualTo(PreorderOfferState.NotOffered));
        var released = Profile();
        released.ReleasedOnUtc = Now.AddDays(-1);
        Assert.That(PreorderAvailability.Evaluate(released, 0, Now, null).State, Is.EqualTo(PreorderOfferState.NotOffered));
        Assert.That(PreorderAvailability.Evaluate(Profile(null), 1000, Now, null).State, Is.EqualTo(PreorderOfferState.Open));
    }
}

[TestFixture]
public class StoreTimeTests
{
    private static TimeZoneInfo Berlin => TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Test]
    public void A_window_ending_after_the_autumn_change_keeps_its_local_end()
    {
        // window from 24 Oct 10:00 to 26 Oct 10:00 Berlin time; clocks go back on 25 Oct 2026 at 03:00 CEST
        var startUtc = StoreTime.ToUtc(new DateTime(2026, 10, 24, 10, 0, 0), Berlin);
        var endUtc = StoreTime.ToUtc(new DateTime(2026, 10, 26, 10, 0, 0), Berlin);
        Assert.That(startUtc, Is.EqualTo(new DateTime(2026, 10, 24, 8, 0, 0, DateTimeKind.Utc)));
        Assert.That(endUtc, Is.EqualTo(new DateTime(2026, 10, 26, 9, 0, 0, DateTimeKind.Utc)));
        Assert.That(endUtc - startUtc, Is.EqualTo(TimeSpan.FromHours(49)), "the night of the change has 25 hours");

        var profile = new PreorderProfile { Enabled = true, WindowStartUtc = startUtc, WindowEndUtc = endUtc };
        Assert.That(PreorderAvailability.Evaluate(profile, 0, endUtc.AddMinutes(-1), null).State, Is.EqualTo(PreorderOfferState.Open));
        Assert.That(PreorderAvailability.Evaluate(profile, 0, endUtc, null).State, Is.EqualTo(PreorderOfferState.Closed));
        Assert.That(StoreTime.ToLocal(endUtc, Berlin), Is.EqualTo(new DateTime(2026, 10, 26, 10, 0, 0)));
    }

    [Test]
    public void Ambiguous_and_missing_local_times_are_resolved_safely()
    {
        // 02:30 happens twice on 25 Oct 2026: the first (CEST, UTC+2) is taken
        Assert.That(StoreTime.ToUtc(new DateTime(2026, 10, 25, 2, 30, 0), Berlin), Is.EqualTo(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc)));
        // 02:30 does not exist on 29 Mar 2026 (02:00 -> 03:00): the first moment after the gap, 03:00 CEST
        Assert.That(StoreTime.ToUtc(new DateTime(2026, 3, 29, 2, 30, 0), Berlin), Is.EqualTo(new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc)));
    }
}
