/// The role the application connects as: it owns no tables, is no superuser and has no `BYPASSRLS`.
public struct ApplicationRole: Sendable, Equatable {
    public var name: String
    public var password: String

    public init(name: String = "switchyard_app", password: String) {
        self.name = name
        self.password = password
    }
}
