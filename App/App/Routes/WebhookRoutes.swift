import Foundation
import Hummingbird
import IntegrationsContracts
import Kernel

/// `POST /upstream/webhooks/{provider}/{topic}?instance=<webhook key>` (seed 002): signed deliveries from the channels,
/// answered 200 once durably recorded (a repeated delivery id too), 401 when the signature does not check out. eBay's
/// endpoint validation is the `GET` of the same path with `challenge_code`. No credentials: the signature is the proof.
struct WebhookRoutes {
    let integrations: any IntegrationsFacade
    let publicURL: String

    struct Receipt: ResponseEncodable {
        let received: Bool
        let duplicate: Bool
    }

    struct Challenge: ResponseEncodable {
        let challengeResponse: String
    }

    /// The path a provider is told to post to, key included; `nil` for partners, who call the partner API.
    static func path(for instance: IntegrationInstance) -> String? {
        let topic: String
        switch instance.provider {
        case .partner: return nil
        case .amazon, .ebay: topic = "notifications"
        default: topic = "orders"
        }
        return "/upstream/webhooks/\(instance.provider.rawValue)/\(topic)?instance=\(instance.webhookKey)"
    }

    func add(to group: RouterGroup<AppRequestContext>) {
        group.post("{provider}/{topic}") { request, context -> Response in
            try await self.receive(request, context, provider: context.parameters.get("provider").flatMap(Provider.init(rawValue:)))
        }
        // Only eBay validates endpoints with a GET. The route keeps the `{provider}` segment: a literal `ebay` segment would
        // win over it and leave eBay's deliveries without a POST route.
        group.get("{provider}/{topic}") { request, context -> Challenge in
            guard context.parameters.get("provider") == Provider.ebay.rawValue, let key = request.uri.queryParameters.get("instance"),
                let code = request.uri.queryParameters.get("challenge_code")
            else { throw IntegrationsError.webhookEndpointUnknown }
            return Challenge(
                challengeResponse: try await self.integrations.ebayChallengeResponse(
                    webhookKey: key, code: code, endpointURL: self.endpointURL(request, key: key)))
        }
    }

    private func receive(_ request: Request, _ context: AppRequestContext, provider: Provider?) async throws -> Response {
        guard let provider, provider != .partner, let key = request.uri.queryParameters.get("instance") else {
            throw IntegrationsError.webhookEndpointUnknown
        }
        let body = try await request.body.collect(upTo: .max)  // bounded by BodyLimitMiddleware
        let receipt = try await self.integrations.receiveWebhook(
            IncomingWebhook(
                webhookKey: key, endpoint: "POST \(request.uri.path)", headers: request.headers.map { ($0.name.rawName, $0.value) },
                body: Array(body.readableBytesView), endpointURL: self.endpointURL(request, key: key)),
            provider: provider)
        return try Receipt(received: true, duplicate: receipt.outcome == .duplicate).response(from: request, context: context)
    }

    /// The URL as registered with the provider (public base, path, instance key), which eBay's challenge hashes.
    private func endpointURL(_ request: Request, key: String) -> String {
        "\(self.publicURL)\(request.uri.path)?instance=\(key)"
    }
}
