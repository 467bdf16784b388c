import Kernel
import OrdersContracts
import Storage

extension OrdersService {
    public func setArchived(_ archived: Bool, _ selection: OrderSelection, tenant: TenantID, actor: String) async throws -> [Int64] {
        try await self.database.withTenant(tenant) { transaction in
            let changed = try await OrderAdminStore.setArchived(archived, selection, in: transaction)
            try await Self.record(archived ? "order.archived" : "order.unarchived", changed, actor: actor, in: transaction)
            return changed
        }
    }

    public func deleteOrders(_ selection: OrderSelection, tenant: TenantID, actor: String) async throws -> [Int64] {
        try await self.database.withTenant(tenant) { transaction in
            let selected = try await OrderAdminStore.lock(selection, in: transaction)
            guard !selected.isEmpty else { return [] }
            let busy = try await OrderAdminStore.busy(selected, in: transaction)
            guard busy.isEmpty else { throw OrdersError.ordersBusy(busy) }
            try await OrderAdminStore.delete(selected, in: transaction)
            try await Self.record("order.deleted", selected, actor: actor, in: transaction)
            return selected
        }
    }

    /// One activity entry per action: the order's id, or `bulk` with how many and the first ids.
    private static func record(_ event: String, _ ids: [Int64], actor: String, in transaction: Transaction) async throws {
        guard !ids.isEmpty else { return }
        try await ActivityLog.record(
            NewActivity(
                actorType: "user", actorID: actor, subjectType: "ChannelOrder", subjectID: ids.count == 1 ? "\(ids[0])" : "bulk", event: event,
                properties: ["count": "\(ids.count)", "ids": ids.prefix(50).map(String.init).joined(separator: ",")]),
            in: transaction)
    }
}
