import Channels
import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import NIOCore

/// A provider's consent page as the sandbox plays it: the seller always approves at once. The page checks the app's
/// client id and that the redirect (the registered one; a `redirect_uri` in the query must equal it), issues a code and
/// sends the browser to the redirect with the provider's answer parameters.
enum SandboxConsent {
    struct Page: Sendable {
        let provider: Provider
        let path: String
        /// The query parameter naming the app, and the value the sandbox's app has.
        let client: (parameter: String, value: String)
        /// The query parameter that repeats the redirect (`nil`: the registered one is used alone).
        let redirectParameter: String?
        /// What the redirect must be when the query names it by something other than the URL (eBay's RuName).
        let redirectName: String?
        /// The answer's parameters for a fresh `code` and the query's `state`.
        let answer: @Sendable (_ code: String, _ state: String) -> [(String, String)]
    }

    static func add(_ page: Page, to group: RouterGroup<BasicRequestContext>, sandbox: Sandbox) {
        group.get(RouterPath(page.path)) { request, _ in
            guard SandboxHTTP.query(request, page.client.parameter) == page.client.value else {
                return Self.refusal("The \(page.client.parameter) is not a known application.")
            }
            guard let redirect = await sandbox.authorizations.redirect(page.provider) else {
                return Self.refusal("No redirect URL is registered for this application.")
            }
            if let parameter = page.redirectParameter {
                guard SandboxHTTP.query(request, parameter) == (page.redirectName ?? redirect) else {
                    return Self.refusal("The \(parameter) does not match the application's registered redirect.")
                }
            }
            let code = await sandbox.authorizations.issue(page.provider)
            let answer = page.answer(code, SandboxHTTP.query(request, "state") ?? "")
            return Self.redirect(to: URLQuery.appending(answer, to: redirect))
        }
    }

    static func redirect(to location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .found, headers: headers)
    }

    private static func refusal(_ message: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .badRequest, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }
}
