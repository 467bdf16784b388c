import Foundation
import Kernel

/// The products every sandbox channel sells: the same SKUs everywhere, each with the identifiers its provider would
/// give the listing.
public struct SandboxCatalog: Sendable {
    public struct Item: Sendable, Equatable {
        public let index: Int
        public let sku: String
        public let title: String
        public let price: Decimal
        public let barcode: String
    }

    public let items: [Item]

    static let names = [
        ("TEE-BLK-M", "Organic Tee, Black, M"), ("TEE-BLK-L", "Organic Tee, Black, L"), ("TEE-WHT-M", "Organic Tee, White, M"),
        ("HOOD-GRY-M", "Fleece Hoodie, Grey, M"), ("HOOD-GRY-L", "Fleece Hoodie, Grey, L"), ("CAP-NVY", "Canvas Cap, Navy"),
        ("SOCK-3PK", "Merino Socks, 3-pack"), ("MUG-12OZ", "Stoneware Mug, 12 oz"), ("BOTTLE-750", "Steel Bottle, 750 ml"),
        ("TOTE-NAT", "Canvas Tote, Natural"), ("BEANIE-RED", "Wool Beanie, Red"), ("SCARF-CHK", "Check Scarf"),
    ]

    init(generator: inout SeededGenerator) {
        self.items = Self.names.enumerated().map { index, name in
            let cents = Int.random(in: 900...6900, using: &generator)
            return Item(
                index: index, sku: "SY-\(name.0)", title: name.1, price: Decimal(cents) / 100,
                barcode: "00\(String(84_000_000_000 + index * 7919))")
        }
    }

    public func item(sku: String) -> Item? {
        self.items.first { $0.sku == sku }
    }

    /// The listing identifiers `provider` gives item `index` (what Switchyard's item masters hold).
    public static func identifiers(_ provider: Provider, index: Int) -> [String: String] {
        switch provider {
        case .shopify:
            ["inventory_item_id": "\(808_950_810 + index)", "location_id": "\(SandboxShopify.locationID)", "variant_id": "\(39_072_856 + index)"]
        case .woocommerce: ["product_id": "\(790 + index)"]
        case .tiktok:
            [
                "product_id": "\(1_729_592_969_712_207_000 + index)", "sku_id": "\(1_729_592_969_712_208_000 + index)",
                "warehouse_id": "7068517275539719942",
            ]
        case .bigcommerce: ["product_id": "\(111 + index)", "variant_id": "\(211 + index)", "location_id": "1"]
        case .magento: ["source_code": "default"]
        case .amazon: ["marketplace_id": SandboxAmazon.marketplaceID, "product_type": "PRODUCT", "asin": "B0SANDBX\(String(format: "%02d", index))"]
        case .ebay: ["offer_id": "\(5_000_000_000 + index)"]
        case .walmart: ["ship_node": "\(SandboxWalmart.shipNode)"]
        case .partner: [:]
        }
    }
}
