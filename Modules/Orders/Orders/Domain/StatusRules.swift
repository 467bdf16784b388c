import Foundation
import Kernel
import OrdersContracts

/// Seed `002_…`'s status writeback: an order set to `shipped` ships with a carrier and a tracking number, which the
/// channel needs; any other status is the admin's word alone.
enum StatusRules {
    /// The shipment a change to `shipped` makes, or every reason it cannot.
    static func shipment(_ change: OrderStatusChange, of orderID: Int64) throws(OrdersError) -> ShipmentRequest {
        var problems: [String] = []
        func cleaned(_ text: String?, _ label: String, blank: String?) -> String? {
            switch ShipmentRequest.cleaned(text ?? "", label: label) {
            case .success(let value?): return value
            case .success(nil):
                if let blank { problems.append(blank) }
                return nil
            case .failure(let refused):
                problems += refused.messages
                return nil
            }
        }
        let trackingNumber = cleaned(change.trackingNumber, "trackingNumber", blank: "trackingNumber can't be blank when status is shipped.")
        let carrier = cleaned(
            change.carrier, "carrier", blank: "carrier can't be blank when status is shipped (GET /api/v1/carrier_codes lists them).")
        let service = cleaned(change.service, "service", blank: nil)
        guard problems.isEmpty, let trackingNumber, let carrier else { throw .statusChangeInvalid(problems) }
        return ShipmentRequest(
            remoteOrderID: orderID, channel: nil, externalOrderID: nil, carrier: carrier, service: service, trackingNumber: trackingNumber,
            shippedAt: nil)
    }
}
