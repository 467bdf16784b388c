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
        func key(_ name: String) {
            if !first { json.byte(UInt8(ascii: ",")) }
            first = false
            json.string(name)
            json.byte(UInt8(ascii: ":"))
        }
        if !errors.isEmpty {
            key("errors")
            json.byte(UInt8(ascii: "["))
            for (index, error) in errors.enumerated() {
                if index > 0 { json.byte(UInt8(ascii: ",")) }
                Self.write(error, to: &json)
            }
            json.byte(UInt8(ascii: "]"))
        }
        if let data {
            key("data")
            json.raw(data)
        }
        if let cost {
            key("extensions")
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
            json.raw(",\"locations\":[")
            for (index, location) in error.locations.enumerated() {
                if index > 0 { json.byte(UInt8(ascii: ",")) }
                json.raw("{\"line\":\(location.line),\"column\":\(location.column)}")
            }
            json.byte(UInt8(ascii: "]"))
        }
        if !error.path.isEmpty {
            json.raw(",\"path\":[")
            for (index, element) in error.path.enumerated() {
                if index > 0 { json.byte(UInt8(ascii: ",")) }
                switch element {
                case .key(let key): json.string(key)
                case .index(let position): json.int(position)
                }
            }
            json.byte(UInt8(ascii: "]"))
        }
        if error.code != nil || !error.extensions.isEmpty {
            json.raw(",\"extensions\":{")
            var first = true
            if let code = error.code {
                json.raw("\"code\":")
                json.string(code)
                first = false
            }
            for (name, value) in error.extensions {
                if !first { json.byte(UInt8(ascii: ",")) }
                first = false
                json.string(name)
                json.byte(UInt8(ascii: ":"))
                json.raw(value)
            }
            json.byte(UInt8(ascii: "}"))
        }
        json.byte(UInt8(ascii: "}"))
    }
}
