import Foundation
import Kernel

/// REST V1 orders and credit memos. Money is numbers (order and memo discounts negative), dates UTC without a zone.
/// Child items of bundles and configurables repeat their parent and are not lines of their own; a configurable's child
/// names the variant.
extension MagentoChannel {
    public static func normalize(_ order: RemoteOrder) -> NormalizedOrder {
        let payload = order.payload
        let currency = payload["order_currency_code"]?.nonEmptyText
        let billing = Self.address.read(payload["billing_address"])
        let customer = [payload["customer_firstname"]?.nonEmptyText, payload["customer_lastname"]?.nonEmptyText].compactMap { $0 }
            .joined(separator: " ")
        let children = Dictionary(grouping: order.lines.filter { $0["parent_item_id"]?.text != nil }) { $0["parent_item_id"]?.text ?? "" }
        let lines = order.lines.filter { $0["parent_item_id"]?.text == nil }.map { line in
            Self.normalizeLine(
                line, child: line["product_type"]?.text == "configurable" ? children[line["item_id"]?.text ?? ""]?.first : nil, currency: currency)
        }
        let shipTo = payload["extension_attributes", "shipping_assignments"]?.arrayValue?.first?["shipping", "address"]
        return NormalizedOrder(
            externalOrderID: order.remoteID, status: payload["status"]?.nonEmptyText, paymentStatus: Self.paymentStatus(payload),
            canonicalStatus: Self.canonicalStatus(payload, lines: order.lines), orderedAt: Timestamps.utcWithoutZone(payload["created_at"]),
            lastRemoteUpdateAt: Timestamps.utcWithoutZone(payload["updated_at"]),
            orderNumberHint: payload["increment_id"]?.nonEmptyText, buyerName: customer.isEmpty ? billing?.name : customer,
            buyerEmail: payload["customer_email"]?.nonEmptyText, currency: currency, subtotal: payload["subtotal"]?.decimal,
            shipping: payload["shipping_amount"]?.decimal, tax: payload["tax_amount"]?.decimal,
            discount: Amounts.magnitude(payload["discount_amount"]?.decimal), total: payload["grand_total"]?.decimal, billingAddress: billing,
            shippingAddress: Self.address.read(shipTo), paymentMethod: payload["payment", "method"]?.nonEmptyText,
            isGift: payload["gift_message_id"]?.nonEmptyText != nil, notes: payload["customer_note"]?.nonEmptyText, lines: lines)
    }

    /// A credit memo; its lines are the items with a refunded quantity (a memo lists every order item, and `parent_id` is
    /// the memo's own id). A configurable's child repeats its parent's SKU at no price and is left out.
    public static func normalize(_ refund: RemoteRefund) -> NormalizedRefund? {
        let payload = refund.payload
        let currency = payload["order_currency_code"]?.nonEmptyText
        let refunded = refund.lines.filter { ($0["qty"]?.quantity ?? 0) > 0 }
        let priced = Set(refunded.filter { ($0["row_total"]?.decimal ?? 0) != 0 }.compactMap { $0["sku"]?.text })
        let lines = refunded.filter { ($0["row_total"]?.decimal ?? 0) != 0 || !priced.contains($0["sku"]?.text ?? "") }.map { item in
            NormalizedRefundLine(
                externalLineID: item["entity_id"]?.text, sku: item["sku"]?.nonEmptyText, title: item["name"]?.nonEmptyText,
                quantity: item["qty"]?.quantity ?? 0, currency: currency, unitRefund: item["price"]?.decimal, totalRefund: item["row_total"]?.decimal,
                tax: item["tax_amount"]?.decimal, discount: item["discount_amount"]?.decimal)
        }
        let total = payload["grand_total"]?.decimal
        return NormalizedRefund(
            externalRefundID: refund.remoteID, externalOrderID: refund.remoteOrderID, occurredAt: refund.createdAt, amount: total,
            currency: currency, subtotal: payload["subtotal"]?.decimal ?? Amounts.sum(lines.map(\.totalRefund)),
            shipping: payload["shipping_amount"]?.decimal, tax: payload["tax_amount"]?.decimal ?? Amounts.sum(lines.map(\.tax)),
            discount: Amounts.magnitude(payload["discount_amount"]?.decimal), total: total,
            paymentStatus: ["1": "pending", "2": "refunded", "3": "canceled"][refund.status ?? ""], notes: payload["customer_note"]?.nonEmptyText,
            lines: lines)
    }

    /// The selling price is the row total less its discount, per unit (tax excluded).
    private static func normalizeLine(_ line: JSONValue, child: JSONValue?, currency: String?) -> NormalizedOrderLine {
        let quantity = line["qty_ordered"]?.quantity ?? 0
        let rowTotal = line["row_total"]?.decimal
        let discount = line["discount_amount"]?.decimal ?? 0
        let shipped = line["qty_shipped"]?.quantity ?? 0
        let cancelled = line["qty_canceled"]?.quantity ?? 0
        return NormalizedOrderLine(
            externalLineID: line["item_id"]?.text, sku: line["sku"]?.nonEmptyText, title: line["name"]?.nonEmptyText,
            variantSKU: child?["sku"]?.nonEmptyText, channelProductID: line["product_id"]?.text, channelVariantID: child?["product_id"]?.text,
            quantity: quantity, currency: currency, unitPrice: line["price"]?.decimal,
            sellingUnitPrice: Amounts.sellingUnitPrice(lineTotal: rowTotal, discounts: discount, quantity: quantity), totalPrice: rowTotal,
            tax: line["tax_amount"]?.decimal,
            discount: discount,
            fulfillmentStatus: Amounts.fulfillment(ordered: quantity, shipped: shipped, cancelled: cancelled),
            isGift: line["gift_message_id"]?.nonEmptyText != nil)
    }

    private static func paymentStatus(_ order: JSONValue) -> String {
        let total = order["grand_total"]?.decimal ?? 0
        let refunded = order["total_refunded"]?.decimal ?? 0
        let paid = order["total_paid"]?.decimal
        if order["state"]?.text == "canceled" { return "voided" }
        if refunded > 0 { return refunded >= total ? "refunded" : "partially_refunded" }
        if let paid, paid >= total { return "paid" }
        return "pending"
    }

    /// By `state` (statuses are the store's own labels); a processing order whose every shippable item has left is shipped.
    static func canonicalStatus(_ order: JSONValue, lines: [JSONValue]) -> CanonicalOrderStatus {
        switch order["state"]?.text ?? order["status"]?.text {
        case "processing":
            let shippable = lines.filter { $0["parent_item_id"]?.text == nil && $0["is_virtual"]?.text != "1" && $0["is_virtual"] != .bool(true) }
            let allShipped =
                !shippable.isEmpty
                && shippable.allSatisfy { line in
                    let remaining = (line["qty_ordered"]?.decimal ?? 0) - (line["qty_canceled"]?.decimal ?? 0) - (line["qty_refunded"]?.decimal ?? 0)
                    return (line["qty_shipped"]?.decimal ?? 0) >= remaining
                }
            return allShipped ? .shipped : .processing
        case "complete": return .shipped
        case "closed": return .refunded
        case "canceled": return .cancelled
        default: return .pending
        }
    }

    private static let address = AddressFields(
        nameParts: ["firstname", "lastname"], address1: "street.0", address2: "street.1", city: "city", region: "region_code",
        postal: "postcode", country: "country_id", phone: "telephone")
}
