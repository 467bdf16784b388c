import Foundation
import Hummingbird
import Kernel

/// One provider as the sandbox plays it: its id style, its API routes, and its signed webhooks.
protocol SandboxChannel {
    static var provider: Provider { get }
    /// The provider's id and display number of a store's `sequence`-th order.
    static func orderIdentity(sequence: Int) -> (id: String, number: String)
    /// The provider's id of line `position` of order `sequence`.
    static func lineID(sequence: Int, position: Int) -> String
    /// Adds the provider's API to `group` (mounted at `/{provider}`).
    static func addRoutes(to group: RouterGroup<BasicRequestContext>, sandbox: Sandbox)
    /// A delivery announcing that `order` changed, signed as the provider signs.
    static func webhook(for order: SandboxOrder, sandbox: Sandbox, now: Date) throws -> SandboxDelivery
}

/// A webhook the sandbox sends: its id (repeated on duplicate deliveries), headers and body.
struct SandboxDelivery: Sendable {
    let id: String
    let headers: [(name: String, value: String)]
    let body: [UInt8]
}

/// The providers the sandbox plays, and which type plays each.
enum SandboxChannels {
    static let providers: [Provider] = [.amazon, .shopify, .ebay, .walmart, .woocommerce, .bigcommerce, .tiktok, .magento]

    static func type(for provider: Provider) -> any SandboxChannel.Type {
        switch provider {
        case .amazon: SandboxAmazon.self
        case .shopify: SandboxShopify.self
        case .ebay: SandboxEbay.self
        case .walmart: SandboxWalmart.self
        case .woocommerce: SandboxWooCommerce.self
        case .bigcommerce: SandboxBigCommerce.self
        case .tiktok: SandboxTikTok.self
        case .magento, .partner: SandboxMagento.self
        }
    }
}
