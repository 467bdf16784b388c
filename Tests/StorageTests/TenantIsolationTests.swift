import Foundation
import Kernel
import PostgresNIO
import Storage
import TestSupport
import Testing

@Suite struct TenantIsolationTests {
    @Test func aQueryWithoutATenantFilterStillSeesOnlyItsTenantsRows() async throws {
        try await TestDatabase.withFresh { environment in
            let alpha = TenantID.random()
            let beta = TenantID.random()
            for (tenant, count) in [(alpha, 3), (beta, 2)] {
                try await environment.database.withTenant(tenant) { transaction in
                    for index in 0..<count {
                        try await ActivityLog.record(
                            NewActivity(actorType: "test", actorID: nil, subjectType: "Thing", subjectID: "\(index)", event: "made"), in: transaction)
                    }
                }
            }
            let seenByAlpha = try await environment.database.withTenant(alpha) { transaction in
                try await transaction.query("SELECT tenant_id FROM platform.activity_log").collect().count
            }
            #expect(seenByAlpha == 3)
            let unscoped = try await environment.database.client.query("SELECT count(*) FROM platform.activity_log").collect()
            #expect(try unscoped.first?.decode(Int.self) == 0)
        }
    }

    @Test func writingAnotherTenantsRowIsRefused() async throws {
        try await TestDatabase.withFresh { environment in
            let alpha = TenantID.random()
            let beta = TenantID.random()
            await #expect(throws: PSQLError.self) {
                try await environment.database.withTenant(alpha) { transaction in
                    try await transaction.query(
                        """
                        INSERT INTO platform.activity_log (tenant_id, actor_type, subject_type, subject_id, event)
                        VALUES (\(beta.rawValue), 'test', 'Thing', '1', 'smuggled')
                        """)
                }
            }
        }
    }

    @Test func everyTenantOwnedTableLeadsWithTenantIDAndForcesRowLevelSecurity() async throws {
        try await TestDatabase.withFresh { environment in
            let rows = try await environment.ownerClient.query(
                """
                SELECT n.nspname || '.' || c.relname, c.relrowsecurity, c.relforcerowsecurity,
                       (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)::int,
                       coalesce((SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
                                 WHERE i.indrelid = c.oid AND i.indisprimary), '')
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND n.nspname NOT LIKE 'pg_%'
                ORDER BY 1
                """)
            var tables: [String] = []
            for try await (name, rls, forced, policies, leading) in rows.decode((String, Bool, Bool, Int, String).self) {
                tables.append(name)
                // Bookkeeping and global identities: not tenant-owned.
                if name == "platform.schema_migrations" { continue }
                #expect(rls && forced, "\(name) must enable and force row-level security")
                #expect(policies > 0, "\(name) needs a policy")
                if name != "identity.users" {
                    #expect(leading == "tenant_id", "\(name)'s primary key must lead with tenant_id, not \(leading)")
                }
            }
            #expect(tables.contains("platform.jobs") && tables.contains("identity.machine_tokens"))
        }
    }

    @Test func theApplicationRoleCannotBypassRowLevelSecurity() async throws {
        try await TestDatabase.withFresh { environment in
            try await environment.database.verifyApplicationRole()
            let owned = try await environment.database.client.query(
                "SELECT count(*)::int FROM pg_tables WHERE tableowner = current_user"
            ).collect()
            #expect(try owned.first?.decode(Int.self) == 0)
            let owner = Database(client: environment.ownerClient, logger: environment.logger)
            await #expect(throws: StorageError.self) { try await owner.verifyApplicationRole() }
        }
    }

    @Test func aRoleThatOwnsATableIsRefusedAsTheApplicationRole() async throws {
        try await TestDatabase.withFresh { environment in
            let role = "table_owner_\(UInt32.random(in: 0...UInt32.max))"
            try await environment.ownerClient.query(PostgresQuery(unsafeSQL: "CREATE ROLE \(role) LOGIN PASSWORD 'secret'"))
            try await environment.ownerClient.query(PostgresQuery(unsafeSQL: "CREATE TABLE public.owned_by_app (id int)"))
            try await environment.ownerClient.query(PostgresQuery(unsafeSQL: "ALTER TABLE public.owned_by_app OWNER TO \(role)"))
            let url = environment.ownerURL.with(username: role, password: "secret")
            let refusal = await #expect(throws: StorageError.self) {
                try await DatabaseAdministration.withClient(url, poolSize: 1, logger: environment.logger) { client in
                    try await Database(client: client, logger: environment.logger).verifyApplicationRole()
                }
            }
            #expect(refusal?.description.contains("owns tables (public.owned_by_app)") == true)
            try await environment.ownerClient.query(PostgresQuery(unsafeSQL: "DROP TABLE public.owned_by_app"))
            try await environment.ownerClient.query(PostgresQuery(unsafeSQL: "DROP ROLE \(role)"))
        }
    }
}
