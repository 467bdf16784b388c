import Foundation

/// Marker for tenant identifiers.
public enum Tenant {}

/// The tenant (organisation) that owns a row. Every tenant-owned table leads with it.
public typealias TenantID = Identifier<Tenant, UUID>
