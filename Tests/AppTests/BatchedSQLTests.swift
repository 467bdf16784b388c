import Foundation
import PostgresNIO
import QueryLanguage
import Synchronization
import TestSupport
import Testing

/// The executor resolves a field once for all parents of a level, so SQL round trips grow with the query's depth and
/// not with its page size. Measured on real tables in PostgreSQL, counting every statement the resolvers send.
@Suite struct BatchedSQLTests {
    struct Author: Sendable {
        let id: Int
        let name: String
    }

    struct Book: Sendable {
        let id: Int
        let authorID: Int
        let title: String
    }

    struct Chapter: Sendable {
        let bookID: Int
        let title: String
    }

    /// Shared by reference, so the test reads the count the resolvers wrote.
    final class Context: Sendable {
        let client: PostgresClient
        let statements = Mutex(0)

        init(client: PostgresClient) {
            self.client = client
        }

        func rows(_ sql: String, _ ids: [Int]) async throws -> [PostgresRow] {
            self.statements.withLock { $0 += 1 }
            var bindings = PostgresBindings()
            bindings.append(ids)
            return try await self.client.query(PostgresQuery(unsafeSQL: sql, binds: bindings)).collect()
        }
    }

    struct First: Decodable, Sendable {
        let first: Int
    }

    static let sdl = """
        type Query { authors(first: Int!): [Author!]! }
        type Author { id: Int! name: String! books: [Book!]! }
        type Book { title: String! chapters: [Chapter!]! }
        type Chapter { title: String! }
        """

    static func engine() throws -> QueryEngine<Context> {
        var bindings = SchemaBindings<Context>()
        bindings.root("Query") { query in
            query.list("authors", Author.self, arguments: First.self) { parents, arguments, context in
                let rows = try await context.context.rows("SELECT id, name FROM qa.authors WHERE id <= $1[1] ORDER BY id", [arguments.first])
                let authors = try rows.map { row in
                    let (id, name) = try row.decode((Int, String).self)
                    return Author(id: id, name: name)
                }
                return parents.map { _ in authors }
            }
        }
        bindings.object("Author", Author.self) { type in
            type.field("id") { .int($0.id) }
            type.field("name") { .string($0.name) }
            type.list("books", Book.self, arguments: NoArguments.self) { parents, _, context in
                let rows = try await context.context.rows(
                    "SELECT id, author_id, title FROM qa.books WHERE author_id = ANY($1) ORDER BY id", parents.map(\.id))
                let books = try rows.map { row in
                    let (id, author, title) = try row.decode((Int, Int, String).self)
                    return Book(id: id, authorID: author, title: title)
                }
                let byAuthor = Dictionary(grouping: books, by: \.authorID)
                return parents.map { byAuthor[$0.id] ?? [] }
            }
        }
        bindings.object("Book", Book.self) { type in
            type.field("title") { .string($0.title) }
            type.list("chapters", Chapter.self, arguments: NoArguments.self) { parents, _, context in
                let rows = try await context.context.rows(
                    "SELECT book_id, title FROM qa.chapters WHERE book_id = ANY($1) ORDER BY id", parents.map(\.id))
                let chapters = try rows.map { row in
                    let (book, title) = try row.decode((Int, String).self)
                    return Chapter(bookID: book, title: title)
                }
                let byBook = Dictionary(grouping: chapters, by: \.bookID)
                return parents.map { byBook[$0.id] ?? [] }
            }
        }
        bindings.object("Chapter", Chapter.self) { type in type.field("title") { .string($0.title) } }
        let schema = try QuerySchema(sources: [SchemaSource(name: "library.graphql", text: self.sdl)], bindings: bindings, scalars: [])
        return QueryEngine(schema: schema, limits: QueryLimits(maximumCost: 100_000, bucketCapacity: 100_000)) { error in
            FieldError(message: "\(error)", code: "TEST")
        }
    }

    @Test func threeListLevelsOverFiftyParentsTakeOneStatementPerLevel() async throws {
        try await TestDatabase.withFresh { environment in
            for statement in [
                "CREATE SCHEMA qa",
                "CREATE TABLE qa.authors (id int PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE qa.books (id int PRIMARY KEY, author_id int NOT NULL, title text NOT NULL)",
                "CREATE TABLE qa.chapters (id int PRIMARY KEY, book_id int NOT NULL, title text NOT NULL)",
                "CREATE INDEX ON qa.books (author_id)",
                "CREATE INDEX ON qa.chapters (book_id)",
                "INSERT INTO qa.authors SELECT a, 'Author ' || a FROM generate_series(1, 50) a",
                "INSERT INTO qa.books SELECT a * 10 + b, a, 'Book ' || b FROM generate_series(1, 50) a, generate_series(1, 3) b",
                """
                INSERT INTO qa.chapters SELECT (a * 10 + b) * 10 + c, a * 10 + b, 'Chapter ' || c
                FROM generate_series(1, 50) a, generate_series(1, 3) b, generate_series(1, 2) c
                """,
            ] {
                try await environment.ownerClient.query(PostgresQuery(unsafeSQL: statement))
            }
            let engine = try Self.engine()
            for pageSize in [5, 50] {
                let context = Context(client: environment.ownerClient)
                let response = await engine.execute(
                    QueryRequest(query: "{ authors(first: \(pageSize)) { name books { title chapters { title } } } }"), context: context,
                    throttleKey: nil)
                #expect(response.errors.isEmpty, "\(response.errors)")
                let body = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
                let authors = (body?["data"] as? [String: Any])?["authors"] as? [[String: Any]]
                #expect(authors?.count == pageSize)
                #expect(((authors?.last?["books"] as? [[String: Any]])?.first?["chapters"] as? [Any])?.count == 2)
                #expect(context.statements.withLock { $0 } == 3)
            }
        }
    }
}
