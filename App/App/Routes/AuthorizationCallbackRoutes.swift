import Channels
import Foundation
import HTTPTypes
import Hummingbird
import IntegrationsContracts
import Kernel

/// `GET|POST /oauth/{provider}/callback` (seed 000 OAuth Callback): where a provider answers a seller's consent. A web
/// route, not under `/api`, without credentials: the consent's state is the proof. Browser answers (a code in the query)
/// are sent on to the instance's admin page with `authorization=connected`, or `authorization=failed&reason=…`; a
/// provider's server post (WooCommerce's keys) is answered `200 {"connected": true}` or 422 with the error body.
struct AuthorizationCallbackRoutes {
    let integrations: any IntegrationsFacade

    struct Connected: ResponseEncodable {
        let connected: Bool
    }

    func add(to group: RouterGroup<AppRequestContext>) {
        for method in [HTTPRequest.Method.get, .post] {
            group.on("{provider}/callback", method: method) { request, context -> Response in
                guard let provider = context.parameters.get("provider").flatMap(Provider.init(rawValue:)) else {
                    throw APIError.routeNotFound(request.uri.path)
                }
                let setup = self.integrations.authorizationSetup(provider)
                guard setup.method == .consent else { throw IntegrationsError.authorizationNotSupported(provider) }
                let outcome = try await self.integrations.completeAuthorization(
                    provider: provider, parameters: try await Self.parameters(of: request))
                guard setup.callbackStyle == .serverPost else {
                    var headers = HTTPFields()
                    headers[.location] = outcome.returnURL
                    headers[.cacheControl] = "no-store"
                    return Response(status: .found, headers: headers)
                }
                if let failure = outcome.failure { throw ConsentRefused(code: failure.code, message: failure.message) }
                return try Connected(connected: true).response(from: request, context: context)
            }
        }
    }

    /// The query's parameters with the members of a form or JSON object body over them (numbers and booleans as text).
    static func parameters(of request: Request) async throws -> [String: String] {
        var parameters: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { parameters[String(name)] = String(value) }
        let body = try await request.body.collect(upTo: .max)  // bounded by BodyLimitMiddleware
        guard body.readableBytes > 0 else { return parameters }
        let bytes = Data(body.readableBytesView)
        if request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "+", with: "%20")
            for item in URLComponents(string: "?" + text)?.queryItems ?? [] { parameters[item.name] = item.value ?? "" }
        } else if case .object(let members) = (try? JSONParser.parse(Array(bytes))) ?? .null {
            for member in members { parameters[member.key] = member.value.text }
        }
        return parameters
    }
}

/// A provider's server post that did not complete a consent, answered 422 with its reason.
struct ConsentRefused: DomainError {
    let code: String
    let message: String
    var kind: DomainErrorKind { .invalidInput }
}
