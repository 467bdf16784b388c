import Foundation

/// The parts of `swift package dump-package` the module rule looks at.
struct PackageManifest: Decodable {
    struct Target: Decodable {
        let name: String
        let type: String
        let path: String?
        let dependencies: [Dependency]

        init(name: String, type: String, path: String?, dependencies: [Dependency]) {
            self.name = name
            self.type = type
            self.path = path
            self.dependencies = dependencies
        }
    }

    /// `{"byName": ["Kernel", null]}`, `{"target": ["Kernel", null]}` or `{"product": ["PostgresNIO", "postgres-nio", …]}`.
    struct Dependency: Decodable {
        let name: String
        let isProduct: Bool

        init(name: String, isProduct: Bool) {
            self.name = name
            self.isProduct = isProduct
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            guard let key = container.allKeys.first else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "empty dependency"))
            }
            var values = try container.nestedUnkeyedContainer(forKey: key)
            self.name = try values.decode(String.self)
            self.isProduct = key.stringValue == "product"
        }
    }

    struct AnyKey: CodingKey {
        let stringValue: String
        let intValue: Int? = nil
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var targets: [Target]

    /// Runs `swift package dump-package` in the repository this file belongs to.
    static func current() throws -> PackageManifest {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dump-package-\(UUID().uuidString).json")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // A scratch path of its own: the default one is locked by the `swift test` running this test.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dump-package-scratch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        process.arguments = ["swift", "package", "--scratch-path", scratch.path, "dump-package"]
        process.currentDirectoryURL = root
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return try JSONDecoder().decode(PackageManifest.self, from: Data(contentsOf: output))
    }
}
