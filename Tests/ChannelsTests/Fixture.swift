import Foundation

/// The provider payloads of `Modules/Sandbox/Fixtures/channels` (the Sandbox serves them as templates), a byte-for-byte
/// copy of `../shared/fixtures/channels`.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../Modules/Sandbox/Fixtures/channels"
    ).standardized

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: self.directory.appendingPathComponent(path)))
    }

    /// The object under `key` of a REST response fixture, re-serialized: webhook bodies are the resource without its root key.
    static func resource(_ path: String, key: String) throws -> [UInt8] {
        let object = try JSONSerialization.jsonObject(with: Data(try self.bytes(path))) as? [String: Any]
        return Array(try JSONSerialization.data(withJSONObject: object?[key] ?? [:]))
    }
}
