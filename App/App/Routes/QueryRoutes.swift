import Foundation
import HTTPTypes
import Hummingbird
import IdentityContracts
import NIOCore
import QueryLanguage

/// `POST /graphql` and `GET /graphql` (GraphQL over HTTP), for admins: JWT + `orgid`.
///
/// With `Accept: application/graphql-response+json` a request refused before execution answers 4xx; with
/// `application/json` (the default) every well-formed request answers 200 and errors are in the body.
struct QueryRoutes {
    let engine: QueryEngine<QueryContext>
    let services: AppServices

    static let graphQLResponseType = "application/graphql-response+json"

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.post { request, context in
            if let type = request.headers[.contentType], !type.lowercased().hasPrefix("application/json") {
                return self.respond(
                    .malformed(QueryRequest.Malformed(message: "Send the request as application/json.")), to: request,
                    status: .unsupportedMediaType)
            }
            let body = try await request.body.collect(upTo: .max)
            let query: QueryRequest
            do {
                query = try QueryRequest(json: Data(body.readableBytesView))
            } catch let error as QueryRequest.Malformed {
                return self.respond(.malformed(error), to: request, status: .badRequest)
            }
            return await self.execute(query, request: request, context: context, allowMutations: true)
        }
        group.get { request, context in
            let parameters = request.uri.queryParameters
            let query: QueryRequest
            do {
                query = try QueryRequest(
                    query: parameters["query"].map(String.init), variablesJSON: parameters["variables"].map(String.init),
                    operationName: parameters["operationName"].map(String.init))
            } catch let error as QueryRequest.Malformed {
                return self.respond(.malformed(error), to: request, status: .badRequest)
            }
            return await self.execute(query, request: request, context: context, allowMutations: false)
        }
    }

    private func execute(_ query: QueryRequest, request: Request, context: AuthenticatedContext, allowMutations: Bool) async -> Response {
        let queryContext = QueryContext(
            principal: context.principal, database: self.services.database, identity: self.services.identity,
            integrations: self.services.integrations, orders: self.services.orders,
            inventory: self.services.inventory, catalog: self.services.catalog)
        let response = await self.engine.execute(
            query, context: queryContext, throttleKey: "\(context.principal.tenant):\(context.actorName)", allowMutations: allowMutations)
        let strict = Self.wantsGraphQLResponse(request)
        let status: HTTPResponse.Status
        switch response.outcome {
        case .executed: status = .ok
        case .rejected: status = strict ? .badRequest : .ok
        case .throttled: status = strict ? .tooManyRequests : .ok
        case .mutationNotAllowed: status = .methodNotAllowed
        }
        var built = self.respond(response, to: request, status: status)
        if response.outcome == .mutationNotAllowed { built.headers[.allow] = "POST" }
        return built
    }

    private func respond(_ response: QueryResponse, to request: Request, status: HTTPResponse.Status) -> Response {
        let type = Self.wantsGraphQLResponse(request) ? Self.graphQLResponseType : "application/json"
        return Response(
            status: status, headers: [.contentType: "\(type); charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
    }

    private static func wantsGraphQLResponse(_ request: Request) -> Bool {
        request.headers[.accept]?.contains(self.graphQLResponseType) == true
    }
}
