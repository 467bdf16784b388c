import Foundation
import GraphQL
import Kernel
import QueryLanguage

/// How variables and literals of the custom scalars are read.
enum QueryScalars {
    static let all: [CustomScalar] = [
        CustomScalar(name: "DateTime") { value in
            guard case .string(let text) = value, ISO8601.date(from: text) != nil else { return nil }
            return value
        },
        CustomScalar(name: "Decimal") { value in
            switch value {
            case .string(let text): return Decimal.exact(text).map { .string($0.plainString) }
            case .number(let number): return Decimal.exact(number.description).map { .string($0.plainString) }
            default: return nil
            }
        },
        CustomScalar(name: "JSON") { $0 },
        CustomScalar(name: "URL") { value in
            guard case .string(let text) = value, let url = URL(string: text), url.scheme != nil, url.host != nil else { return nil }
            return value
        },
    ]
}

extension LeafValue {
    /// A `DateTime` as the API writes it.
    static func dateTime(_ date: Date) -> LeafValue { .string(ISO8601.string(from: date)) }
    static func dateTime(_ date: Date?) -> LeafValue { date.map(LeafValue.dateTime) ?? .null }
    /// A `Decimal` as the API writes it: a string of the exact value.
    static func decimal(_ value: Decimal?) -> LeafValue { value.map { .string($0.plainString) } ?? .null }
    static func json(_ value: JSONValue) -> LeafValue { .json(String(decoding: value.serialized(), as: UTF8.self)) }
    /// A global id, `gid://switchyard/<Type>/<id>`.
    static func globalID(_ typeName: String, _ id: any CustomStringConvertible) -> LeafValue {
        .string(GlobalID(typeName: typeName, localID: id.description).description)
    }
    /// An enum value: the stored raw value in upper case.
    static func enumeration<Value: RawRepresentable>(_ value: Value) -> LeafValue where Value.RawValue == String {
        .string(value.rawValue.uppercased())
    }
}
