/// What a resolver knows besides its parents and arguments: the application's request context and a look at the
/// field's own selection (so a connection computes `totalCount` only when asked for it).
public struct ResolverContext<Context: Sendable>: Sendable {
    public let context: Context
    let childFieldNames: Set<String>

    /// Whether the query selects `field` directly under this field, on any of its possible types.
    public func selects(_ field: String) -> Bool { self.childFieldNames.contains(field) }
}
