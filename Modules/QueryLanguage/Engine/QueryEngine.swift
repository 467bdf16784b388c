import GraphQL

/// Runs GraphQL-over-HTTP requests against a bound schema: cached parse/validate/plan, limits and throttling before
/// any resolver runs, batched execution, and a response written straight to bytes.
public final class QueryEngine<Context: Sendable>: Sendable {
    public let schema: QuerySchema<Context>
    public let limits: QueryLimits
    private let buckets: ThrottleBuckets
    private let cache = DocumentCache(capacity: 1000)
    private let presentError: @Sendable (any Error) -> FieldError

    /// `presentError` turns a resolver's error into what the client sees; it is the one place application errors
    /// are mapped, and must not reveal internals.
    public init(schema: QuerySchema<Context>, limits: QueryLimits = QueryLimits(), presentError: @escaping @Sendable (any Error) -> FieldError) {
        self.schema = schema
        self.limits = limits
        self.buckets = ThrottleBuckets(capacity: limits.bucketCapacity, restoreRate: limits.restoreRate)
        self.presentError = presentError
    }

    /// Executes one request. `throttleKey` names the bucket the cost is drawn from (one per API token); `nil` skips
    /// throttling. `allowMutations` is false for GET requests.
    public func execute(_ request: QueryRequest, context: Context, throttleKey: String?, allowMutations: Bool = true) async -> QueryResponse {
        let document: CachedDocument
        switch self.document(request.query) {
        case .success(let cached): document = cached
        case .failure(let error): return Self.rejected([error])
        }
        guard document.errors.isEmpty, let ast = document.document else { return Self.rejected(document.errors) }
        let operation: OperationDefinition
        switch Self.operation(in: ast, named: request.operationName) {
        case .success(let found): operation = found
        case .failure(let error): return Self.rejected([error])
        }
        if operation.operation == .mutation, !allowMutations {
            return QueryResponse(
                outcome: .mutationNotAllowed, body: ResponseBody.make(errors: [Self.mutationOverGet], data: nil, cost: nil),
                errors: [Self.mutationOverGet])
        }
        let rootType: String
        switch operation.operation {
        case .query: rootType = self.schema.model.queryType ?? "Query"
        case .mutation:
            guard let mutationType = self.schema.model.mutationType else {
                return Self.rejected([QueryError(message: "The schema has no mutations.", code: "GRAPHQL_VALIDATION_FAILED")])
            }
            rootType = mutationType
        case .subscription:
            return Self.rejected([QueryError(message: "Subscriptions are not supported.", code: "OPERATION_NOT_SUPPORTED")])
        }
        let variables: [String: Map]
        switch self.schema.coercion.coerceVariables(operation.variableDefinitions, inputs: request.variables) {
        case .success(let coerced): variables = coerced
        case .failure(let failure): return Self.rejected(failure.errors)
        }
        let key = CachedDocument.PlanKey(
            operationName: operation.name?.value, conditions: document.conditionVariables.map { variables[$0] == .bool(true) })
        let plan: OperationPlan
        do {
            plan = try document.plan(key) {
                var planner = Planner(model: self.schema.model, document: ast, variables: variables, limits: self.limits)
                return try planner.plan(operation, rootType: rootType)
            }
        } catch let refusal as Planner.Refusal {
            return Self.rejected([refusal.error])
        } catch {
            return Self.rejected([QueryError(message: "The query could not be planned.", code: "INTERNAL_SERVER_ERROR")])
        }
        let requested = CostAnalysis.requested(plan, coercion: self.schema.coercion, variables: variables, limits: self.limits)
        guard requested <= self.limits.maximumCost else {
            let error = QueryError(
                message: "Query cost is \(requested), which exceeds the single query max cost limit (\(self.limits.maximumCost)).",
                code: "MAX_COST_EXCEEDED", extensions: [("cost", String(requested)), ("maxCost", String(self.limits.maximumCost))])
            return Self.rejected([error], cost: ResponseBody.Cost(requested: requested, actual: nil, status: nil))
        }
        var status: ThrottleBuckets.Status?
        if let throttleKey {
            let taken = self.buckets.take(requested, key: throttleKey)
            status = taken.status
            guard taken.granted else {
                let error = QueryError(message: "Throttled", code: "THROTTLED")
                let cost = ResponseBody.Cost(requested: requested, actual: nil, status: taken.status)
                return QueryResponse(outcome: .throttled, body: ResponseBody.make(errors: [error], data: nil, cost: cost), errors: [error])
            }
        }
        let (writer, actual) = await self.run(plan, variables: variables, context: context)
        if let throttleKey { status = self.buckets.refund(requested - min(actual, requested), key: throttleKey) }
        let cost = ResponseBody.Cost(requested: requested, actual: actual, status: status)
        return QueryResponse(
            outcome: .executed, body: ResponseBody.make(errors: writer.errors, data: writer.json.bytes, cost: cost), errors: writer.errors)
    }

    // MARK: Steps

    /// Resolves and writes a plan: the response's `data` and errors, and the cost actually incurred.
    private func run(_ plan: OperationPlan, variables: [String: Map], context: Context) async -> (ResponseWriter, Int) {
        var executor = Executor(
            bindings: self.schema.bindings, coercion: self.schema.coercion, variables: variables, context: context,
            mutationRoot: plan.operation == .mutation, presentError: self.presentError)
        let root = await executor.resolveRoot(plan.root)
        var writer = ResponseWriter(capacity: 4096)
        _ = writer.writeRoot(root)
        return (writer, executor.actualCost)
    }

    /// How long each step takes for one valid request, bypassing the document cache: for benchmarks and for
    /// diagnosing slow queries. `nil` when the request is not a valid query.
    public func measurePhases(_ request: QueryRequest, context: Context) async -> PhaseDurations? {
        let clock = ContinuousClock()
        var parsed: Document?
        let parsing = clock.measure { parsed = try? parse(source: Source(body: request.query)) }
        guard let document = parsed else { return nil }
        var cached: CachedDocument?
        let validating = clock.measure { cached = self.compile(request.query, parsed: document) }
        guard let cached, cached.errors.isEmpty, case .success(let operation) = Self.operation(in: document, named: request.operationName),
            case .success(let variables) = self.schema.coercion.coerceVariables(operation.variableDefinitions, inputs: request.variables)
        else { return nil }
        var plan: OperationPlan?
        let planning = clock.measure {
            var planner = Planner(model: self.schema.model, document: document, variables: variables, limits: self.limits)
            plan = try? planner.plan(operation, rootType: self.schema.model.queryType ?? "Query")
        }
        guard let plan else { return nil }
        let start = clock.now
        let (writer, _) = await self.run(plan, variables: variables, context: context)
        let executing = start.duration(to: clock.now)
        return PhaseDurations(parse: parsing, validate: validating, plan: planning, executeAndWrite: executing, bytes: writer.json.bytes.count)
    }

    private func document(_ text: String) -> Result<CachedDocument, QueryError> {
        if let cached = self.cache.cached(text) { return .success(cached) }
        let scan = TokenScan(text, tokenLimit: self.limits.maximumTokens)
        guard scan.tokens <= self.limits.maximumTokens else {
            return .failure(
                QueryError(message: "The document has more than \(self.limits.maximumTokens) tokens.", code: "MAX_TOKENS_EXCEEDED"))
        }
        guard scan.deepestNesting <= self.limits.maximumNesting else {
            return .failure(
                QueryError(
                    message: "The document nests brackets \(scan.deepestNesting) deep, more than the maximum (\(self.limits.maximumNesting)).",
                    code: "MAX_DEPTH_EXCEEDED"))
        }
        if let offset = scan.brokenEscape {
            return .failure(
                QueryError(
                    message: "Syntax Error: Invalid Unicode escape sequence.", locations: [TokenScan.point(of: offset, in: text)],
                    code: "GRAPHQL_PARSE_FAILED"))
        }
        return .success(
            self.cache.document(text) {
                do {
                    return self.compile(text, parsed: try parse(source: Source(body: text)))
                } catch let error as GraphQLError {
                    return CachedDocument(document: nil, errors: [QueryError(error, code: "GRAPHQL_PARSE_FAILED")])
                } catch {
                    return CachedDocument(document: nil, errors: [QueryError(message: "\(error)", code: "GRAPHQL_PARSE_FAILED")])
                }
            })
    }

    /// Validates a parsed document.
    private func compile(_ text: String, parsed document: Document) -> CachedDocument {
        let executable = ExecutableDocument(document, text: text)
        var errors = executable.errors
        if let checked = executable.document {
            let misread = UnknownDirectiveArguments.points(in: checked, schema: self.schema.schema)
            errors += validate(schema: self.schema.schema, ast: checked).map { QueryError($0, code: "GRAPHQL_VALIDATION_FAILED") }.filter {
                $0.locations.isEmpty || !$0.locations.allSatisfy(misread.contains)
            }
            errors += SupplementaryRules(model: self.schema.model, document: checked).errors()
        }
        return CachedDocument(document: document, errors: errors)
    }

    private static func operation(in document: Document, named name: String?) -> Result<OperationDefinition, QueryError> {
        let operations = document.definitions.compactMap { $0 as? OperationDefinition }
        if let name {
            guard let operation = operations.first(where: { $0.name?.value == name }) else {
                return .failure(QueryError(message: "Unknown operation named \"\(name)\".", code: "OPERATION_RESOLUTION_FAILURE"))
            }
            return .success(operation)
        }
        guard operations.count == 1, let operation = operations.first else {
            return .failure(
                QueryError(message: "Must provide operation name if query contains multiple operations.", code: "OPERATION_RESOLUTION_FAILURE"))
        }
        return .success(operation)
    }

    private static var mutationOverGet: QueryError { QueryError(message: "Mutations are only accepted over POST.", code: "METHOD_NOT_ALLOWED") }

    // MARK: Response body

    private static func rejected(_ errors: [QueryError], cost: ResponseBody.Cost? = nil) -> QueryResponse {
        QueryResponse(outcome: .rejected, body: ResponseBody.make(errors: errors, data: nil, cost: cost), errors: errors)
    }
}
