import Foundation
import IdentityContracts
import Kernel

/// Named checks on input to the Identity context.
enum IdentityRules {
    static func tokenName(_ name: String) throws(IdentityError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(trimmed.count), !trimmed.containsControlCharacter
        else { throw .invalidTokenName }
        return trimmed
    }

    /// Scopes must be known and are stored once each, in a stable order.
    static func scopes(_ texts: [String]) throws(IdentityError) -> [TokenScope] {
        guard !texts.isEmpty else { throw .unknownScope("") }
        var scopes: [TokenScope] = []
        for text in texts {
            guard let scope = TokenScope(rawValue: text) else { throw .unknownScope(text) }
            if !scopes.contains(scope) { scopes.append(scope) }
        }
        return TokenScope.allCases.filter(scopes.contains)
    }

    /// Scopes of a tenant-wide token: any but the channel scopes, which only a token bound to a channel holds.
    static func tenantScopes(_ texts: [String]) throws(IdentityError) -> [TokenScope] {
        let scopes = try self.scopes(texts)
        guard !scopes.contains(where: \.isChannelScope) else { throw .channelScopeNeedsChannel }
        return scopes
    }

    /// Scopes of a channel token: `channel:read` and/or `channel:write` only.
    static func channelScopes(_ texts: [String]) throws(IdentityError) -> [TokenScope] {
        let scopes = try self.scopes(texts)
        if let other = scopes.first(where: { !$0.isChannelScope }) { throw .scopeNotForChannel(other) }
        return scopes
    }

    static func slug(_ slug: String) throws(IdentityError) -> String {
        let allowed = slug.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
        guard allowed, (2...63).contains(slug.count), slug.first != "-" else { throw .invalidTenantSlug(slug) }
        return slug
    }

    static func email(_ email: String) throws(IdentityError) -> String {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !email.contains(where: \.isWhitespace),
            !email.containsControlCharacter
        else {
            throw .invalidEmail(email)
        }
        return email
    }
}
