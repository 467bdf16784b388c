import Foundation
import Kernel

public enum User {}
public enum MachineToken {}

public typealias UserID = Identifier<User, UUID>
public typealias MachineTokenID = Identifier<MachineToken, UUID>

/// A person's role inside one tenant.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case viewer
    case staff
    case admin
    case owner

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// What a machine token may do. A `:write` scope includes the matching `:read`.
public enum TokenScope: String, Sendable, Codable, CaseIterable {
    case erp
    case importRead = "import:read"
    case importWrite = "import:write"
    case channelRead = "channel:read"
    case channelWrite = "channel:write"

    /// `channel:read` and `channel:write`: held only by tokens bound to one channel.
    public var isChannelScope: Bool { self == .channelRead || self == .channelWrite }

    /// Whether holding `self` grants `required`.
    public func grants(_ required: TokenScope) -> Bool {
        switch (self, required) {
        case (.importWrite, .importRead), (.channelWrite, .channelRead): true
        default: self == required
        }
    }
}
