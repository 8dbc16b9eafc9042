import Foundation

/// Dates and times in the forms CP prints them.
public enum CPClock {
    /// `hh:mm:ss zzz weekday mm/dd/yy`, as in `LOGON AT 14:03:22 UTC SUNDAY 11/22/26`.
    public static func stamp(_ date: Date = Date(), zone: TimeZone = .current) -> String {
        let c = components(date, zone)
        let weekday = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"][c.weekday! - 1]
        return "\(time(date, zone: zone)) \(zoneName(zone, date)) \(weekday) \(dateText(date, zone: zone))"
    }

    /// `hh:mm:ss`.
    static func time(_ date: Date = Date(), zone: TimeZone = .current) -> String {
        let c = components(date, zone)
        return two(c.hour!) + ":" + two(c.minute!) + ":" + two(c.second!)
    }

    /// `mm/dd/yy`.
    static func dateText(_ date: Date = Date(), zone: TimeZone = .current) -> String {
        let c = components(date, zone)
        return two(c.month!) + "/" + two(c.day!) + "/" + two(c.year! % 100)
    }

    static func zoneName(_ zone: TimeZone, _ date: Date) -> String {
        let name = zone.abbreviation(for: date) ?? "UTC"
        return name.hasPrefix("GMT") && name.count > 3 ? "UTC" : (name == "GMT" ? "UTC" : name)
    }

    /// `hh:mm:ss` for a duration in seconds (hours may exceed 24).
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds)
        return two(s / 3600) + ":" + two(s / 60 % 60) + ":" + two(s % 60)
    }

    /// `mmm:ss.hh` for CPU time.
    static func cpuTime(_ seconds: Double) -> String {
        let hundredths = Int((seconds * 100).rounded(.down))
        let minutes = hundredths / 6000
        let rest = hundredths % 6000
        return String(repeating: "0", count: max(0, 3 - String(minutes).count)) + String(minutes)
            + ":" + two(rest / 100) + "." + two(rest % 100)
    }

    private static func components(_ date: Date, _ zone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
