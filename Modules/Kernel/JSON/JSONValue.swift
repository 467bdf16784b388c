import Foundation
import Kernel

/// A JSON document as received: object keys keep their order and numbers keep their text, so a provider's record can be
/// stored and re-sent without drift (`Decimal` money stays exact, 64-bit ids stay whole).
public indirect enum JSONValue: Sendable, Equatable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    /// The number as written, e.g. `"62.6793"` or `"1.569521782042E9"`.
    case number(String)
    case bool(Bool)
    case null

    public static func == (left: JSONValue, right: JSONValue) -> Bool {
        switch (left, right) {
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    public static func number(_ value: Int) -> JSONValue { .number(String(value)) }
    public static func number(_ value: Decimal) -> JSONValue { .number("\(value)") }

    /// The member named `key` of an object (the first, when a key repeats); `nil` for anything else.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The value at a path of keys, e.g. `json["payload", "Orders"]`.
    public subscript(path: String...) -> JSONValue? {
        path.reduce(Optional(self)) { value, key in value?[key] }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// Strings as they are, numbers and booleans as their text; `nil` for null, objects and arrays.
    public var text: String? {
        switch self {
        case .string(let value): value
        case .number(let value): value
        case .bool(let value): value ? "true" : "false"
        default: nil
        }
    }

    /// Text that is not empty (providers send `""` for unset dates and ids).
    public var nonEmptyText: String? {
        guard let text = self.text, !text.isEmpty else { return nil }
        return text
    }

    public var decimal: Decimal? { self.text.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) } }
    public var int: Int? { self.text.flatMap { Int($0) ?? Double($0).flatMap { $0.isFinite ? Int(exactly: $0) : nil } } }

    /// A copy with the member `key` set (replaced in place, or appended).
    public func setting(_ key: String, to value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append((key, value))
        }
        return .object(members)
    }

    /// A copy without the members named in `keys`.
    public func removing(_ keys: Set<String>) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { !keys.contains($0.key) })
    }

    /// A copy with each member of `changes` set, in order.
    public func setting(_ changes: KeyValuePairs<String, JSONValue>) -> JSONValue {
        changes.reduce(self) { $0.setting($1.key, to: $1.value) }
    }

    /// A copy with `change` applied to the value at `path` (missing objects on the way are created).
    public func updating(_ path: [String], _ change: (JSONValue) -> JSONValue) -> JSONValue {
        guard let key = path.first else { return change(self) }
        let current = self[key] ?? (path.count > 1 ? .object([]) : .null)
        return self.setting(key, to: current.updating(Array(path.dropFirst()), change))
    }
}

extension JSONValue {
    /// Builds an object from literal members, e.g. `.members(["sku": .string("A")])` keeps the order written.
    public static func members(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(members.map { (key: $0.key, value: $0.value) })
    }
}
