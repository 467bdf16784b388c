import Channels
import Foundation
import IntegrationsContracts
import Kernel

/// What makes an instance's fields valid.
enum InstanceRules {
    static func name(_ name: String) throws(IntegrationsError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard (1...200).contains(trimmed.count), !trimmed.containsControlCharacter else {
            throw .invalidName
        }
        return trimmed
    }

    /// A channel code: 1 to 64 of a-z, 0-9, `_` and `-`, starting with a letter or digit (compared as given: codes are
    /// lowercase).
    static func code(_ code: String) throws(IntegrationsError) -> String {
        guard (1...64).contains(code.count), code.first.map({ $0 != "_" && $0 != "-" }) == true,
            code.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") })
        else { throw .invalidCode(code) }
        return code
    }

    static func baseURL(_ text: String?) throws(IntegrationsError) -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false,
            text.count <= 500
        else { throw .invalidBaseURL(text) }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    /// `text` when it is a JSON object; `{}` when absent.
    static func settings(_ text: String?, field: String) throws(IntegrationsError) -> String {
        guard let text else { return "{}" }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)), object is [String: Any] else {
            throw .invalidSettings(field: field)
        }
        return text
    }

    /// Credentials must be the provider's own names with every required one present and non-empty, except those a
    /// seller's consent grants: without them (and with the app's credentials the consent needs) the instance is
    /// `pending` until it is authorized.
    static func credentials(_ values: [String: String], provider: Provider) throws(IntegrationsError) -> (ChannelCredentials, InstanceStatus) {
        let keys = ChannelAdapters.credentialKeys(for: provider)
        let unknown = values.keys.filter { !keys.all.contains($0) }.sorted()
        guard unknown.isEmpty else { throw .unknownCredentials(provider: provider, names: unknown) }
        let present = { (name: String) in !(values[name] ?? "").isEmpty }
        let missing = keys.required.filter { !present($0) }
        guard !missing.isEmpty else { return (ChannelCredentials(values.filter { !$0.value.isEmpty }), .connected) }
        guard let consent = ChannelAdapters.authorizationType(for: provider), missing.allSatisfy(keys.granted.contains) else {
            throw .missingCredentials(provider: provider, names: missing)
        }
        let missingForConsent = consent.consentCredentials.filter { !present($0) }
        guard missingForConsent.isEmpty else { throw .missingCredentials(provider: provider, names: missingForConsent) }
        return (ChannelCredentials(values.filter { !$0.value.isEmpty }), .pending)
    }

    static func pollInterval(_ minutes: Int) throws(IntegrationsError) -> Int {
        guard (1...1440).contains(minutes) else { throw .invalidPollInterval(minutes) }
        return minutes
    }

    /// A setup wizard step name: 1 to 50 of a-z, 0-9, `_` and `-` (the frontend's own step ids).
    static func setupStep(_ step: String) throws(IntegrationsError) -> String {
        guard (1...50).contains(step.count), step.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") })
        else { throw .invalidSetupStep(step) }
        return step
    }

    /// The random routing key of an instance's webhook URLs.
    static func newWebhookKey() -> String { "whk_" + Hex.random(bytes: 16) }
}
