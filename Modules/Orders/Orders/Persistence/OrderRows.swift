import Foundation
import Kernel

/// Normalized records as the JSON rows the upserts read with `jsonb_to_recordset`: one parameter per page whatever its
/// size, with money as exact numbers and times as ISO 8601 text.
enum OrderRows {
    static func rows(_ orders: [NormalizedOrder]) -> [UInt8] {
        JSONValue.array(orders.map(Self.row)).serialized()
    }

    static func rows(_ refunds: [NormalizedRefund]) -> [UInt8] {
        JSONValue.array(refunds.map(Self.row)).serialized()
    }

    private static func row(_ order: NormalizedOrder) -> JSONValue {
        .object(
            [
                ("external_order_id", .string(order.externalOrderID)), ("status", text(order.status)),
                ("payment_status", text(order.paymentStatus)), ("canonical_status", .string(order.canonicalStatus.rawValue)),
                ("ordered_at", time(order.orderedAt)), ("last_remote_update_at", time(order.lastRemoteUpdateAt)),
                ("order_number_hint", text(order.orderNumberHint)), ("taxes_included", order.taxesIncluded.map(JSONValue.bool) ?? .null),
                ("buyer_name", text(order.buyerName)), ("buyer_email", text(order.buyerEmail)), ("currency", text(order.currency)),
                ("subtotal_amount", money(order.subtotal)), ("shipping_amount", money(order.shipping)), ("tax_amount", money(order.tax)),
                ("discount_amount", money(order.discount)), ("total_amount", money(order.total)),
            ] + Self.address("bill", order.billingAddress) + Self.address("ship", order.shippingAddress) + [
                ("payment_method", text(order.paymentMethod)), ("is_gift", .bool(order.isGift)), ("notes", text(order.notes)),
                ("line_items_count", .number(order.lines.count)), ("items_total_quantity", .number(order.itemsTotalQuantity)),
                ("channel_metadata", .object(order.channelMetadata.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                ("raw_payload", order.rawPayload), ("raw_lines", .array(order.rawLines)),
                ("lines", .array(order.lines.map(Self.row))),
            ])
    }

    private static func row(_ line: NormalizedOrderLine) -> JSONValue {
        .object([
            ("external_line_id", text(line.externalLineID)), ("sku", text(line.sku)), ("title", text(line.title)),
            ("variant_sku", text(line.variantSKU)), ("channel_product_id", text(line.channelProductID)),
            ("channel_variant_id", text(line.channelVariantID)), ("quantity", .number(line.quantity)), ("currency", text(line.currency)),
            ("unit_price", money(line.unitPrice)), ("selling_unit_price", money(line.sellingUnitPrice)), ("total_price", money(line.totalPrice)),
            ("tax_amount", money(line.tax)), ("discount_amount", money(line.discount)), ("shipping_amount", money(line.shipping)),
            ("fulfillment_status", text(line.fulfillmentStatus)), ("is_gift", .bool(line.isGift)), ("notes", text(line.notes)),
            ("assigned_location_id", line.assignedLocationID.map { .number(String($0)) } ?? .null),
            ("assigned_location_name", text(line.assignedLocationName)),
        ])
    }

    private static func row(_ refund: NormalizedRefund) -> JSONValue {
        .object([
            ("external_refund_id", .string(refund.externalRefundID)), ("external_order_id", text(refund.externalOrderID)),
            ("occurred_at", time(refund.occurredAt)), ("last_remote_update_at", time(refund.lastRemoteUpdateAt)),
            ("amount", money(refund.amount)), ("currency", text(refund.currency)),
            ("subtotal_amount", money(refund.subtotal)), ("shipping_amount", money(refund.shipping)), ("tax_amount", money(refund.tax)),
            ("discount_amount", money(refund.discount)), ("total_amount", money(refund.total)), ("line_items_count", .number(refund.lines.count)),
            ("items_total_quantity", .number(refund.itemsTotalQuantity)), ("payment_status", text(refund.paymentStatus)),
            ("payment_method", text(refund.paymentMethod)), ("reason_code", text(refund.reasonCode)), ("notes", text(refund.notes)),
            ("raw_payload", refund.rawPayload),
            (
                "lines",
                .array(
                    refund.lines.map { line in
                        .object([
                            ("external_line_id", text(line.externalLineID)), ("sku", text(line.sku)), ("title", text(line.title)),
                            ("variant_sku", text(line.variantSKU)), ("quantity", .number(line.quantity)), ("currency", text(line.currency)),
                            ("unit_refund", money(line.unitRefund)), ("total_refund", money(line.totalRefund)), ("tax_amount", money(line.tax)),
                            ("discount_amount", money(line.discount)), ("shipping_amount", money(line.shipping)),
                            ("reason_code", text(line.reasonCode)), ("notes", text(line.notes)),
                        ])
                    })
            ),
        ])
    }

    private static func address(_ prefix: String, _ address: PostalAddress?) -> [(key: String, value: JSONValue)] {
        [
            ("\(prefix)_name", text(address?.name)), ("\(prefix)_address1", text(address?.address1)),
            ("\(prefix)_address2", text(address?.address2)), ("\(prefix)_city", text(address?.city)), ("\(prefix)_region", text(address?.region)),
            ("\(prefix)_postal", text(address?.postal)), ("\(prefix)_country", text(address?.country)), ("\(prefix)_phone", text(address?.phone)),
        ]
    }

    private static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    private static func money(_ value: Decimal?) -> JSONValue { value.map { JSONValue.number($0) } ?? .null }
    private static func time(_ value: Date?) -> JSONValue { value.map { .string(ISO8601.string(from: $0)) } ?? .null }
}
