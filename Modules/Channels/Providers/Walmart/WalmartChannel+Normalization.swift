import Foundation
import Kernel

/// Orders v3 purchase orders and Returns. Orders money is a JSON number, quantities are text and dates are epoch
/// milliseconds; returns carry ISO dates and numeric quantities. Walmart gives no billing address, payment status or
/// order total (the total is the sum of the charges).
extension WalmartChannel {
    public static func normalize(_ order: RemoteOrder) -> NormalizedOrder {
        let payload = order.payload
        let lines = order.lines.map(Self.normalizeLine)
        let statuses = order.lines.flatMap(Self.lineStatuses)
        let subtotal = Amounts.sum(lines.map(\.totalPrice))
        let shipping = Amounts.sum(lines.map(\.shipping))
        let tax = Amounts.sum(lines.map(\.tax))
        let discount = Amounts.sum(lines.map(\.discount))
        let shippingAddress = Self.address.read(payload["shippingInfo"], countryCodes: Self.countryCodes)
        return NormalizedOrder(
            externalOrderID: order.remoteID, status: order.status, paymentStatus: nil, canonicalStatus: Self.canonicalStatus(statuses),
            orderedAt: Timestamps.epochMilliseconds(payload["orderDate"]),
            lastRemoteUpdateAt: order.lines.compactMap { Timestamps.epochMilliseconds($0["statusDate"]) }.max() ?? order.updatedAt,
            orderNumberHint: payload["customerOrderId"]?.nonEmptyText, buyerName: shippingAddress?.name,
            buyerEmail: payload["customerEmailId"]?.nonEmptyText, currency: lines.lazy.compactMap(\.currency).first, subtotal: subtotal,
            shipping: shipping, tax: tax, discount: discount,
            total: subtotal.map { $0 + (shipping ?? 0) + (tax ?? 0) - (discount ?? 0) }, shippingAddress: shippingAddress, lines: lines)
    }

    /// A return with its refunded lines, broken into product, shipping, tax and discount charges.
    public static func normalize(_ refund: RemoteRefund) -> NormalizedRefund? {
        let payload = refund.payload
        let lines = refund.lines.map(Self.normalizeReturnLine)
        let total = payload["totalRefundAmount", "currencyAmount"]?.decimal
        let charges = { (line: JSONValue, discount: Bool, category: String?) -> [Decimal?] in
            let quantity = Decimal(Self.returnedQuantity(line))
            return (line["charges"]?.arrayValue ?? []).filter { charge in
                (charge["isDiscount"]?.bool ?? false) == discount && (category == nil || charge["chargeCategory"]?.text == category)
            }.map { $0["chargePerUnit", "currencyAmount"]?.decimal.map { $0 * quantity } }
        }
        return NormalizedRefund(
            externalRefundID: refund.remoteID, externalOrderID: refund.remoteOrderID, occurredAt: refund.createdAt, amount: total,
            currency: payload["totalRefundAmount", "currencyUnit"]?.nonEmptyText,
            subtotal: Amounts.sum(refund.lines.flatMap { charges($0, false, "PRODUCT") }),
            shipping: Amounts.sum(refund.lines.flatMap { charges($0, false, "SHIPPING") }) ?? 0, tax: Amounts.sum(lines.map(\.tax)),
            discount: Amounts.magnitude(Amounts.sum(refund.lines.flatMap { charges($0, true, nil) })) ?? 0, total: total,
            paymentStatus: refund.status, reasonCode: refund.lines.first?["returnReason"]?.nonEmptyText, lines: lines)
    }

    /// Seed `001_…`'s selling price: the product charge less its discounts, per unit.
    private static func normalizeLine(_ line: JSONValue) -> NormalizedOrderLine {
        let quantity = line["orderLineQuantity", "amount"]?.quantity ?? 0
        let charges = line["charges", "charge"]?.arrayValue ?? []
        let amount = { (charge: JSONValue) in charge["chargeAmount", "amount"]?.decimal }
        let product = charges.filter { $0["chargeType"]?.text == "PRODUCT" }
        let isDiscount = { (charge: JSONValue) in
            (amount(charge) ?? 0) < 0 || (charge["chargeName"]?.text ?? "").lowercased().contains("discount")
        }
        let price = Amounts.sum(product.filter { !isDiscount($0) }.map(amount))
        let discounts = Amounts.sum(product.filter(isDiscount).map { Amounts.magnitude(amount($0)) }) ?? 0
        let statuses = Self.lineStatuses(line)
        return NormalizedOrderLine(
            externalLineID: line["lineNumber"]?.text, sku: line["item", "sku"]?.nonEmptyText, title: line["item", "productName"]?.nonEmptyText,
            quantity: quantity, currency: charges.lazy.compactMap { $0["chargeAmount", "currency"]?.nonEmptyText }.first,
            unitPrice: Amounts.perUnit(price, quantity, scale: 4),
            sellingUnitPrice: Amounts.sellingUnitPrice(lineTotal: price, discounts: discounts, quantity: quantity),
            totalPrice: price, tax: Amounts.sum(charges.map { $0["tax", "taxAmount", "amount"]?.decimal }) ?? 0, discount: discounts,
            shipping: Amounts.sum(charges.filter { $0["chargeType"]?.text == "SHIPPING" }.map(amount)) ?? 0,
            fulfillmentStatus: Self.progress.first(where: statuses.contains) ?? statuses.first)
    }

    private static func normalizeReturnLine(_ line: JSONValue) -> NormalizedRefundLine {
        let quantity = Self.returnedQuantity(line)
        let unit = line["unitPrice", "currencyAmount"]?.decimal
        let tax = Amounts.sum(
            (line["charges"]?.arrayValue ?? []).flatMap { charge in
                (charge["tax"]?.arrayValue ?? []).flatMap { tax in
                    [tax["taxPerUnit", "currencyAmount"]?.decimal.map { $0 * Decimal(quantity) }, tax["excessTax", "currencyAmount"]?.decimal]
                }
            })
        let lineTotal = (line["chargeTotals"]?.arrayValue ?? []).first { $0["name"]?.text == "lineTotal" }?["value", "currencyAmount"]?.decimal
        return NormalizedRefundLine(
            externalLineID: line["returnOrderLineNumber"]?.text, sku: line["item", "sku"]?.nonEmptyText,
            title: line["item", "productName"]?.nonEmptyText, quantity: quantity, currency: line["unitPrice", "currencyUnit"]?.nonEmptyText,
            unitRefund: unit, totalRefund: lineTotal ?? unit.map { $0 * Decimal(quantity) + (tax ?? 0) }, tax: tax,
            reasonCode: line["returnReason"]?.nonEmptyText)
    }

    /// The units refunded, else (while the refund is still to come, `refundedQty` 0) the units returned.
    private static func returnedQuantity(_ line: JSONValue) -> Int {
        line["refundedQty"]?.quantity.flatMap { $0 > 0 ? $0 : nil } ?? line["quantity", "measurementValue"]?.quantity ?? 0
    }

    private static func lineStatuses(_ line: JSONValue) -> [String] {
        (line["orderLineStatuses", "orderLineStatus"]?.arrayValue ?? []).compactMap { $0["status"]?.nonEmptyText }
    }

    /// Over every line's statuses: cancelled when all are, else the least advanced of the rest.
    static func canonicalStatus(_ statuses: [String]) -> CanonicalOrderStatus {
        let live = statuses.filter { $0 != "Cancelled" }
        if !statuses.isEmpty, live.isEmpty { return .cancelled }
        if live.isEmpty { return .pending }
        if live.allSatisfy({ $0 == "Refund" }) { return .refunded }
        if live.allSatisfy({ $0 == "Delivered" || $0 == "Refund" }) { return .delivered }
        if live.allSatisfy({ ["Shipped", "Delivered", "Refund"].contains($0) }) { return .shipped }
        return .processing
    }

    private static let address = AddressFields(
        name: "postalAddress.name", address1: "postalAddress.address1", address2: "postalAddress.address2", city: "postalAddress.city",
        region: "postalAddress.state", postal: "postalAddress.postalCode", country: "postalAddress.country", phone: "phone")
    /// Walmart writes ISO 3166 alpha-3 codes.
    private static let countryCodes = ["USA": "US", "CAN": "CA", "MEX": "MX", "CHL": "CL"]
}
