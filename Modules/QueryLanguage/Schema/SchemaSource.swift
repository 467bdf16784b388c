import Foundation

/// One SDL file of the query schema.
public struct SchemaSource: Sendable {
    public let name: String
    public let text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// Every `*.graphql` file in `directory`, in name order.
    public static func files(in directory: URL) throws -> [SchemaSource] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".graphql") }.sorted()
        return try names.map { name in
            SchemaSource(name: name, text: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
    }
}
