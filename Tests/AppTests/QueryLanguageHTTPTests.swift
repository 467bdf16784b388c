import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IdentityContracts
import Kernel
import QueryFixtures
import Storage
import TestSupport
import Testing

extension TestClientProtocol {
    /// POSTs a GraphQL request and gives back the status and the parsed body.
    func graphQL(
        _ query: String, variables: [String: Any] = [:], headers: HTTPFields, accept: String? = nil
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        var headers = headers
        headers[.contentType] = "application/json"
        if let accept { headers[.accept] = accept }
        let body = try JSONSerialization.data(withJSONObject: ["query": query, "variables": variables])
        return try await self.execute(uri: "/graphql", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { response in
            (response.status, response.json)
        }
    }
}

func value(_ body: [String: Any], _ path: Any...) -> Any? {
    var current: Any? = body["data"]
    for step in path {
        if let key = step as? String { current = (current as? [String: Any])?[key] }
        if let index = step as? Int { current = (current as? [Any]).flatMap { $0.indices.contains(index) ? $0[index] : nil } }
    }
    return current
}

func codes(_ body: [String: Any]) -> [String] {
    (body["errors"] as? [[String: Any]] ?? []).compactMap { ($0["extensions"] as? [String: Any])?["code"] as? String }
}

@Suite struct QueryLanguageHTTPTests {
    @Test func viewerAndTenantComeFromTheCallerAndOrgid() async throws {
        try await AppFixture.run { fixture, client in
            let (status, body) = try await client.graphQL(
                "{ viewer { id email role tenant { slug } } tenant { id name createdAt } }", headers: try await fixture.adminHeaders(fixture.staff))
            #expect(status == .ok)
            #expect(value(body, "viewer", "email") as? String == fixture.staff.email)
            #expect(value(body, "viewer", "role") as? String == "STAFF")
            #expect(value(body, "viewer", "id") as? String == "gid://switchyard/User/\(fixture.staff.id)")
            #expect(value(body, "viewer", "tenant", "slug") as? String == "demo")
            #expect(value(body, "tenant", "id") as? String == "gid://switchyard/Tenant/\(fixture.tenant.id)")
            let cost = (body["extensions"] as? [String: Any])?["cost"] as? [String: Any]
            #expect(cost?["requestedQueryCost"] as? Int == 3)
            #expect((cost?["throttleStatus"] as? [String: Any])?["maximumAvailable"] as? Int == 2000)
        }
    }

    @Test func jobsPageWithoutRepeatsOrGapsWhileTheListChanges() async throws {
        try await AppFixture.run { fixture, client in
            let database = fixture.environment.database
            var ids: [Int64] = []
            for _ in 0..<7 {
                ids.append(try await database.withTenant(fixture.tenant.id) { try await JobQueue.enqueue(ImportCatalog(), in: $0) }.id.rawValue)
            }
            _ = try await database.withTenant(fixture.otherTenant.id) { try await JobQueue.enqueue(ImportCatalog(), in: $0) }
            let headers = try await fixture.adminHeaders(fixture.viewer)
            let query = """
                query($after: String) { jobs(first: 3, after: $after, sort: [{field: CREATED_AT, direction: DESC}]) {
                  totalCount pageInfo { hasNextPage endCursor } nodes { id state } } }
                """
            var seen: [String] = []
            var after: Any = NSNull()
            for page in 0..<3 {
                let (_, body) = try await client.graphQL(query, variables: ["after": after], headers: headers)
                #expect(body["errors"] == nil, "\(body)")
                let nodes = value(body, "jobs", "nodes") as? [[String: Any]] ?? []
                seen += nodes.compactMap { $0["id"] as? String }
                after = value(body, "jobs", "pageInfo", "endCursor") ?? NSNull()
                if page == 0 {
                    #expect(value(body, "jobs", "totalCount") as? Int == 7)
                    _ = try await database.withTenant(fixture.tenant.id) { try await JobQueue.enqueue(ImportCatalog(), in: $0) }
                }
                #expect(value(body, "jobs", "pageInfo", "hasNextPage") as? Bool == (page < 2))
            }
            #expect(seen == ids.reversed().map { "gid://switchyard/Job/\($0)" })
        }
    }

    @Test func filtersAndSortsCompileToSQL() async throws {
        try await AppFixture.run { fixture, client in
            let database = fixture.environment.database
            let first = try await database.withTenant(fixture.tenant.id) { try await JobQueue.enqueue(ImportCatalog(), in: $0) }
            _ = try await database.withTenant(fixture.tenant.id) { try await JobQueue.enqueue(ImportCatalog(), in: $0) }
            _ = try await database.withTenant(fixture.tenant.id) { try await JobQueue.cancel(first.id, in: $0) }
            let headers = try await fixture.adminHeaders(fixture.viewer)
            let (_, cancelled) = try await client.graphQL(
                "{ jobs(filter: {state: {in: [CANCELLED, DEAD]}, kind: {contains: \"CATALOG\"}}) { totalCount nodes { id state finishedAt } } }",
                headers: headers)
            #expect(value(cancelled, "jobs", "totalCount") as? Int == 1)
            #expect(value(cancelled, "jobs", "nodes", 0, "id") as? String == "gid://switchyard/Job/\(first.id)")
            #expect(value(cancelled, "jobs", "nodes", 0, "finishedAt") is String)
            let (_, negated) = try await client.graphQL(
                "{ jobs(filter: {not: {state: {eq: CANCELLED}}, or: [{kind: {eq: \"import.catalog\"}}, {kind: {isNull: true}}]}) { totalCount } }",
                headers: headers)
            #expect(value(negated, "jobs", "totalCount") as? Int == 1)
            let (_, sorted) = try await client.graphQL(
                "{ jobs(sort: [{field: STATE}, {field: ID, direction: DESC}]) { nodes { state } } }", headers: headers)
            #expect((value(sorted, "jobs", "nodes") as? [[String: Any]])?.compactMap { $0["state"] as? String } == ["CANCELLED", "PENDING"])
            let (_, idFirst) = try await client.graphQL(
                "{ jobs(sort: [{field: ID, direction: DESC}, {field: STATE}]) { nodes { state } } }", headers: headers)
            #expect((value(idFirst, "jobs", "nodes") as? [[String: Any]])?.compactMap { $0["state"] as? String } == ["PENDING", "CANCELLED"])
            let farFuture = Cursor([.string("created_at:d,id:d"), .int(Int64.max), .int(1)]).encoded
            let (_, outOfRange) = try await client.graphQL(
                "{ jobs(after: \"\(farFuture)\", sort: [{field: CREATED_AT, direction: DESC}]) { totalCount } }", headers: headers)
            #expect(codes(outOfRange) == ["INVALID_CURSOR"])
            let (_, badDate) = try await client.graphQL("{ jobs(filter: {createdAt: {gte: \"yesterday\"}}) { totalCount } }", headers: headers)
            #expect(value(badDate, "jobs") == nil || value(badDate, "jobs") is NSNull)
            #expect(!codes(badDate).isEmpty)
            let (_, badCursor) = try await client.graphQL("{ jobs(after: \"garbage\") { totalCount } }", headers: headers)
            #expect(codes(badCursor) == ["INVALID_CURSOR"])
            let (_, tooMany) = try await client.graphQL("{ jobs(first: 251) { totalCount } }", headers: headers)
            #expect(codes(tooMany) == ["PAGE_SIZE_OUT_OF_RANGE"])
        }
    }

    @Test func nodesResolveOnlyTheCallersTenant() async throws {
        try await AppFixture.run { fixture, client in
            let database = fixture.environment.database
            let own = try await database.withTenant(fixture.tenant.id) { try await JobQueue.enqueue(ImportCatalog(), in: $0) }
            let foreign = try await database.withTenant(fixture.otherTenant.id) { try await JobQueue.enqueue(ImportCatalog(), in: $0) }
            let (_, body) = try await client.graphQL(
                """
                { nodes(ids: ["gid://switchyard/Job/\(own.id)", "gid://switchyard/Job/\(foreign.id)", "nonsense",
                              "gid://switchyard/Tenant/\(fixture.otherTenant.id)", "gid://switchyard/Tenant/\(fixture.tenant.id)"]) {
                    __typename id ... on Job { kind } } }
                """, headers: try await fixture.adminHeaders(fixture.viewer))
            let nodes = value(body, "nodes") as? [Any]
            #expect(nodes?.count == 5)
            #expect((nodes?[0] as? [String: Any])?["kind"] as? String == "import.catalog")
            #expect(nodes?[1] is NSNull)
            #expect(nodes?[2] is NSNull)
            #expect(nodes?[3] is NSNull)
            #expect((nodes?[4] as? [String: Any])?["__typename"] as? String == "Tenant")
        }
    }

    @Test func jobMutationsCheckTheRoleAndReportUserErrors() async throws {
        try await AppFixture.run { fixture, client in
            let job = try await fixture.environment.database.withTenant(fixture.tenant.id) { try await JobQueue.enqueue(ImportCatalog(), in: $0) }
            let mutation = "mutation($id: ID!) { jobCancel(id: $id) { job { state } userErrors { field message code } } }"
            let id = "gid://switchyard/Job/\(job.id)"
            let (_, refused) = try await client.graphQL(mutation, variables: ["id": id], headers: try await fixture.adminHeaders(fixture.viewer))
            #expect(codes(refused) == ["INSUFFICIENT_ROLE"])
            let staff = try await fixture.adminHeaders(fixture.staff)
            let (_, cancelled) = try await client.graphQL(mutation, variables: ["id": id], headers: staff)
            #expect(value(cancelled, "jobCancel", "job", "state") as? String == "CANCELLED")
            #expect((value(cancelled, "jobCancel", "userErrors") as? [Any])?.isEmpty == true)
            let (_, again) = try await client.graphQL(mutation, variables: ["id": id], headers: staff)
            #expect(value(again, "jobCancel", "userErrors", 0, "code") as? String == "JOB_STATE_CONFLICT")
            #expect(value(again, "jobCancel", "userErrors", 0, "field") as? [String] == ["id"])
            let (_, wrongID) = try await client.graphQL(mutation, variables: ["id": "gid://switchyard/Tenant/1"], headers: staff)
            #expect(value(wrongID, "jobCancel", "userErrors", 0, "code") as? String == "INVALID_ID")
            let (_, log) = try await client.graphQL(
                "{ activityLog(first: 5, filter: {subjectType: {eq: \"Job\"}, event: {eq: \"job.cancelled\"}}) { totalCount nodes { subjectId actorType properties } } }",
                headers: staff)
            #expect(value(log, "activityLog", "totalCount") as? Int == 1)
            #expect(value(log, "activityLog", "nodes", 0, "subjectId") as? String == job.id.description)
        }
    }

    @Test func getServesQueriesOnlyAndBadRequestsGetClearAnswers() async throws {
        try await AppFixture.run { fixture, client in
            let headers = try await fixture.adminHeaders(fixture.viewer)
            let query = "query%20Q(%24n%3A%20Int)%20%7B%20jobs(first%3A%20%24n)%20%7B%20totalCount%20%7D%20%7D"
            try await client.execute(uri: "/graphql?query=\(query)&variables=%7B%22n%22%3A2%7D", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(value(response.json, "jobs", "totalCount") as? Int == 0)
            }
            try await client.execute(uri: "/graphql?query=mutation%7BjobCancel(id%3A%221%22)%7Bjob%7Bid%7D%7D%7D", method: .get, headers: headers) {
                response in
                #expect(response.status == .methodNotAllowed)
                #expect(codes(response.json) == ["METHOD_NOT_ALLOWED"])
            }
            try await client.execute(uri: "/graphql", method: .post, headers: [.contentType: "application/json"], body: "{}".buffer) { response in
                #expect(response.status == .unauthorized)
            }
            var json = headers
            json[.contentType] = "application/json"
            try await client.execute(uri: "/graphql", method: .post, headers: json, body: "{\"query\": 5}".buffer) { response in
                #expect(response.status == .badRequest)
                #expect(codes(response.json) == ["BAD_REQUEST"])
            }
            let (lenient, invalid) = try await client.graphQL("{ jobs { nope } }", headers: headers)
            #expect(lenient == .ok)
            #expect(codes(invalid) == ["GRAPHQL_VALIDATION_FAILED"])
            let (strict, _) = try await client.graphQL("{ jobs { nope } }", headers: headers, accept: "application/graphql-response+json")
            #expect(strict == .badRequest)
        }
    }
}

@Suite struct AdminSchemaIntrospectionTests {
    /// What GraphiQL and code generators do: fetch the introspection over HTTP and rebuild the schema from it. Printed
    /// by graphql-core, it must equal graphql-core's printing of the SDL files.
    @Test func introspectionOverHTTPRebuildsTheSDL() async throws {
        try await AppFixture.run { fixture, client in
            let query = try ReferenceScript.run(["introspection-query"])
            #expect(query.status == 0)
            let (status, body) = try await client.graphQL(query.output, headers: try await fixture.adminHeaders(fixture.viewer))
            #expect(status == .ok)
            #expect(body["errors"] == nil)
            let folder = ReferenceScript.repositoryRoot.appendingPathComponent("Schema/query")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".graphql") }.sorted()
                .flatMap { ["--schema", folder.appendingPathComponent($0).path] }
            let compared = try ReferenceScript.run(["compare-introspection"] + files, input: try JSONSerialization.data(withJSONObject: body))
            #expect(compared.status == 0, "\(compared.output)")
        }
    }
}
