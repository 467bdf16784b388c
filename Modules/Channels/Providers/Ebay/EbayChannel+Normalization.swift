import Foundation
import Kernel

/// Fulfillment API orders with their line items, and Finances refund transactions (totals only, seed `001_…`). Every
/// amount is `{value: text, currency}`; discounts are negative.
extension EbayChannel {
    public static func normalize(_ order: RemoteOrder) -> NormalizedOrder {
        let payload = order.payload
        let lines = order.lines.map(Self.normalizeLine)
        let summary = payload["pricingSummary"]
        let registration = payload["buyer", "buyerRegistrationAddress"]
        let shipTo = payload["fulfillmentStartInstructions"]?.arrayValue?.first?["shippingStep", "shipTo"]
        let billing = Self.address.read(registration)
        let shipping = Self.address.read(shipTo)
        let discounts = [summary?["priceDiscount", "value"]?.decimal, summary?["deliveryDiscount", "value"]?.decimal].map(Amounts.magnitude)
        return NormalizedOrder(
            externalOrderID: order.remoteID, status: order.status, paymentStatus: payload["orderPaymentStatus"]?.nonEmptyText,
            canonicalStatus: Self.canonicalStatus(payload), orderedAt: Timestamps.iso8601(payload["creationDate"]),
            lastRemoteUpdateAt: Timestamps.iso8601(payload["lastModifiedDate"]), orderNumberHint: order.remoteID,
            buyerName: billing?.name ?? shipping?.name ?? payload["buyer", "username"]?.nonEmptyText,
            buyerEmail: registration?["email"]?.nonEmptyText ?? shipTo?["email"]?.nonEmptyText,
            currency: summary?["total", "currency"]?.nonEmptyText, subtotal: summary?["priceSubtotal", "value"]?.decimal,
            shipping: summary?["deliveryCost", "value"]?.decimal, tax: summary?["tax", "value"]?.decimal ?? Amounts.sum(lines.map(\.tax)),
            discount: Amounts.sum(discounts) ?? 0, total: summary?["total", "value"]?.decimal, billingAddress: billing, shippingAddress: shipping,
            paymentMethod: payload["paymentSummary", "payments"]?.arrayValue?.first?["paymentMethod"]?.nonEmptyText,
            isGift: lines.contains { $0.isGift }, notes: payload["buyerCheckoutNotes"]?.nonEmptyText, lines: lines,
            channelMetadata: ["sales_record_reference": payload["salesRecordReference"]?.nonEmptyText].compactMapValues { $0 })
    }

    /// A refund transaction: the amount alone, as eBay's Finances API reports it.
    public static func normalize(_ refund: RemoteRefund) -> NormalizedRefund? {
        let amount = refund.payload["amount", "value"]?.decimal
        return NormalizedRefund(
            externalRefundID: refund.remoteID, externalOrderID: refund.remoteOrderID, occurredAt: refund.createdAt, amount: amount,
            currency: refund.payload["amount", "currency"]?.nonEmptyText, total: amount, paymentStatus: refund.status,
            notes: refund.payload["transactionMemo"]?.nonEmptyText)
    }

    /// The unit price is the selling price (seed `001_…`): `lineItemCost` is the undiscounted line total.
    private static func normalizeLine(_ line: JSONValue) -> NormalizedOrderLine {
        let quantity = line["quantity"]?.quantity ?? 0
        let cost = line["lineItemCost", "value"]?.decimal
        let unit = Amounts.perUnit(cost, quantity, scale: 4)
        let taxes = (line["taxes"]?.arrayValue ?? []).map { $0["amount", "value"]?.decimal }
        let collected = (line["ebayCollectAndRemitTaxes"]?.arrayValue ?? []).map { $0["amount", "value"]?.decimal }
        let aspects = (line["variationAspects"]?.arrayValue ?? []).compactMap { $0["value"]?.nonEmptyText }
        let gift = line["giftDetails"].flatMap { $0 == .null ? nil : $0 }
        return NormalizedOrderLine(
            externalLineID: line["lineItemId"]?.nonEmptyText, sku: line["sku"]?.nonEmptyText, title: line["title"]?.nonEmptyText,
            variantSKU: aspects.isEmpty ? nil : aspects.joined(separator: " / "), channelProductID: line["legacyItemId"]?.nonEmptyText,
            channelVariantID: line["legacyVariationId"]?.nonEmptyText, quantity: quantity, currency: line["lineItemCost", "currency"]?.nonEmptyText,
            unitPrice: unit, sellingUnitPrice: Amounts.perUnit(cost, quantity), totalPrice: cost,
            tax: Amounts.sum(taxes) ?? Amounts.sum(collected) ?? 0,
            discount: Amounts.sum((line["appliedPromotions"]?.arrayValue ?? []).map { Amounts.magnitude($0["discountAmount", "value"]?.decimal) })
                ?? 0,
            shipping: line["deliveryCost", "shippingCost", "value"]?.decimal, fulfillmentStatus: line["lineItemFulfillmentStatus"]?.nonEmptyText,
            isGift: gift != nil, notes: gift?["message"]?.nonEmptyText)
    }

    private static let address = AddressFields(
        name: "fullName", address1: "contactAddress.addressLine1", address2: "contactAddress.addressLine2", city: "contactAddress.city",
        region: "contactAddress.stateOrProvince", postal: "contactAddress.postalCode", country: "contactAddress.countryCode",
        phone: "primaryPhone.phoneNumber")

    static func canonicalStatus(_ order: JSONValue) -> CanonicalOrderStatus {
        if order["cancelStatus", "cancelState"]?.text == "CANCELED" { return .cancelled }
        switch order["orderPaymentStatus"]?.text {
        case "FULLY_REFUNDED": return .refunded
        case "PENDING", "FAILED": return .pending
        default: return order["orderFulfillmentStatus"]?.text == "FULFILLED" ? .shipped : .processing
        }
    }
}
