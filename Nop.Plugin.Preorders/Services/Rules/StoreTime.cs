namespace Nop.Plugin.Preorders.Services.Rules;

/// <summary>
/// Store-local wall-clock time to UTC and back. Everything is stored in UTC; merchants type and see the
/// store's time zone. Around daylight-saving changes: a local time that does not exist (clocks jump
/// forward) means the first moment after the gap; a local time that happens twice (clocks fall back)
/// means its first occurrence, so a window never ends later than the merchant could have meant.
/// </summary>
public static class StoreTime
{
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

        if (zone.IsInvalidTime(local))
        {
            // skip forward minute by minute to the end of the gap (gaps are at most a few hours)
            var probe = local;
            while (zone.IsInvalidTime(probe))
                probe = probe.AddMinutes(1);
            return TimeZoneInfo.ConvertTimeToUtc(new DateTime(probe.Year, probe.Month, probe.Day, probe.Hour, probe.Minute, 0), zone);
        }

        if (zone.IsAmbiguousTime(local))
        {
            // first occurrence = the larger (daylight) offset
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
}
