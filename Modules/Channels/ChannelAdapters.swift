import Kernel

/// The one place that knows which type serves which provider.
public enum ChannelAdapters {
    /// `nil` for `partner`: channel partners call Switchyard's partner API instead of being called.
    public static func type(for provider: Provider) -> (any ChannelProvider.Type)? {
        switch provider {
        case .amazon: AmazonChannel.self
        case .shopify: ShopifyChannel.self
        case .ebay: EbayChannel.self
        case .walmart: WalmartChannel.self
        case .woocommerce: WooCommerceChannel.self
        case .bigcommerce: BigCommerceChannel.self
        case .tiktok: TikTokChannel.self
        case .magento: MagentoChannel.self
        case .partner: nil
        }
    }

    /// The adapter of an instance of `provider`.
    public static func adapter(for provider: Provider, context: ChannelContext) -> (any ChannelProvider)? {
        self.type(for: provider).map { $0.init(context: context) }
    }

    /// How sellers of `provider` consent; `nil` where they connect with credentials alone (Walmart, Magento, partners).
    public static func authorizationType(for provider: Provider) -> (any ChannelAuthorization.Type)? {
        self.type(for: provider) as? any ChannelAuthorization.Type
    }

    /// The consent flow of an instance of `provider`, `nil` where there is none.
    public static func authorization(for provider: Provider, context: ChannelContext) -> (any ChannelAuthorization)? {
        self.authorizationType(for: provider).map { $0.init(context: context) }
    }

    /// The credential names an instance of `provider` holds (none for partners, who authenticate with Switchyard tokens).
    public static func credentialKeys(for provider: Provider) -> CredentialKeys {
        self.type(for: provider)?.credentialKeys ?? CredentialKeys(required: [])
    }
}
