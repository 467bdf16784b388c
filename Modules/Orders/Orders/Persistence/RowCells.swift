import Foundation
import PostgresNIO

/// The optional cells the order stores read most, by position.
extension PostgresRandomAccessRow {
    func text(_ index: Int) throws -> String? { try self[index].decode(String?.self) }
    func money(_ index: Int) throws -> Decimal? { try self[index].decode(Decimal?.self) }
    func time(_ index: Int) throws -> Date? { try self[index].decode(Date?.self) }
}
