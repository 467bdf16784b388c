/// A global object identifier of the form `gid://switchyard/<Type>/<id>`.
public struct GlobalID: Hashable, Sendable, CustomStringConvertible {
    public static let scheme = "gid://switchyard/"

    public let typeName: String
    public let localID: String

    public init(typeName: String, localID: String) {
        self.typeName = typeName
        self.localID = localID
    }

    /// Parses `gid://switchyard/<Type>/<id>`; `nil` for anything else.
    public init?(_ text: String) {
        guard text.hasPrefix(Self.scheme) else { return nil }
        let rest = text.dropFirst(Self.scheme.count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let typeName = rest[..<slash]
        let localID = rest[rest.index(after: slash)...]
        guard !typeName.isEmpty, !localID.isEmpty, !localID.contains("/"),
            typeName.allSatisfy({ $0.isLetter || $0.isNumber })
        else { return nil }
        self.init(typeName: String(typeName), localID: String(localID))
    }

    public var description: String { "\(Self.scheme)\(self.typeName)/\(self.localID)" }
}
