import Kernel
import Testing

@Suite struct HexTests {
    @Test func bytesBecomeTwoLowerCaseDigitsEach() {
        #expect(Hex.encode([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Hex.encode([UInt8]()) == "")
    }

    @Test func randomTextHasTheLengthAskedForAndDiffersEachTime() {
        let first = Hex.random(bytes: 16)
        #expect(first.count == 32)
        #expect(first.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(Hex.random(bytes: 16) != first)
    }
}
