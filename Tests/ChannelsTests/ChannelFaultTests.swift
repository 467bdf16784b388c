import Channels
import Foundation
import Kernel
import Logging
import Sandbox
import Testing

/// What the adapters do when the channel misbehaves: 429 storms, 5xx, slow answers, a NextToken that never advances,
/// and our own limiter holding calls to the published rate.
@Suite struct ChannelFaultTests {
    static let since = RunningSandbox.now.addingTimeInterval(-86_400)

    @Test func aRateLimitStormIsWaitedOutAndNoCallArrivesBeforeItsRetryAfter() async throws {
        try await RunningSandbox.run { running in
            await running.sandbox.control.add(Fault(provider: .shopify, kind: .rateLimit, count: 3, retryAfter: 1))
            let page = try await running.adapter(.shopify).fetchOrders(PullQuery(updatedSince: Self.since))
            #expect(page.records.count == 12)
            let calls = await running.sandbox.control.calls(.shopify)
            #expect(calls.map(\.status) == [429, 429, 429, 200])
            #expect(calls.allSatisfy { !$0.early }, "a call arrived inside an announced Retry-After")
            for (previous, call) in zip(calls, calls.dropFirst()) { #expect(call.at.timeIntervalSince(previous.at) >= 0.99) }
        }
    }

    @Test func aRetryAfterLongerThanACallMayWaitIsHandedBackToTheJobQueue() async throws {
        try await RunningSandbox.run { running in
            await running.sandbox.control.add(Fault(provider: .shopify, kind: .rateLimit, count: 1, retryAfter: 120))
            let adapter = running.adapter(.shopify)
            await #expect(throws: ChannelCallError.throttled(retryAfter: 120)) { try await adapter.fetchOrders(PullQuery(updatedSince: Self.since)) }
            await #expect(throws: ChannelCallError.self, "the bucket stays paused for everyone") {
                try await adapter.fetchOrders(PullQuery(updatedSince: Self.since))
            }
            #expect(await running.sandbox.control.calls(.shopify).count == 1)
        }
    }

    @Test func serverErrorsAreRetriedWithBackoffAndPersistentOnesSurface() async throws {
        try await RunningSandbox.run { running in
            await running.sandbox.control.add(Fault(provider: .shopify, kind: .serverError, count: 2, status: 502))
            let page = try await running.adapter(.shopify).fetchOrders(PullQuery(updatedSince: Self.since))
            #expect(page.records.count == 12)
            #expect(await running.sandbox.control.calls(.shopify).map(\.status) == [502, 502, 200])

            await running.sandbox.control.add(Fault(provider: .shopify, kind: .serverError, count: nil, status: 503))
            await #expect(throws: ChannelCallError.unavailable(status: 503)) {
                try await running.adapter(.shopify).fetchOrders(PullQuery(updatedSince: Self.since))
            }
        }
    }

    @Test func aSlowAnswerBeyondTheTimeoutFailsAsUnreachable() async throws {
        try await RunningSandbox.run { running in
            await running.sandbox.control.add(Fault(provider: .shopify, kind: .slow, count: nil, delayMilliseconds: 3000))
            let policy = ChannelHTTP.Policy(attempts: 1, baseDelay: 0.01, maxInlineWait: 1, timeout: 1)
            await #expect {
                try await running.adapter(.shopify, policy: policy).fetchOrders(PullQuery(updatedSince: Self.since))
            } throws: { error in
                guard case .unreachable = error as? ChannelCallError else { return false }
                return true
            }
        }
    }

    @Test(arguments: [false, true])
    func aNextTokenThatNeverAdvancesStopsTheWalkWithAWarning(freshToken: Bool) async throws {
        try await RunningSandbox.run { running in
            await running.sandbox.control.add(
                Fault(provider: .amazon, kind: .stuckNextToken, count: nil, pathSuffix: "/orders/v0/orders", freshToken: freshToken))
            var received: [RemoteOrder] = []
            let outcome = try await RemoteWalk.run(
                running.adapter(.amazon), RemoteOrder.self, since: Self.since, continuation: nil, maxPages: 10,
                logger: .init(label: "walk") { _ in running.logs }
            ) { orders, _ in received += orders }
            #expect(outcome.trip == (freshToken ? .noNewItems : .repeatedToken))
            #expect(outcome.pages == 2)
            #expect(outcome.continuation == nil)
            #expect(received.count == 12, "the served-again page adds nothing")
            let warning = try #require(running.logs.warnings.first)
            #expect(warning.metadata["defence"] == .string(outcome.trip?.rawValue ?? ""))
        }
    }

    @Test func orderItemsServedAgainAreNeverCountedTwice() async throws {
        try await RunningSandbox.run(ordersPerChannel: 3) { running in
            await running.sandbox.control.add(
                Fault(provider: .amazon, kind: .stuckNextToken, count: nil, pathSuffix: "/orderItems", freshToken: true))
            let adapter = running.adapter(.amazon)
            let page = try await adapter.fetchOrders(PullQuery(updatedSince: Self.since))
            #expect(page.records.count == 3)
            for order in page.records {
                let stored = try #require(await running.sandbox.store.order(.amazon, id: order.remoteID))
                let ids = try await adapter.orderLines(order).compactMap { $0["OrderItemId"]?.text }
                #expect(ids.count == Set(ids).count)
                #expect(Set(ids).isSubset(of: stored.lines.map(\.lineID)))
                #expect(ids.count == min(stored.lines.count, 2), "the first page of two items, once")
            }
        }
    }

    @Test func ourLimiterHoldsCallsToThePublishedBucket() async throws {
        try await RunningSandbox.run(ordersPerChannel: 1) { running in
            let adapter = running.adapter(.shopify, policy: ChannelHTTP.Policy(attempts: 1, baseDelay: 0.01, maxInlineWait: 0, timeout: 5))
            let started = Date()
            var refusal: ChannelCallError?
            for _ in 0..<400 where refusal == nil {
                do {
                    _ = try await adapter.fetchOrders(PullQuery(updatedSince: Self.since))
                } catch {
                    refusal = (error as? ChannelCallError) ?? .malformed("\(error)")
                }
            }
            let elapsed = Date().timeIntervalSince(started)
            let calls = await running.sandbox.control.calls(.shopify).count
            guard case .throttled(let seconds) = refusal else {
                Issue.record("expected a throttled refusal, got \(String(describing: refusal))"); return
            }
            #expect(seconds > 0 && seconds <= 0.5, "one token comes back every half second")
            #expect(calls >= 40, "the bucket starts full")
            #expect(Double(calls) <= 40 + 2 * elapsed + 1, "\(calls) calls in \(elapsed) s exceed Shopify's 40 + 2/s")
        }
    }
}
