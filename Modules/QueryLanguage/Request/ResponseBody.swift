/// The response document: `errors` first, then `data`, then `extensions.cost`.
enum ResponseBody {
    struct Cost {
        let requested: Int
        let actual: Int?
        let status: ThrottleBuckets.Status?
    }

    static func make(errors: [QueryError], data: [UInt8]?, cost: Cost?) -> [UInt8] {
        var json = JSONWriter(capacity: (data?.count ?? 0) + 256)
        json.byte(UInt8(ascii: "{"))
        var first = true
        if !errors.isEmpty {
            json.member("errors", first: &first)
            json.array(errors) { Self.write($1, to: &$0) }
        }
        if let data {
            json.member("data", first: &first)
            json.raw(data)
        }
        if let cost {
            json.member("extensions", first: &first)
            json.raw("{\"cost\":{\"requestedQueryCost\":\(cost.requested),\"actualQueryCost\":")
            if let actual = cost.actual { json.int(actual) } else { json.null() }
            if let status = cost.status {
                json.raw(
                    ",\"throttleStatus\":{\"maximumAvailable\":\(status.maximumAvailable),\"currentlyAvailable\":\(status.currentlyAvailable),\"restoreRate\":\(status.restoreRate)}"
                )
            }
            json.raw("}}")
        }
        json.byte(UInt8(ascii: "}"))
        return json.bytes
    }

    private static func write(_ error: QueryError, to json: inout JSONWriter) {
        json.raw("{\"message\":")
        json.string(error.message)
        if !error.locations.isEmpty {
            json.raw(",\"locations\":")
            json.array(error.locations) { $0.raw("{\"line\":\($1.line),\"column\":\($1.column)}") }
        }
        if !error.path.isEmpty {
            json.raw(",\"path\":")
            json.array(error.path) { json, element in
                switch element {
                case .key(let key): json.string(key)
                case .index(let position): json.int(position)
                }
            }
        }
        if error.code != nil || !error.extensions.isEmpty {
            json.raw(",\"extensions\":{")
            var first = true
            if let code = error.code {
                json.member("code", first: &first)
                json.string(code)
            }
            for (name, value) in error.extensions {
                json.member(name, first: &first)
                json.raw(value)
            }
            json.byte(UInt8(ascii: "}"))
        }
        json.byte(UInt8(ascii: "}"))
    }
}
