import Foundation
import Kernel

/// v2 orders with their order products, and v3 payment-action refunds. v2 money is text with four places and dates are
/// RFC 2822; v3 money is numbers. The ship-to address is a sub-resource the pull does not read, so it stays `nil`.
extension BigCommerceChannel {
    public static func normalize(_ order: RemoteOrder) -> NormalizedOrder {
        let payload = order.payload
        let currency = payload["default_currency_code"]?.nonEmptyText ?? payload["currency_code"]?.nonEmptyText
        let billing = Self.address.read(payload["billing_address"])
        let taxesIncluded = payload["is_tax_inclusive_pricing"]?.bool
        let lines = order.lines.filter { $0["parent_order_product_id"]?.decimal == nil }.map { Self.normalizeLine($0, currency: currency) }
        return NormalizedOrder(
            externalOrderID: order.remoteID, status: payload["status"]?.nonEmptyText, paymentStatus: payload["payment_status"]?.nonEmptyText,
            canonicalStatus: Self.canonicalStatus(payload), orderedAt: payload["date_created"]?.nonEmptyText.flatMap { Timestamps.rfc2822($0) },
            lastRemoteUpdateAt: payload["date_modified"]?.nonEmptyText.flatMap { Timestamps.rfc2822($0) },
            orderNumberHint: order.remoteID, taxesIncluded: taxesIncluded, buyerName: billing?.name,
            buyerEmail: payload["billing_address", "email"]?.nonEmptyText, currency: currency, subtotal: payload["subtotal_ex_tax"]?.decimal,
            shipping: Amounts.sum([payload["shipping_cost_ex_tax"]?.decimal, payload["handling_cost_ex_tax"]?.decimal]),
            tax: payload["total_tax"]?.decimal, discount: Amounts.sum([payload["discount_amount"]?.decimal, payload["coupon_discount"]?.decimal]),
            total: payload["total_inc_tax"]?.decimal, billingAddress: billing, paymentMethod: payload["payment_method"]?.nonEmptyText,
            isGift: lines.contains { $0.isGift }, notes: payload["customer_message"]?.nonEmptyText, lines: lines)
    }

    /// A refund: its total, tax and shipping items; product items name the refunded order product and quantity (their
    /// amount is the order's, which the refund does not repeat).
    public static func normalize(_ refund: RemoteRefund) -> NormalizedRefund? {
        let payload = refund.payload
        let total = payload["total_amount"]?.decimal
        let tax = payload["total_tax"]?.decimal
        let shipping =
            Amounts.sum(
                refund.lines.filter { ["SHIPPING", "HANDLING"].contains($0["item_type"]?.text ?? "") }.map { $0["requested_amount"]?.decimal }) ?? 0
        let payments = payload["payments"]?.arrayValue ?? []
        return NormalizedRefund(
            externalRefundID: refund.remoteID, externalOrderID: refund.remoteOrderID, occurredAt: refund.createdAt, amount: total, currency: nil,
            subtotal: total.map { $0 - (tax ?? 0) - shipping }, shipping: shipping, tax: tax, total: total,
            paymentStatus: payments.isEmpty ? nil : payments.contains { $0["is_declined"]?.bool == true } ? "declined" : "refunded",
            paymentMethod: payments.first?["provider_id"]?.nonEmptyText, notes: payload["reason"]?.nonEmptyText,
            lines: refund.lines.filter { $0["item_type"]?.text == "PRODUCT" }.map { item in
                NormalizedRefundLine(
                    externalLineID: item["item_id"]?.text, sku: nil, quantity: item["quantity"]?.quantity ?? 0, currency: nil, unitRefund: nil,
                    totalRefund: item["requested_amount"]?.decimal, reasonCode: item["reason"]?.nonEmptyText)
            })
    }

    /// The selling price is the line's total less its applied discounts, per unit (tax excluded).
    private static func normalizeLine(_ line: JSONValue, currency: String?) -> NormalizedOrderLine {
        let quantity = line["quantity"]?.quantity ?? 0
        let total = line["total_ex_tax"]?.decimal
        let discount = Amounts.sum(line["applied_discounts"], "amount") ?? 0
        let options = (line["product_options"]?.arrayValue ?? []).compactMap { $0["display_value"]?.nonEmptyText }
        let variant = line["variant_id"]?.text
        let shipped = line["quantity_shipped"]?.quantity ?? 0
        let wrapping = line["wrapping_name"]?.nonEmptyText ?? line["wrapping_id"].flatMap { $0.text == "0" ? nil : $0.nonEmptyText }
        return NormalizedOrderLine(
            externalLineID: line["id"]?.text, sku: line["sku"]?.nonEmptyText, title: line["name"]?.nonEmptyText,
            variantSKU: options.isEmpty ? nil : options.joined(separator: " / "), channelProductID: line["product_id"]?.text,
            channelVariantID: variant == "0" ? nil : variant, quantity: quantity, currency: currency, unitPrice: line["price_ex_tax"]?.decimal,
            sellingUnitPrice: Amounts.sellingUnitPrice(lineTotal: total, discounts: discount, quantity: quantity), totalPrice: total,
            tax: line["total_tax"]?.decimal,
            discount: discount, fulfillmentStatus: Amounts.fulfillment(ordered: quantity, shipped: shipped),
            isGift: wrapping != nil, notes: line["wrapping_message"]?.nonEmptyText)
    }

    /// By `status_id`, since a store may rename its statuses.
    static func canonicalStatus(_ order: JSONValue) -> CanonicalOrderStatus {
        switch order["status_id"]?.int {
        case 11, 9, 8, 3: return .processing
        case 2: return .shipped
        case 10: return .shipped
        case 5, 6: return .cancelled
        case 4: return .refunded
        case 14: return (order["items_shipped"]?.int ?? 0) >= (order["items_total"]?.int ?? 1) ? .shipped : .processing
        default: return .pending
        }
    }

    private static let address = AddressFields(
        nameParts: ["first_name", "last_name"], address1: "street_1", address2: "street_2", city: "city", region: "state", postal: "zip",
        country: "country_iso2", phone: "phone")
}
