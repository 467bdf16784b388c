import Foundation
import Kernel

/// The sandbox's side of sellers' consents: the redirect URL registered for each provider's app (as a developer registers
/// it in the provider's console), and the authorization codes its consent pages issued, each good once for ten minutes.
actor SandboxAuthorizations {
    static let codeLifetime: TimeInterval = 600

    private var redirects: [Provider: String] = [:]
    private var codes: [String: (provider: Provider, expires: Date)] = [:]

    func register(_ url: String?, for provider: Provider) {
        self.redirects[provider] = url
    }

    func redirect(_ provider: Provider) -> String? {
        self.redirects[provider]
    }

    func issue(_ provider: Provider, now: Date = Date()) -> String {
        self.codes = self.codes.filter { $0.value.expires > now }
        let code = "sbx_code_" + Hex.random(bytes: 16)
        self.codes[code] = (provider, now.addingTimeInterval(Self.codeLifetime))
        return code
    }

    /// Whether `code` was issued for `provider` and is still good; it is spent either way.
    func redeem(_ code: String, for provider: Provider, now: Date = Date()) -> Bool {
        guard let issued = self.codes.removeValue(forKey: code) else { return false }
        return issued.provider == provider && issued.expires > now
    }
}
