import Foundation
import GraphQL
import QueryFixtures
import QueryLanguage
import Testing

/// Our parse and validation against graphql-core's on the same SDL: a corpus of valid and invalid documents must get
/// the same verdict and the same set of violated rules, and our introspection must rebuild into the same schema.
@Suite struct DifferentialTests {
    static let corpus = ReferenceScript.repositoryRoot.appendingPathComponent("Tests/QueryLanguageTests/Corpus")

    /// GraphQLSwift's lexer knows only the four-digit `\uXXXX` escape: the braced form and surrogate pairs of the
    /// October 2021 spec are syntax errors to it. The script fails if these start to agree or others diverge.
    static let knownDivergences = ["valid-082-unicode-surrogate-pair.graphql", "valid-083-unicode-braced-escape.graphql"]

    @Test func everyCorpusDocumentGetsGraphQLCoresVerdict() async throws {
        let engine = try ShopSchema.engine(limits: QueryLimits(maximumCost: .max / 2, maximumDepth: 100, maximumAliases: 1000))
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0.hasSuffix(".graphql") }.sorted()
        #expect(files.count >= 200)
        var ours: [String: [String: Any]] = [:]
        for file in files {
            let text = try String(contentsOf: Self.corpus.appendingPathComponent(file), encoding: .utf8)
            let response = await engine.execute(QueryRequest(query: text), context: ShopContext(), throttleKey: nil)
            let refusedAsDocument = response.errors.contains { $0.code == "GRAPHQL_PARSE_FAILED" || $0.code == "GRAPHQL_VALIDATION_FAILED" }
            ours[file] = ["valid": !refusedAsDocument, "messages": refusedAsDocument ? response.errors.map(\.message) : []]
        }
        let verdicts = try JSONSerialization.data(withJSONObject: ours)
        let result = try ReferenceScript.withTemporaryFile(ShopSchema.sdl, name: "shop.graphql") { schema in
            try ReferenceScript.run(
                ["validate", "--schema", schema, "--documents", Self.corpus.path, "--min-documents", "200"]
                    + Self.knownDivergences.flatMap { ["--expect-divergence", $0] },
                input: verdicts)
        }
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func introspectionRebuildsTheSameSchema() async throws {
        let query = try ReferenceScript.run(["introspection-query"])
        #expect(query.status == 0, "\(query.output)")
        let engine = try ShopSchema.engine()
        let response = await engine.execute(QueryRequest(query: query.output), context: ShopContext(), throttleKey: nil)
        #expect(response.errors.isEmpty, "\(response.errors)")
        let introspection = Data(response.body)
        let result = try ReferenceScript.withTemporaryFile(ShopSchema.sdl, name: "shop.graphql") { schema in
            try ReferenceScript.run(["compare-introspection", "--schema", schema], input: introspection)
        }
        #expect(result.status == 0, "\(result.output)")
    }
}
