import Foundation
import Kernel
import Testing

@Suite struct IdentifierTests {
    @Test func globalIDsParseAndPrint() {
        let id = GlobalID("gid://switchyard/Order/123")
        #expect(id == GlobalID(typeName: "Order", localID: "123"))
        #expect(id?.description == "gid://switchyard/Order/123")
    }

    @Test(arguments: [
        "gid://switchyard/Order", "gid://other/Order/1", "gid://switchyard//1", "gid://switchyard/Order/1/2", "Order/1", "gid://switchyard/Or-der/1",
    ])
    func malformedGlobalIDsAreRefused(text: String) {
        #expect(GlobalID(text) == nil)
    }

    @Test func uuidIdentifiersAreWrittenInLowerCase() throws {
        let tenant = TenantID(UUID(uuidString: "5D1C0F4E-0B7A-4C7E-9A51-3F1D7C2B9E01")!)
        #expect(tenant.description == "5d1c0f4e-0b7a-4c7e-9a51-3f1d7c2b9e01")
        #expect(String(decoding: try JSONEncoder().encode([tenant]), as: UTF8.self) == #"["5d1c0f4e-0b7a-4c7e-9a51-3f1d7c2b9e01"]"#)
        #expect(TenantID(uuidString: "nope") == nil)
    }

    @Test func timestampsRoundTripWithMillisecondsAndOffsets() {
        let date = Date(timeIntervalSince1970: 1_795_000_000.123)
        let text = ISO8601.string(from: date)
        #expect(text == "2026-11-18T11:06:40.123Z")
        #expect(abs(ISO8601.date(from: text)!.timeIntervalSince(date)) < 0.001)
        #expect(ISO8601.date(from: "2026-11-18T13:06:40+02:00") == Date(timeIntervalSince1970: 1_795_000_000))
        #expect(ISO8601.date(from: "yesterday") == nil)
    }

    @Test func aFixedClockSaysWhatItIsTold() {
        let clock = FixedClock(Date(timeIntervalSince1970: 0))
        clock.advance(by: 90)
        #expect(clock.now() == Date(timeIntervalSince1970: 90))
    }
}
