import Foundation
import Kernel

/// Order API 202309 orders (each unit its own line item, so every line has quantity 1) and Search Returns. Money is
/// text, times unix seconds, ids long digit strings. There is no billing address and no payment status (it is derived
/// from the status and the payment time).
extension TikTokChannel {
    public static func normalize(_ order: RemoteOrder) -> NormalizedOrder {
        let payload = order.payload
        let payment = payload["payment"]
        let status = payload["status"]?.nonEmptyText
        let recipient = payload["recipient_address"]
        var shipping = Self.address.read(recipient)
        let district = { (level: String) in
            (recipient?["district_info"]?.arrayValue ?? []).first { $0["address_level"]?.text == level }?["address_name"]?.nonEmptyText
        }
        shipping?.region = district("L1")
        shipping?.city = district("L3") ?? district("L2")
        return NormalizedOrder(
            externalOrderID: order.remoteID, status: status,
            paymentStatus: status == "UNPAID" || payload["paid_time"]?.decimal == nil ? "pending" : "paid",
            canonicalStatus: Self.canonicalStatus(status), orderedAt: Timestamps.epochSeconds(payload["create_time"]),
            lastRemoteUpdateAt: Timestamps.epochSeconds(payload["update_time"]),
            orderNumberHint: order.remoteID, buyerName: shipping?.name, buyerEmail: payload["buyer_email"]?.nonEmptyText,
            currency: payment?["currency"]?.nonEmptyText, subtotal: payment?["original_total_product_price"]?.decimal,
            shipping: payment?["shipping_fee"]?.decimal, tax: payment?["tax"]?.decimal,
            discount: Amounts.sum([payment?["seller_discount"]?.decimal, payment?["platform_discount"]?.decimal]),
            total: payment?["total_amount"]?.decimal, shippingAddress: shipping, paymentMethod: payload["payment_method_name"]?.nonEmptyText,
            isGift: order.lines.contains { $0["is_gift"]?.bool == true }, notes: payload["buyer_message"]?.nonEmptyText,
            lines: order.lines.map(Self.normalizeLine))
    }

    /// Only a return whose refund went through moves money; one under review, rejected or cancelled is not a refund yet.
    public static func normalize(_ refund: RemoteRefund) -> NormalizedRefund? {
        guard let status = refund.status, Self.refundedStatuses.contains(status) else { return nil }
        let payload = refund.payload
        let amounts = payload["refund_amount"]
        let total = amounts?["refund_total"]?.decimal
        let discounts = (payload["discount_amount"]?.arrayValue ?? []).flatMap {
            [$0["product_seller_discount"]?.decimal, $0["product_platform_discount"]?.decimal]
        }
        let reason = payload["return_reason"]?.nonEmptyText
        return NormalizedRefund(
            externalRefundID: refund.remoteID, externalOrderID: refund.remoteOrderID, occurredAt: refund.createdAt, amount: total,
            currency: amounts?["currency"]?.nonEmptyText, subtotal: amounts?["refund_subtotal"]?.decimal,
            shipping: amounts?["refund_shipping_fee"]?.decimal, tax: amounts?["refund_tax"]?.decimal, discount: Amounts.sum(discounts), total: total,
            paymentStatus: status, reasonCode: reason, notes: payload["return_reason_text"]?.nonEmptyText,
            lines: refund.lines.map { line in
                let lineAmounts = line["refund_amount"]
                let subtotal = lineAmounts?["refund_subtotal"]?.decimal ?? lineAmounts?["refund_total"]?.decimal
                return NormalizedRefundLine(
                    externalLineID: line["return_line_item_id"]?.nonEmptyText, sku: line["seller_sku"]?.nonEmptyText,
                    title: line["product_name"]?.nonEmptyText, variantSKU: line["sku_name"]?.nonEmptyText, quantity: 1,
                    currency: lineAmounts?["currency"]?.nonEmptyText, unitRefund: subtotal,
                    totalRefund: lineAmounts?["refund_total"]?.decimal ?? subtotal,
                    tax: lineAmounts?["refund_tax"]?.decimal, shipping: lineAmounts?["refund_shipping_fee"]?.decimal, reasonCode: reason)
            })
    }

    /// One unit: the selling price is the original price less the seller's and the platform's discounts.
    private static func normalizeLine(_ line: JSONValue) -> NormalizedOrderLine {
        let original = line["original_price"]?.decimal
        let discount = Amounts.sum([line["seller_discount"]?.decimal, line["platform_discount"]?.decimal]) ?? 0
        return NormalizedOrderLine(
            externalLineID: line["id"]?.nonEmptyText, sku: line["seller_sku"]?.nonEmptyText, title: line["product_name"]?.nonEmptyText,
            variantSKU: line["sku_name"]?.nonEmptyText, channelProductID: line["product_id"]?.nonEmptyText,
            channelVariantID: line["sku_id"]?.nonEmptyText, quantity: 1, currency: line["currency"]?.nonEmptyText, unitPrice: original,
            sellingUnitPrice: Amounts.sellingUnitPrice(lineTotal: original, discounts: discount, quantity: 1), totalPrice: original,
            tax: Amounts.sum((line["item_tax"]?.arrayValue ?? []).map { $0["tax_amount"]?.decimal }), discount: discount,
            fulfillmentStatus: line["display_status"]?.nonEmptyText, isGift: line["is_gift"]?.bool == true)
    }

    private static let refundedStatuses: Set<String> = [
        "RETURN_OR_REFUND_REQUEST_COMPLETE", "REPLACEMENT_REQUEST_REFUND_SUCCESS",
    ]

    static func canonicalStatus(_ status: String?) -> CanonicalOrderStatus {
        switch status {
        case "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING", "AWAITING_COLLECTION": .processing
        case "IN_TRANSIT": .shipped
        case "DELIVERED", "COMPLETED": .delivered
        case "CANCELLED": .cancelled
        default: .pending
        }
    }

    private static let address = AddressFields(
        name: "name", nameParts: ["first_name", "last_name"], address1: "address_line1", address2: "address_line2", city: "city",
        region: "state", postal: "postal_code", country: "region_code", phone: "phone_number")
}
