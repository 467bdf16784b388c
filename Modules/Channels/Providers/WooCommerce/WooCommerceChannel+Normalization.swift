import Foundation
import Kernel

/// REST v3 orders and refunds. Money is text (a line's `price` is a float number and is not read); dates are read from
/// the `_gmt` fields, the others being site time without a zone; line names are HTML. There is no payment status, so
/// it is derived from the status and the payment date.
extension WooCommerceChannel {
    public static func normalize(_ order: RemoteOrder) -> NormalizedOrder {
        let payload = order.payload
        let status = payload["status"]?.nonEmptyText
        let currency = payload["currency"]?.nonEmptyText
        let billing = Self.address.read(payload["billing"])
        let taxesIncluded = payload["prices_include_tax"]?.bool
        return NormalizedOrder(
            externalOrderID: order.remoteID, status: status, paymentStatus: Self.paymentStatus(payload),
            canonicalStatus: Self.canonicalStatus(status, paid: payload["date_paid_gmt"]?.nonEmptyText != nil),
            orderedAt: Timestamps.utcWithoutZone(payload["date_created_gmt"]),
            lastRemoteUpdateAt: Timestamps.utcWithoutZone(payload["date_modified_gmt"]),
            orderNumberHint: payload["number"]?.nonEmptyText, taxesIncluded: taxesIncluded, buyerName: billing?.name,
            buyerEmail: payload["billing", "email"]?.nonEmptyText, currency: currency,
            subtotal: Amounts.sum(order.lines.map { $0["subtotal"]?.decimal }), shipping: payload["shipping_total"]?.decimal,
            tax: payload["total_tax"]?.decimal, discount: payload["discount_total"]?.decimal, total: payload["total"]?.decimal,
            billingAddress: billing, shippingAddress: Self.address.read(payload["shipping"]), paymentMethod: payload["payment_method"]?.nonEmptyText,
            notes: payload["customer_note"]?.nonEmptyText, lines: order.lines.map { Self.normalizeLine($0, currency: currency) })
    }

    /// A refund (WooCommerce writes its line quantities and amounts negative); the currency is the order's and is not on
    /// the refund, so it stays `nil` here.
    public static func normalize(_ refund: RemoteRefund) -> NormalizedRefund? {
        let payload = refund.payload
        let amount = payload["amount"]?.decimal
        let lines = refund.lines.map { line in
            let quantity = Self.magnitude(line["quantity"])
            let total = Amounts.magnitude(line["total"]?.decimal)
            return NormalizedRefundLine(
                externalLineID: line["id"]?.text, sku: line["sku"]?.nonEmptyText, title: line["name"]?.nonEmptyText.map(HTMLEntities.decode),
                variantSKU: Self.variant(line), quantity: quantity, currency: nil, unitRefund: Amounts.perUnit(total, quantity), totalRefund: total,
                tax: Amounts.magnitude(line["total_tax"]?.decimal))
        }
        let shippingLines = payload["shipping_lines"]?.arrayValue ?? []
        let refundedPayment = payload["refunded_payment"]?.bool
        return NormalizedRefund(
            externalRefundID: refund.remoteID, externalOrderID: refund.remoteOrderID, occurredAt: refund.createdAt, amount: amount, currency: nil,
            subtotal: Amounts.sum(lines.map(\.totalRefund)), shipping: Amounts.magnitude(Amounts.sum(shippingLines.map { $0["total"]?.decimal })),
            tax: Amounts.sum(lines.map(\.tax) + shippingLines.map { Amounts.magnitude($0["total_tax"]?.decimal) }), total: amount,
            paymentStatus: refundedPayment.map { $0 ? "refunded" : "refunded_manually" }, notes: payload["reason"]?.nonEmptyText, lines: lines)
    }

    /// The selling price is the line's total after discounts (tax excluded) per unit.
    private static func normalizeLine(_ line: JSONValue, currency: String?) -> NormalizedOrderLine {
        let quantity = line["quantity"]?.quantity ?? 0
        let subtotal = line["subtotal"]?.decimal
        let total = line["total"]?.decimal
        let variation = line["variation_id"]?.text
        return NormalizedOrderLine(
            externalLineID: line["id"]?.text, sku: line["sku"]?.nonEmptyText, title: line["name"]?.nonEmptyText.map(HTMLEntities.decode),
            variantSKU: Self.variant(line), channelProductID: line["product_id"]?.text, channelVariantID: variation == "0" ? nil : variation,
            quantity: quantity, currency: currency, unitPrice: Amounts.perUnit(subtotal, quantity, scale: 4),
            sellingUnitPrice: Amounts.sellingUnitPrice(lineTotal: total, quantity: quantity), totalPrice: subtotal, tax: line["total_tax"]?.decimal,
            discount: subtotal.flatMap { subtotal in total.map { subtotal - $0 } })
    }

    /// The attribute values a variation line shows (meta entries not hidden with a leading `_`).
    private static func variant(_ line: JSONValue) -> String? {
        let values = (line["meta_data"]?.arrayValue ?? []).filter { !($0["key"]?.text ?? "_").hasPrefix("_") }
            .compactMap { ($0["display_value"] ?? $0["value"])?.nonEmptyText }
        return values.isEmpty ? nil : values.joined(separator: " / ")
    }

    /// WooCommerce writes refunded quantities negative.
    private static func magnitude(_ quantity: JSONValue?) -> Int {
        quantity?.decimal.flatMap { JSONValue.number(Amounts.magnitude($0) ?? 0).quantity } ?? 0
    }

    private static func paymentStatus(_ order: JSONValue) -> String {
        switch order["status"]?.text {
        case "refunded": return "refunded"
        case "failed": return "failed"
        default:
            if !(order["refunds"]?.arrayValue ?? []).isEmpty { return "partially_refunded" }
            return order["date_paid_gmt"]?.nonEmptyText != nil ? "paid" : "pending"
        }
    }

    /// WooCommerce has no delivered state; `completed` is what a written-back shipment sets.
    static func canonicalStatus(_ status: String?, paid: Bool) -> CanonicalOrderStatus {
        switch status {
        case "pending", "on-hold", "checkout-draft": .pending
        case "processing": .processing
        case "completed": .shipped
        case "cancelled", "trash", "failed": .cancelled
        case "refunded": .refunded
        default: paid ? .processing : .pending
        }
    }

    private static let address = AddressFields(
        nameParts: ["first_name", "last_name"], address1: "address_1", address2: "address_2", city: "city", region: "state", postal: "postcode",
        country: "country", phone: "phone")
}
