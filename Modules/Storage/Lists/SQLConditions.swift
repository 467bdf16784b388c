import Foundation
import Kernel
import PostgresNIO

/// Builds a WHERE clause from typed filters. Values are always bound parameters (`$n`), never text in the SQL.
public struct SQLConditions: Sendable {
    public private(set) var bindings = PostgresBindings()

    public init() {}

    /// Binds `value` and returns its placeholder.
    public mutating func bind<Value: PostgresEncodable & Sendable>(_ value: Value) throws -> String {
        try self.bindings.append(value)
        return "$\(self.bindings.count)"
    }

    /// The conditions of a text column.
    public mutating func string(_ column: String, _ filter: StringFilter?) throws -> String? {
        guard let filter else { return nil }
        var clauses: [String] = []
        if let eq = filter.eq { clauses.append("\(column) = \(try self.bind(eq))") }
        if let values = filter.in { clauses.append("\(column) = ANY(\(try self.bind(values))::text[])") }
        if let text = filter.contains {
            clauses.append("\(column) ILIKE \(try self.bind(Self.containing(text)))")
        }
        if let isNull = filter.isNull { clauses.append("\(column) IS \(isNull ? "" : "NOT ")NULL") }
        return Self.all(clauses)
    }

    /// The conditions of a column holding an enumeration's raw values.
    public mutating func enumeration<Value>(_ column: String, _ filter: EnumFilter<Value>?) throws -> String? {
        guard let filter else { return nil }
        return try self.string(column, StringFilter(eq: filter.eq?.rawValue, in: filter.in?.map(\.rawValue)))
    }

    /// The conditions of a `timestamptz` column.
    public mutating func dateTime(_ column: String, _ filter: DateTimeFilter?) throws -> String? {
        guard let filter else { return nil }
        var clauses: [String] = []
        if let eq = filter.eq { clauses.append("\(column) = \(try self.bind(eq))") }
        if let gte = filter.gte { clauses.append("\(column) >= \(try self.bind(gte))") }
        if let lte = filter.lte { clauses.append("\(column) <= \(try self.bind(lte))") }
        if let isNull = filter.isNull { clauses.append("\(column) IS \(isNull ? "" : "NOT ")NULL") }
        return Self.all(clauses)
    }

    /// A filter with `and`/`or`/`not`: its own field conditions come from `fields`.
    public mutating func compound<Filter: CompoundFilter>(
        _ filter: Filter?, fields: (Filter, inout SQLConditions) throws -> [String?]
    ) throws -> String? {
        guard let filter else { return nil }
        var clauses = try fields(filter, &self)
        for part in filter.and ?? [] { clauses.append(try self.compound(part, fields: fields)) }
        if let alternatives = filter.or {
            let compiled = try alternatives.map { try self.compound($0, fields: fields) ?? "TRUE" }
            clauses.append(compiled.isEmpty ? "FALSE" : "(" + compiled.joined(separator: " OR ") + ")")
        }
        if let negated = filter.not { clauses.append("NOT (\(try self.compound(negated.value, fields: fields) ?? "TRUE"))") }
        return Self.all(clauses)
    }

    /// A `LIKE` pattern matching text that holds `text` anywhere, its backslash, `%` and `_` taken literally.
    public static func containing(_ text: String) -> String {
        "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            + "%"
    }

    /// `nil` when there is nothing to require.
    public static func all(_ clauses: [String?]) -> String? {
        let present = clauses.compactMap { $0 }
        guard !present.isEmpty else { return nil }
        return present.count == 1 ? present[0] : "(" + present.joined(separator: " AND ") + ")"
    }
}
