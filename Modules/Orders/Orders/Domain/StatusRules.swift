import Foundation
import Kernel
import OrdersContracts

/// Seed `002_…`'s status writeback: an order set to `shipped` ships with a carrier and a tracking number, which the
/// channel needs; any other status is the admin's word alone.
enum StatusRules {
    /// The shipment a change to `shipped` makes, or every reason it cannot.
    static func shipment(_ change: OrderStatusChange, of orderID: Int64) throws(OrdersError) -> ShipmentRequest {
        let trackingNumber = change.trackingNumber?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let carrier = change.carrier?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var problems: [String] = []
        if trackingNumber.isEmpty { problems.append("trackingNumber can't be blank when status is shipped.") }
        if carrier.isEmpty { problems.append("carrier can't be blank when status is shipped (GET /api/v1/carrier_codes lists them).") }
        for (name, value) in [("trackingNumber", trackingNumber), ("carrier", carrier), ("service", change.service ?? "")]
        where value.count > ShipmentRequest.maxTextLength {
            problems.append("\(name) is too long (maximum is \(ShipmentRequest.maxTextLength) characters).")
        }
        guard problems.isEmpty else { throw .statusChangeInvalid(problems) }
        let service = change.service?.trimmingCharacters(in: .whitespacesAndNewlines)
        return ShipmentRequest(
            remoteOrderID: orderID, channel: nil, externalOrderID: nil, carrier: carrier, service: service?.isEmpty == false ? service : nil,
            trackingNumber: trackingNumber, shippedAt: nil)
    }
}
