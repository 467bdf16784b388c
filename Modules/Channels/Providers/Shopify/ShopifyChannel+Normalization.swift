import Foundation
import Kernel

/// REST orders with their embedded lines and refunds. Money is text, except refund lines' `subtotal` and `total_tax`;
/// ids are numbers that may exceed 2^53 and are kept as written.
extension ShopifyChannel {
    public static func normalize(_ order: RemoteOrder) -> NormalizedOrder {
        let payload = order.payload
        let taxesIncluded = payload["taxes_included"]?.bool
        let currency = payload["currency"]?.nonEmptyText
        let customerName = [payload["customer", "first_name"]?.nonEmptyText, payload["customer", "last_name"]?.nonEmptyText].compactMap { $0 }
            .joined(separator: " ")
        let billing = Self.address.read(payload["billing_address"])
        let shipping = Self.address.read(payload["shipping_address"])
        let shippingLines = (payload["shipping_lines"]?.arrayValue ?? []).map { $0["price"]?.decimal }
        return NormalizedOrder(
            externalOrderID: order.remoteID, status: Self.lifecycle(payload), paymentStatus: payload["financial_status"]?.nonEmptyText,
            canonicalStatus: Self.canonicalStatus(payload), orderedAt: Timestamps.iso8601(payload["created_at"]),
            lastRemoteUpdateAt: Timestamps.iso8601(payload["updated_at"]), orderNumberHint: payload["name"]?.nonEmptyText,
            taxesIncluded: taxesIncluded, buyerName: customerName.isEmpty ? billing?.name ?? shipping?.name : customerName,
            buyerEmail: payload["email"]?.nonEmptyText ?? payload["contact_email"]?.nonEmptyText ?? payload["customer", "email"]?.nonEmptyText,
            currency: currency, subtotal: payload["total_line_items_price"]?.decimal,
            shipping: payload["total_shipping_price_set", "shop_money", "amount"]?.decimal ?? Amounts.sum(shippingLines),
            tax: payload["total_tax"]?.decimal, discount: payload["total_discounts"]?.decimal, total: payload["total_price"]?.decimal,
            billingAddress: billing, shippingAddress: shipping,
            paymentMethod: payload["payment_gateway_names"]?.arrayValue.flatMap { names in
                names.isEmpty ? nil : names.compactMap(\.nonEmptyText).joined(separator: ",")
            },
            notes: payload["note"]?.nonEmptyText,
            lines: order.lines.map { Self.normalizeLine($0, currency: currency, taxesIncluded: taxesIncluded == true) })
    }

    /// A refund with its refunded lines; the amount is what the successful refund transactions returned.
    public static func normalize(_ refund: RemoteRefund) -> NormalizedRefund? {
        let payload = refund.payload
        let transactions = (payload["transactions"]?.arrayValue ?? []).filter { $0["kind"]?.text == "refund" && $0["status"]?.text == "success" }
        let amount = Amounts.sum(transactions.map { $0["amount"]?.decimal })
        let lines = refund.lines.map(Self.normalizeRefundLine)
        let shippingRefunds = (payload["refund_shipping_lines"]?.arrayValue ?? []).map { $0["subtotal_amount_set", "shop_money", "amount"]?.decimal }
        let shippingAdjustments = (payload["order_adjustments"]?.arrayValue ?? []).filter { $0["kind"]?.text == "shipping_refund" }
            .map { Amounts.magnitude($0["amount"]?.decimal) }
        let first = transactions.first
        return NormalizedRefund(
            externalRefundID: refund.remoteID, externalOrderID: refund.remoteOrderID,
            occurredAt: Timestamps.iso8601(payload["created_at"]) ?? refund.createdAt, amount: amount,
            currency: first?["currency"]?.nonEmptyText ?? lines.first?.currency, subtotal: Amounts.sum(refund.lines.map { $0["subtotal"]?.decimal }),
            shipping: Amounts.sum(shippingRefunds) ?? Amounts.sum(shippingAdjustments) ?? 0, tax: Amounts.sum(lines.map(\.tax)),
            discount: Amounts.sum(lines.map(\.discount)), total: amount, paymentStatus: first?["status"]?.nonEmptyText,
            paymentMethod: first?["gateway"]?.nonEmptyText, notes: payload["note"]?.nonEmptyText, lines: lines)
    }

    /// Seed `001_…`'s selling price: the line's discounted total (less its tax where prices include tax) per unit.
    private static func normalizeLine(_ line: JSONValue, currency: String?, taxesIncluded: Bool) -> NormalizedOrderLine {
        let quantity = line["quantity"]?.quantity ?? 0
        let price = line["price"]?.decimal
        let total = price.map { $0 * Decimal(quantity) }
        let discount = Amounts.sum((line["discount_allocations"]?.arrayValue ?? []).map { $0["amount"]?.decimal })
        let tax = Amounts.sum((line["tax_lines"]?.arrayValue ?? []).map { $0["price"]?.decimal })
        return NormalizedOrderLine(
            externalLineID: line["id"]?.text, sku: line["sku"]?.nonEmptyText, title: line["title"]?.nonEmptyText,
            variantSKU: line["variant_title"]?.nonEmptyText, channelProductID: line["product_id"]?.text, channelVariantID: line["variant_id"]?.text,
            quantity: quantity, currency: line["price_set", "shop_money", "currency_code"]?.nonEmptyText ?? currency, unitPrice: price,
            sellingUnitPrice: Amounts.sellingUnitPrice(
                lineTotal: total, discounts: discount, includedTax: taxesIncluded ? tax : nil, quantity: quantity), totalPrice: total, tax: tax,
            discount: discount ?? 0, shipping: 0,
            fulfillmentStatus: line["fulfillment_status"]?.nonEmptyText)
    }

    private static func normalizeRefundLine(_ line: JSONValue) -> NormalizedRefundLine {
        let quantity = line["quantity"]?.quantity ?? 0
        let subtotal = line["subtotal"]?.decimal
        let tax = line["total_tax"]?.decimal
        let item = line["line_item"]
        let orderedQuantity = item?["quantity"]?.quantity ?? 0
        let allocated = Amounts.sum((item?["discount_allocations"]?.arrayValue ?? []).map { $0["amount"]?.decimal })
        return NormalizedRefundLine(
            externalLineID: line["id"]?.text, sku: item?["sku"]?.nonEmptyText, title: item?["title"]?.nonEmptyText,
            variantSKU: item?["variant_title"]?.nonEmptyText, quantity: quantity,
            currency: line["subtotal_set", "shop_money", "currency_code"]?.nonEmptyText, unitRefund: Amounts.perUnit(subtotal, quantity),
            totalRefund: subtotal.map { $0 + (tax ?? 0) }, tax: tax,
            discount: orderedQuantity > 0 ? Amounts.rounded(allocated.map { $0 * Decimal(quantity) / Decimal(orderedQuantity) }) : nil,
            shipping: 0)
    }

    private static let address = AddressFields(
        name: "name", nameParts: ["first_name", "last_name"], address1: "address1", address2: "address2", city: "city",
        region: "province_code", postal: "zip", country: "country_code", phone: "phone")

    /// Seed `001_…`'s lifecycle words: open, cancelled, fulfilled, partially_fulfilled, closed.
    static func lifecycle(_ order: JSONValue) -> String {
        if order["cancelled_at"]?.nonEmptyText != nil { return "cancelled" }
        if order["closed_at"]?.nonEmptyText != nil { return "closed" }
        switch order["fulfillment_status"]?.text {
        case "fulfilled": return "fulfilled"
        case "partial": return "partially_fulfilled"
        default: return "open"
        }
    }

    static func canonicalStatus(_ order: JSONValue) -> CanonicalOrderStatus {
        let financial = order["financial_status"]?.text
        if order["cancelled_at"]?.nonEmptyText != nil || financial == "voided" || order["fulfillment_status"]?.text == "restocked" {
            return .cancelled
        }
        if financial == "refunded" { return .refunded }
        switch order["fulfillment_status"]?.text {
        case "fulfilled":
            let fulfillments = (order["fulfillments"]?.arrayValue ?? []).filter { $0["status"]?.text == "success" }
            return !fulfillments.isEmpty && fulfillments.allSatisfy({ $0["shipment_status"]?.text == "delivered" }) ? .delivered : .shipped
        case "partial": return .processing
        default: return ["pending", "authorized", "partially_paid"].contains(financial ?? "pending") ? .pending : .processing
        }
    }
}
