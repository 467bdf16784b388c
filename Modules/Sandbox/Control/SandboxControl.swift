import Foundation
import Kernel

/// The sandbox's switchboard: faults waiting to be injected, and the log of every provider call it answered (so tests
/// can count requests per second and check that a `Retry-After` was honoured).
public actor SandboxControl {
    public struct Call: Sendable, Codable, Equatable {
        public let provider: Provider
        public let method: String
        public let path: String
        public let status: Int
        public let at: Date
        /// The call arrived while a `Retry-After` this sandbox announced was still running.
        public let early: Bool
    }

    private var faults: [Fault] = []
    private var calls: [Call] = []
    private var retryAfterUntil: [Provider: Date] = [:]

    public init() {}

    public func add(_ fault: Fault) {
        self.faults.append(fault)
    }

    public func clear() {
        self.faults = []
        self.calls = []
        self.retryAfterUntil = [:]
    }

    /// Takes the first fault of `kind` (any kind when `nil`) that matches the call, counting it down.
    func take(_ provider: Provider, path: String, kinds: Set<Fault.Kind>) -> Fault? {
        guard
            let index = self.faults.firstIndex(where: {
                $0.provider == provider && kinds.contains($0.kind) && ($0.pathSuffix.map { path.hasSuffix($0) } ?? true)
            })
        else { return nil }
        let fault = self.faults[index]
        if let count = fault.count {
            if count <= 1 { self.faults.remove(at: index) } else { self.faults[index].count = count - 1 }
        }
        return fault
    }

    func record(_ provider: Provider, method: String, path: String, status: Int, at now: Date, retryAfter: Int?) {
        let early = (self.retryAfterUntil[provider].map { now < $0 }) ?? false
        self.calls.append(Call(provider: provider, method: method, path: path, status: status, at: now, early: early))
        if let retryAfter { self.retryAfterUntil[provider] = now.addingTimeInterval(Double(retryAfter)) }
    }

    public func calls(_ provider: Provider? = nil) -> [Call] {
        provider.map { provider in self.calls.filter { $0.provider == provider } } ?? self.calls
    }
}
