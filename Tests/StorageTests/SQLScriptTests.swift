import Storage
import Testing

@Suite struct SQLScriptTests {
    @Test func splitsOnSemicolonsOutsideQuotesCommentsAndDollarBodies() {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE t (v text DEFAULT 'a;b', "odd;name" int);
            /* block; /* nested; */ still comment */
            CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END; $body$;
            DO $$ BEGIN PERFORM 1; END $$;
            INSERT INTO t VALUES ('it''s; fine')
            """
        let statements = SQLScript.statements(script)
        #expect(statements.count == 4)
        #expect(statements[0] == #"CREATE TABLE t (v text DEFAULT 'a;b', "odd;name" int)"#)
        #expect(statements[1].hasSuffix("$body$ BEGIN RETURN 1; END; $body$"))
        #expect(statements[2] == "DO $$ BEGIN PERFORM 1; END $$")
        #expect(statements[3] == "INSERT INTO t VALUES ('it''s; fine')")
    }

    @Test func positionalParametersAreNotDollarQuotes() {
        #expect(SQLScript.statements("SELECT $1; SELECT 2") == ["SELECT $1", "SELECT 2"])
    }
}
