import Foundation
import Kernel

/// Orders v0 orders with their getOrderItems lines, and Finances refund events (totals only, seed `001_…`). Orders
/// money is text (`"11.01"`), Finances money a JSON number; `IsGift` is the text `"true"`.
extension AmazonChannel {
    public static func normalize(_ order: RemoteOrder) -> NormalizedOrder {
        let payload = order.payload
        let lines = order.lines.map(Self.normalizeLine)
        let sum = { (keys: [String]) in Amounts.sum(order.lines.flatMap { line in keys.map { line[$0, "Amount"]?.decimal } }) }
        let paymentDetails = payload["PaymentMethodDetails"]?.arrayValue?.compactMap(\.nonEmptyText) ?? []
        let status = payload["OrderStatus"]?.nonEmptyText
        return NormalizedOrder(
            externalOrderID: order.remoteID, status: status, paymentStatus: nil, canonicalStatus: Self.canonicalStatus(status),
            orderedAt: Timestamps.iso8601(payload["PurchaseDate"]), lastRemoteUpdateAt: Timestamps.iso8601(payload["LastUpdateDate"]),
            orderNumberHint: order.remoteID, buyerName: payload["BuyerInfo", "BuyerName"]?.nonEmptyText,
            buyerEmail: payload["BuyerInfo", "BuyerEmail"]?.nonEmptyText,
            currency: payload["OrderTotal", "CurrencyCode"]?.nonEmptyText ?? lines.first?.currency, subtotal: sum(["ItemPrice"]),
            shipping: sum(["ShippingPrice"]), tax: sum(["ItemTax", "ShippingTax"]),
            discount: Amounts.magnitude(sum(["PromotionDiscount", "ShippingDiscount"])), total: payload["OrderTotal", "Amount"]?.decimal,
            shippingAddress: Self.address.read(payload["ShippingAddress"]),
            paymentMethod: paymentDetails.isEmpty ? payload["PaymentMethod"]?.nonEmptyText : paymentDetails.joined(separator: ","),
            isGift: lines.contains { $0.isGift }, lines: lines,
            channelMetadata: [
                "fulfillment_channel": payload["FulfillmentChannel"]?.nonEmptyText, "marketplace_id": payload["MarketplaceId"]?.nonEmptyText,
                "sales_channel": payload["SalesChannel"]?.nonEmptyText,
            ].compactMapValues { $0 })
    }

    /// A refund event: Amazon gives no refund lines worth the name, only charge adjustments, so the amount is the size of
    /// the refunded charges and promotions (fee reversals are the seller's, not the buyer's); the adjusted items are kept
    /// as lines with their SKU and quantity.
    public static func normalize(_ refund: RemoteRefund) -> NormalizedRefund? {
        let payload = refund.payload
        let charges = { (line: JSONValue) in
            (line["ItemChargeAdjustmentList"]?.arrayValue ?? []).map { $0["ChargeAmount", "CurrencyAmount"]?.decimal }
                + (line["PromotionAdjustmentList"]?.arrayValue ?? []).map { $0["PromotionAmount", "CurrencyAmount"]?.decimal }
        }
        let orderCharges = (payload["OrderChargeAdjustmentList"]?.arrayValue ?? []).map { $0["ChargeAmount", "CurrencyAmount"]?.decimal }
        let total = Amounts.magnitude(Amounts.sum(refund.lines.flatMap(charges) + orderCharges))
        let currency = refund.lines.lazy.compactMap {
            $0["ItemChargeAdjustmentList"]?.arrayValue?.first?["ChargeAmount", "CurrencyCode"]?.nonEmptyText
        }
        .first
        return NormalizedRefund(
            externalRefundID: refund.remoteID, externalOrderID: refund.remoteOrderID, occurredAt: refund.createdAt, amount: total,
            currency: currency, total: total,
            lines: refund.lines.map { line in
                let quantity = line["QuantityShipped"]?.quantity ?? 0
                let lineTotal = Amounts.magnitude(Amounts.sum(charges(line)))
                return NormalizedRefundLine(
                    externalLineID: line["OrderAdjustmentItemId"]?.nonEmptyText, sku: line["SellerSKU"]?.nonEmptyText, quantity: quantity,
                    currency: currency, unitRefund: Amounts.perUnit(lineTotal, quantity), totalRefund: lineTotal)
            })
    }

    private static func normalizeLine(_ line: JSONValue) -> NormalizedOrderLine {
        let quantity = line["QuantityOrdered"]?.quantity ?? 0
        let shipped = line["QuantityShipped"]?.quantity ?? 0
        let total = line["ItemPrice", "Amount"]?.decimal
        let unit = Amounts.perUnit(total, quantity, scale: 4)
        return NormalizedOrderLine(
            externalLineID: line["OrderItemId"]?.nonEmptyText, sku: line["SellerSKU"]?.nonEmptyText, title: line["Title"]?.nonEmptyText,
            channelProductID: line["ASIN"]?.nonEmptyText, quantity: quantity, currency: line["ItemPrice", "CurrencyCode"]?.nonEmptyText,
            unitPrice: unit, sellingUnitPrice: Amounts.perUnit(total, quantity), totalPrice: total,
            tax: Amounts.sum([line["ItemTax", "Amount"]?.decimal, line["ShippingTax", "Amount"]?.decimal]),
            discount: Amounts.magnitude(Amounts.sum([line["PromotionDiscount", "Amount"]?.decimal, line["ShippingDiscount", "Amount"]?.decimal])),
            shipping: line["ShippingPrice", "Amount"]?.decimal,
            fulfillmentStatus: Amounts.fulfillment(ordered: quantity, shipped: shipped),
            isGift: line["IsGift"]?.bool == true || line["BuyerInfo", "GiftMessageText"]?.nonEmptyText != nil,
            notes: line["BuyerInfo", "GiftMessageText"]?.nonEmptyText)
    }

    private static let address = AddressFields(
        name: "Name", address1: "AddressLine1", address2: "AddressLine2", city: "City", region: "StateOrRegion", postal: "PostalCode",
        country: "CountryCode", phone: "Phone")

    /// Orders v0 has no delivered state; refunds arrive through Finances, not as a status.
    static func canonicalStatus(_ status: String?) -> CanonicalOrderStatus {
        switch status {
        case "Unshipped", "PartiallyShipped": .processing
        case "Shipped", "InvoiceUnconfirmed": .shipped
        case "Canceled", "Unfulfillable": .cancelled
        default: .pending
        }
    }
}
