import Kernel

/// Builds the adapter of an instance's provider. The one place that knows which type serves which provider.
public enum ChannelAdapters {
    /// `nil` for `partner`: channel partners call Switchyard's partner API instead of being called.
    public static func adapter(
        for provider: Provider, credentials: ChannelCredentials, signingKeys: any SigningKeySource
    ) -> (any ChannelProvider)? {
        switch provider {
        case .amazon: AmazonChannel(credentials: credentials)
        case .shopify: ShopifyChannel(credentials: credentials)
        case .ebay: EbayChannel(credentials: credentials, signingKeys: signingKeys)
        case .walmart: WalmartChannel(credentials: credentials)
        case .woocommerce: WooCommerceChannel(credentials: credentials)
        case .bigcommerce: BigCommerceChannel(credentials: credentials)
        case .tiktok: TikTokChannel(credentials: credentials)
        case .magento: MagentoChannel(credentials: credentials)
        case .partner: nil
        }
    }

    /// The type whose `parseWebhook` reads `provider`'s deliveries (no credentials needed once a delivery is verified).
    public static func parser(for provider: Provider) -> (any ChannelProvider.Type)? {
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

    /// The credential names an instance of `provider` holds (none for partners, who authenticate with Switchyard tokens).
    public static func credentialKeys(for provider: Provider) -> CredentialKeys {
        self.parser(for: provider)?.credentialKeys ?? CredentialKeys(required: [])
    }
}
