import Foundation

/// ISO 8601 timestamps as Switchyard writes and reads them on the wire: UTC, with an offset, optional fractional seconds.
public enum ISO8601 {
    /// `2026-11-22T10:15:30.123Z`, rounded to the nearest millisecond (the formatter itself truncates).
    public static func string(from date: Date) -> String {
        date.addingTimeInterval(0.0005).formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true).timeSeparator(.colon).timeZone(
                separator: .omitted))
    }

    /// Accepts timestamps with or without fractional seconds and with `Z` or a numeric offset.
    public static func date(from text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)) {
            return date
        }
        if let date = try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted)) {
            return date
        }
        return nil
    }
}
