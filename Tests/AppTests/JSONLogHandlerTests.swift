import App
import Foundation
import Logging
import Synchronization
import Testing

@Suite struct JSONLogHandlerTests {
    @Test func eachEventIsOneJSONObjectWithItsMetadataAsFields() throws {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "switchyard.test") { label in
            JSONLogHandler(label: label) { line in lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "request_id"] = "r-1"
        logger.warning(
            "quote \" backslash \\ newline \n tab \t nul \u{0} done",
            metadata: ["job.id": "42", "attempts": .stringConvertible(3), "tags": ["a", "b"], "nested": ["k": "v"]])
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        #expect(written[0].hasSuffix("}\n"))
        #expect(written[0].dropLast().contains("\n") == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: Any])
        #expect(object["level"] as? String == "warning")
        #expect(object["logger"] as? String == "switchyard.test")
        #expect(object["message"] as? String == "quote \" backslash \\ newline \n tab \t nul \u{0} done")
        #expect(object["request_id"] as? String == "r-1")
        #expect(object["job.id"] as? String == "42")
        #expect(object["attempts"] as? String == "3")
        #expect(object["tags"] as? [String] == ["a", "b"])
        #expect(object["nested"] as? [String: String] == ["k": "v"])
        #expect((object["source"] as? String)?.hasPrefix("JSONLogHandlerTests.swift:") == true)
        let time = try #require(object["time"] as? String)
        #expect(time.hasSuffix("Z") && time.contains("."))
    }

    @Test func eventsBelowTheLevelAreNotWritten() {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "quiet") { label in JSONLogHandler(label: label) { line in lines.withLock { $0.append(line) } } }
        logger.logLevel = .error
        logger.info("not written")
        logger.error("written")
        #expect(lines.withLock { $0.count } == 1)
    }
}
