import Foundation
import QueryFixtures
import QueryLanguage
import Testing

/// Inputs that once crashed or threatened to hang the engine (found by `scripts/fuzz-query` or by reading
/// GraphQLSwift), replayed through the fuzz target's whole path on every test run.
@Suite struct FuzzRegressionTests {
    static let folder = ReferenceScript.repositoryRoot.appendingPathComponent("Tests/QueryLanguageTests/FuzzRegressions")

    @Test func everyRegressionInputGetsAJSONAnswer() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        #expect(files.count >= 10)
        for file in files {
            let bytes = try Data(contentsOf: Self.folder.appendingPathComponent(file))
            let outcome = await FuzzEntry.run(Array(bytes))
            switch file {
            case "invalid-json.json", "not-an-object.json", "variables-not-an-object.json":
                #expect(outcome == .malformedRequest, "\(file)")
            case "schema-block.json", "repeated-identical-operations.json", "repeated-identical-fragments.json", "truncated-unicode-escape.json",
                "deep-list-nesting.json", "huge-int-variable.json", "overlapping-cyclic-fragment.json",
                "overlapping-cyclic-fragment-under-one-key.json", "fragment-chain-depth.json":
                #expect(outcome == .answered(.rejected), "\(file)")
            case "introspection-fragment-fan-out.json":
                #expect(outcome == .answered(.executed), "\(file)")
            default:
                #expect(outcome != .malformedRequest, "\(file)")
            }
        }
    }
}
