import Channels
import Foundation
import Kernel

/// The providers' published payloads (the channel fixtures) the sandbox builds its answers from, so they carry every field
/// the real APIs do.
struct SandboxTemplates: Sendable {
    private let documents: [String: JSONValue]

    init() throws {
        guard let root = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/channels") else { throw SandboxError.missingTemplates }
        var documents: [String: JSONValue] = [:]
        for folder in try FileManager.default.contentsOfDirectory(atPath: root.path) {
            let directory = root.appendingPathComponent(folder)
            for file in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where file.hasSuffix(".json") {
                documents["\(folder)/\(file)"] = try JSONParser.parse(Array(try Data(contentsOf: directory.appendingPathComponent(file))))
            }
        }
        self.documents = documents
    }

    /// The fixture at `path` (e.g. `shopify/order.rest-2026-07.get.response.json`), or the value at `keys` inside it.
    func value(_ path: String, _ keys: String...) -> JSONValue {
        keys.reduce(self.documents[path] ?? .null) { value, key in
            if let index = Int(key), let items = value.arrayValue { return index < items.count ? items[index] : .null }
            return value[key] ?? .null
        }
    }
}

enum SandboxError: Error {
    case missingTemplates
}
