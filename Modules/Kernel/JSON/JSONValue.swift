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
    /// A decimal as a JSON number; `null` for NaN, which JSON cannot write.
    public static func number(_ value: Decimal) -> JSONValue { value.isNaN ? .null : .number("\(value)") }

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

    /// The number a JSON number or a string holds, read whole by JSON's number grammar (`-12.5`, `1.5E9`): `"12,99"`,
    /// `"5 USD"` and `" 1"` are `nil`, not 12, 5 and 1; so is a value too large for `Decimal`.
    public var decimal: Decimal? {
        guard let text = self.text, Self.isJSONNumber(text), let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
            !value.isNaN
        else { return nil }
        return value
    }

    /// `true`/`false`, also when a provider writes them as text (`"true"`, Amazon's `IsGift`) or as `1`/`0`.
    public var bool: Bool? {
        switch self {
        case .bool(let value): value
        case .string("true"), .number("1"), .string("1"): true
        case .string("false"), .number("0"), .string("0"): false
        default: nil
        }
    }

    /// A count of units: a whole, non-negative number no larger than a PostgreSQL `integer`, so a hostile payload can
    /// neither overflow a sum of quantities nor fail the row that stores it; `nil` for anything else.
    public var quantity: Int? {
        guard let value = self.decimal, value >= 0, value <= Decimal(Self.maxQuantity) else { return nil }
        let whole = NSDecimalNumber(decimal: value).intValue
        return Decimal(whole) == value ? whole : nil
    }

    public static let maxQuantity = Int(Int32.max)

    /// The sum of quantities read by `quantity`, capped at `maxQuantity` like each of them.
    public static func totalQuantity(_ quantities: [Int]) -> Int {
        min(quantities.reduce(0) { $0 + max($1, 0) }, Self.maxQuantity)
    }

    private static func isJSONNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        func digits() -> Int {
            let count = scalars.prefix { ("0"..."9").contains($0) }.count
            scalars = scalars.dropFirst(count)
            return count
        }
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        guard digits() > 0 else { return false }
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            guard digits() > 0 else { return false }
        }
        if scalars.first == "e" || scalars.first == "E" {
            scalars = scalars.dropFirst()
            if scalars.first == "+" || scalars.first == "-" { scalars = scalars.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }
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
