import Foundation
import Kernel

/// One row of `POST /api/v1/shipments` as the client wrote it, read before its order and carrier are looked up. The
/// messages follow seed `001_…`'s wording ("Tracking number can't be blank").
struct ShipmentRequest: Sendable, Equatable {
    let remoteOrderID: Int64?
    let channel: String?
    let externalOrderID: String?
    let carrier: String
    let service: String?
    let trackingNumber: String
    let shippedAt: Date?

    /// Longer text than this is no carrier's tracking number or service name.
    static let maxTextLength = 255
    /// The most shipments one request may hold.
    static let maxRows = 500

    /// The request a row holds, or what is wrong with it.
    static func read(_ row: JSONValue) -> Result<ShipmentRequest, RowProblems> {
        guard case .object = row else { return .failure(RowProblems(["Shipment must be an object"])) }
        var problems: [String] = []
        var mistyped: Set<String> = []
        func text(_ key: String, _ label: String) -> String? {
            guard let value = row[key], value != .null else { return nil }
            let written: String? =
                switch value {
                case .string(let text), .number(let text): text
                default: nil
                }
            guard let text = written else {
                problems.append("\(label) must be a string")
                mistyped.insert(key)
                return nil
            }
            switch Self.cleaned(text, label: label) {
            case .success(let value): return value
            case .failure(let refused):
                problems += refused.messages
                mistyped.insert(key)
                return nil
            }
        }
        func required(_ value: String?, _ key: String, _ label: String, _ condition: String = "") {
            if value == nil, !mistyped.contains(key) { problems.append("\(label) can't be blank\(condition)") }
        }
        let remoteOrderID = Self.remoteOrderID(row["remote_order_id"], problems: &problems)
        let channel = text("channel", "Channel")
        let externalOrderID = text("external_order_id", "External order id")
        let carrier = text("carrier", "Carrier")
        let service = text("service", "Service")
        let trackingNumber = text("tracking_number", "Tracking number")
        let shippedAt = Self.shipDate(row["ship_date"], problems: &problems)
        required(trackingNumber, "tracking_number", "Tracking number")
        required(carrier, "carrier", "Carrier")
        if (row["remote_order_id"] ?? .null) == .null {
            required(channel, "channel", "Channel", " when remote_order_id is not given")
            required(externalOrderID, "external_order_id", "External order id", " when remote_order_id is not given")
        }
        guard problems.isEmpty, let carrier, let trackingNumber else { return .failure(RowProblems(problems)) }
        return .success(
            ShipmentRequest(
                remoteOrderID: remoteOrderID, channel: channel?.lowercased(), externalOrderID: externalOrderID, carrier: carrier, service: service,
                trackingNumber: trackingNumber, shippedAt: shippedAt))
    }

    /// A text field as it is stored: trimmed, `nil` when nothing is left; refused with a control character (PostgreSQL
    /// text cannot hold NUL) or beyond `maxTextLength` characters, the problem named by `label`.
    static func cleaned(_ text: String, label: String) -> Result<String?, RowProblems> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.containsControlCharacter {
            return .failure(RowProblems(["\(label) may not contain control characters"]))
        }
        if trimmed.count > Self.maxTextLength {
            return .failure(RowProblems(["\(label) is too long (maximum is \(Self.maxTextLength) characters)"]))
        }
        return .success(trimmed.isEmpty ? nil : trimmed)
    }

    /// A positive whole number, also written as a string.
    private static func remoteOrderID(_ value: JSONValue?, problems: inout [String]) -> Int64? {
        guard let value, value != .null else { return nil }
        guard let text = value.text, value.decimal != nil, let id = Int64(text), id > 0 else {
            problems.append("Remote order id must be a positive integer")
            return nil
        }
        return id
    }

    private static func shipDate(_ value: JSONValue?, problems: inout [String]) -> Date? {
        guard let value, value != .null else { return nil }
        guard case .string(let text) = value, let date = ISO8601.date(from: text) else {
            problems.append("Ship date must be an ISO 8601 date and time")
            return nil
        }
        return date
    }
}

/// What is wrong with one row of a batch.
struct RowProblems: Error, Equatable {
    let messages: [String]

    init(_ messages: [String]) {
        self.messages = messages
    }
}
