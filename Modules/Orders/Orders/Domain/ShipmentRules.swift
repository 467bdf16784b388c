import Foundation
import Kernel
import OrdersContracts

/// An order as a shipment needs it: where it lives on its channel, and whether it can still ship.
struct ShipmentTarget: Sendable, Equatable {
    let orderID: Int64
    let instanceID: Int64
    let provider: Provider
    let externalOrderID: String
    let cancelled: Bool
}

/// An order as its channel names it.
struct ChannelOrderReference: Sendable, Hashable {
    let instanceID: Int64
    let externalOrderID: String
}

extension ShipmentTarget {
    var reference: ChannelOrderReference { ChannelOrderReference(instanceID: self.instanceID, externalOrderID: self.externalOrderID) }
}

/// What makes a shipment the same shipment: its order and tracking number.
struct ShipmentKey: Sendable, Hashable, Comparable {
    let orderID: Int64
    let trackingNumber: String

    static func < (left: ShipmentKey, right: ShipmentKey) -> Bool {
        (left.orderID, left.trackingNumber) < (right.orderID, right.trackingNumber)
    }
}

/// A shipment ready to record: its order found, its carrier spelled as the channel spells it.
struct AcceptedShipment: Sendable, Equatable {
    let orderID: Int64
    let carrier: String
    let service: String?
    let trackingNumber: String
    let shippedAt: Date?

    var key: ShipmentKey { ShipmentKey(orderID: self.orderID, trackingNumber: self.trackingNumber) }
}

/// Seed `001_…`'s rules for a shipment: `remote_order_id` names the order (and must agree with a channel and
/// `external_order_id` given beside it), else the channel code and the channel's order id do; the order may not be
/// cancelled; the carrier must be one the order's provider accepts, matched without regard to case. An order ships under
/// one tracking number: the shipment API names no lines, so a second package's push would ship every line again, which
/// the channels refuse.
enum ShipmentRules {
    /// The carriers of each provider, by their lowercased code. `tracking` holds the tracking number of each order's
    /// shipment that has not failed.
    typealias Carriers = [Provider: [String: String]]

    static func accept(
        _ request: ShipmentRequest, byID: ShipmentTarget?, byExternal: ShipmentTarget?, channel: OrderChannel?, carriers: Carriers,
        tracking: [Int64: String]
    ) -> Result<AcceptedShipment, RowProblems> {
        let target: ShipmentTarget
        if let id = request.remoteOrderID {
            guard let found = byID else { return .failure(RowProblems(["Remote order \(id) not found"])) }
            let sameChannel = request.channel == nil || channel?.instanceID == found.instanceID
            let sameOrder = request.externalOrderID.map { $0 == found.externalOrderID } ?? true
            guard sameChannel, sameOrder else {
                let named = [request.channel.map { "channel \($0)" }, request.externalOrderID.map { "external_order_id \($0)" }]
                return .failure(RowProblems(["remote_order_id \(id) conflicts with \(named.compactMap { $0 }.joined(separator: " and "))"]))
            }
            target = found
        } else {
            guard let code = request.channel, let orderID = request.externalOrderID else {
                return .failure(RowProblems(["Either remote_order_id or channel and external_order_id must be present"]))
            }
            guard channel != nil else { return .failure(RowProblems(["Channel \(code) not found"])) }
            guard let found = byExternal else { return .failure(RowProblems(["Order \(orderID) not found on channel \(code)"])) }
            target = found
        }
        var problems: [String] = []
        if target.cancelled { problems.append("Order \(target.externalOrderID) is cancelled") }
        if let shipped = tracking[target.orderID], shipped != request.trackingNumber {
            problems.append("Order \(target.externalOrderID) already has a shipment (tracking number \(shipped))")
        }
        let provider = target.provider.rawValue
        let carrier = carriers[target.provider]?[request.carrier.lowercased()]
        if carriers[target.provider, default: [:]].isEmpty {
            problems.append("Carrier codes for \(provider) have not been synced yet; try again in a minute")
        } else if carrier == nil {
            problems.append("Carrier is not a valid carrier code for \(provider)")
        }
        guard problems.isEmpty, let carrier else { return .failure(RowProblems(problems)) }
        return .success(
            AcceptedShipment(
                orderID: target.orderID, carrier: carrier, service: request.service, trackingNumber: request.trackingNumber,
                shippedAt: request.shippedAt))
    }
}
