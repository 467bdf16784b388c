import Foundation
import Kernel

/// One provider's adapter: speaks its wire format. Built per integration instance.
public protocol ChannelProvider: Sendable {
    static var provider: Provider { get }
    /// The credential names an instance of this provider holds.
    static var credentialKeys: CredentialKeys { get }

    init(context: ChannelContext)
    /// The instance the adapter talks to.
    var context: ChannelContext { get }

    /// Checks a delivery's signature exactly as the provider defines it and names the delivery; throws `WebhookRejection`.
    func verifyWebhook(_ request: WebhookRequest, now: Date) async throws -> WebhookDelivery
    /// Reads a verified delivery's body into the event it announces; throws `WebhookRejection.malformed`.
    static func parseWebhook(topic: String, body: [UInt8]) throws -> ChannelEvent

    /// One page of the orders changed since `query.updatedSince`, oldest change first where the provider can sort. Lines
    /// come with the orders where the provider embeds them; `orderLines` fetches them where it does not.
    func fetchOrders(_ query: PullQuery) async throws(ChannelCallError) -> OrderPage
    /// The lines of a fetched order (Amazon order items, BigCommerce order products); the embedded ones elsewhere.
    func orderLines(_ order: RemoteOrder) async throws(ChannelCallError) -> [JSONValue]
    /// One page of the products (listings, inventory items) changed since `query.updatedSince`; every product where the
    /// provider cannot filter by change (eBay, Walmart).
    func fetchProducts(_ query: PullQuery) async throws(ChannelCallError) -> ProductPage
    /// The variants of a fetched product (WooCommerce's variations); the embedded ones elsewhere.
    func productVariants(_ product: RemoteProduct) async throws(ChannelCallError) -> [JSONValue]
    /// One page of the refunds issued or changed since `query.updatedSince`.
    func fetchRefunds(_ query: PullQuery) async throws(ChannelCallError) -> RefundPage
    /// The carriers a shipment may name: from the channel's API where it lists them (eBay, TikTok Shop), else the
    /// provider's published list.
    func carrierCodes() async throws(ChannelCallError) -> [CarrierCode]
    /// Reads a pulled order into Switchyard's shape (seed `001_…`'s fields, including its per-provider selling price).
    static func normalize(_ order: RemoteOrder) -> NormalizedOrder
    /// Reads a pulled refund into Switchyard's shape: lines where the provider gives them, totals only where it does not;
    /// `nil` while no money has moved (a TikTok Shop return still under review).
    static func normalize(_ refund: RemoteRefund) -> NormalizedRefund?
    /// Reads a pulled product into its listings, one per sellable SKU (variant); a product without a SKU lists nothing.
    static func normalize(_ product: RemoteProduct) -> [NormalizedListing]
    /// Sets the quantities the channel shows; one result per level, in order.
    func pushInventory(_ levels: [InventoryLevel]) async throws(ChannelCallError) -> [InventoryPushResult]
    /// Reports a shipment (the provider's confirm-shipment / fulfillment / shipping-update call).
    func confirmShipment(_ shipment: ShipmentConfirmation) async throws(ChannelCallError) -> ShipmentReceipt
}

extension ChannelProvider {
    var credentials: ChannelCredentials { self.context.credentials }

    public func orderLines(_ order: RemoteOrder) async throws(ChannelCallError) -> [JSONValue] {
        order.lines
    }

    public func productVariants(_ product: RemoteProduct) async throws(ChannelCallError) -> [JSONValue] {
        product.variants
    }
}
