import PostgresNIO

extension PostgresQuery {
    /// A query whose SQL text is chosen at run time (sort direction, optional clauses) while every value stays a bound
    /// parameter: `$1`, `$2`, … in `sql` refer to `values` in order.
    public static func dynamic(_ sql: String, _ values: (any PostgresEncodable)?...) throws -> PostgresQuery {
        var bindings = PostgresBindings()
        for value in values {
            if let value { try bindings.append(value) } else { bindings.appendNull() }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}
