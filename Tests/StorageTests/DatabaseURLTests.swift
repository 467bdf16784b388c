import Storage
import Testing

@Suite struct DatabaseURLTests {
    @Test func parsesEveryPart() throws {
        let url = try DatabaseURL("postgres://owner:p%40ss@db.internal:6543/shop?sslmode=require")
        #expect(url.host == "db.internal")
        #expect(url.port == 6543)
        #expect(url.username == "owner")
        #expect(url.password == "p@ss")
        #expect(url.database == "shop")
        #expect(url.tls == .require)
        #expect(url.description == "postgres://owner:***@db.internal:6543/shop")
        #expect(try DatabaseURL(url.text) == url)
    }

    @Test(arguments: ["mysql://a@b/c", "postgres://b/c", "postgres://a@b/", "not a url", ""])
    func refusesWhatIsNotAPostgresURL(text: String) {
        #expect(throws: StorageError.self) { try DatabaseURL(text) }
    }
}
