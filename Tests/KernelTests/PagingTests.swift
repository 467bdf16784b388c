import Kernel
import Testing

@Suite struct PagingTests {
    @Test func cursorsRoundTripAndForgedOnesAreRefused() throws {
        let cursor = Cursor([.int(42), .string("b"), .null])
        #expect(try Cursor(encoded: cursor.encoded) == cursor)
        #expect(throws: PagingError.self) { try Cursor(encoded: "not-a-cursor!") }
        #expect(throws: PagingError.self) { try Cursor(encoded: "W10") }  // "[]": no values
    }

    @Test func pageSizesOutsideOneTo250AreRefused() throws {
        #expect(throws: PagingError.sizeOutOfRange(argument: "first", value: 0)) { try PageRequest(first: 0) }
        #expect(throws: PagingError.sizeOutOfRange(argument: "first", value: 251)) { try PageRequest(first: 251) }
        #expect(throws: PagingError.sizeOutOfRange(argument: "last", value: -1)) { try PageRequest(last: -1) }
        #expect(try PageRequest().size == PageRequest.defaultSize)
        #expect(try PageRequest(first: 250).size == 250)
    }

    @Test func forwardAndBackwardArgumentsCannotBeMixed() {
        #expect(throws: PagingError.mixedDirections) { try PageRequest(first: 5, last: 5) }
        #expect(throws: PagingError.mixedDirections) { try PageRequest(after: Cursor([.int(1)]).encoded, before: Cursor([.int(2)]).encoded) }
    }

    @Test func aFetchedExtraRowMeansThereIsANextPage() throws {
        let request = try PageRequest(first: 2)
        let page = Page(fetched: [1, 2, 3], request: request) { Cursor([.int(Int64($0))]) }
        #expect(page.items == [1, 2])
        #expect(page.hasNextPage)
        #expect(!page.hasPreviousPage)
        #expect(page.endCursor == Cursor([.int(2)]))
        let last = Page(fetched: [3], request: try PageRequest(first: 2, after: page.endCursor!.encoded)) { Cursor([.int(Int64($0))]) }
        #expect(!last.hasNextPage)
        #expect(last.hasPreviousPage)
    }

    @Test func backwardPagesComeBackInTheListsOrder() throws {
        let request = try PageRequest(last: 2, before: Cursor([.int(10)]).encoded)
        let page = Page(fetched: [9, 8, 7], request: request) { Cursor([.int(Int64($0))]) }
        #expect(page.items == [8, 9])
        #expect(page.hasPreviousPage)
        #expect(page.hasNextPage)
    }
}
