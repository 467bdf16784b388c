import Foundation
import Integrations
import Kernel
import Storage

/// What `switchyard dev` tells scripts: written to `.switchyard/dev.json` on every start.
struct DevState: Codable, Sendable {
    let url: String
    let orgid: String
    let adminJWT: String
    let erpApiKey: String
    let databaseURL: String
    let metricsToken: String
    /// The demo channel partner's instance id and its channel token (absent in files written before partners existed).
    let partnerId: Int64?
    let partnerToken: String?

    static func file(home: URL) -> URL { home.appendingPathComponent("dev.json") }

    static func read(home: URL) throws -> DevState {
        try JSONDecoder().decode(DevState.self, from: Data(contentsOf: self.file(home: home)))
    }

    func write(home: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try PrivateFile.write(try encoder.encode(self), to: Self.file(home: home))
    }
}

/// Secrets `switchyard dev` generates once and keeps, so JWTs, the metrics token and the application role's password
/// survive restarts.
struct DevSecrets: Codable, Sendable {
    let jwtSecret: String
    let metricsToken: String
    /// Absent in files written before dev generated it; `readOrCreate` adds it.
    let appDatabasePassword: String?
    /// Absent in files written before channel credentials were sealed; `readOrCreate` adds it.
    let credentialsKey: String?

    static func file(home: URL) -> URL { home.appendingPathComponent("secrets.json") }

    static func read(home: URL) throws -> DevSecrets {
        try JSONDecoder().decode(DevSecrets.self, from: Data(contentsOf: self.file(home: home)))
    }

    static func readOrCreate(home: URL) throws -> DevSecrets {
        let existing = try? self.read(home: home)
        if let existing, existing.appDatabasePassword != nil, existing.credentialsKey != nil { return existing }
        let secrets = DevSecrets(
            jwtSecret: existing?.jwtSecret ?? Hex.random(bytes: 32), metricsToken: existing?.metricsToken ?? Hex.random(bytes: 24),
            appDatabasePassword: existing?.appDatabasePassword ?? Hex.random(bytes: 24),
            credentialsKey: existing?.credentialsKey ?? CredentialVault.generateKey())
        try PrivateFile.write(try JSONEncoder().encode(secrets), to: self.file(home: home))
        return secrets
    }
}
