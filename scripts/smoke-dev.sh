#!/usr/bin/env bash
# Starts `switchyard dev` as a person would, checks what it prints and serves, stops it with Ctrl-C (SIGINT), checks that
# PostgreSQL stopped too, then starts it again to check the data is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product switchyard >/dev/null

home=$(mktemp -d /tmp/switchyard-smoke.XXXXXX)
chmod 755 "$home"
# Below the kernel's ephemeral range (32768+), so no outgoing connection holds the port when dev binds it.
port=$((20000 + RANDOM % 12000))
pg_port=$((port + 1))
sandbox_port=$((port + 2))
log="$home/dev.log"
passed=0
failed=0
check() {
    if eval "$2"; then passed=$((passed + 1)); echo "ok: $1"; else failed=$((failed + 1)); echo "FAILED: $1"; fi
}

start_dev() {
    SWITCHYARD_HOME="$home/state" EMBEDDED_POSTGRES_PORT=$pg_port SANDBOX_PORT=$sandbox_port SANDBOX_TICK_SECONDS=0 .build/debug/switchyard dev --port "$port" >"$log" 2>&1 &
    dev_pid=$!
    for _ in $(seq 1 120); do
        if curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && [ -f "$home/state/dev.json" ]; then return 0; fi
        if ! kill -0 "$dev_pid" 2>/dev/null; then cat "$log"; return 1; fi
        sleep 0.5
    done
    cat "$log"
    return 1
}

stop_dev() {
    kill -INT "$dev_pid"
    for _ in $(seq 1 60); do
        if ! kill -0 "$dev_pid" 2>/dev/null; then wait "$dev_pid" || true; return 0; fi
        sleep 0.5
    done
    return 1
}

field() { python3 -c "import json,sys; print(json.load(open('$home/state/dev.json'))['$1'])"; }
trap 'kill -9 ${dev_pid:-0} 2>/dev/null || true; rm -rf "$home"' EXIT

check "switchyard dev starts" start_dev
check "it prints the URL and credentials" "grep -q 'admin JWT:' '$log' && grep -q 'ERP API key:' '$log' && grep -q \"http://127.0.0.1:$port\" '$log'"
jwt=$(field adminJWT); orgid=$(field orgid); key=$(field erpApiKey)
check "dev.json has every field" "[ -n \"$jwt\" ] && [ -n \"$orgid\" ] && [ -n \"$key\" ] && [ -n \"$(field databaseURL)\" ] && [ \"$(field url)\" = http://127.0.0.1:$port ]"
check "health answers" "curl -sf http://127.0.0.1:$port/api/v1/health | grep -q '\"status\":\"ok\"'"
check "the admin JWT works for the demo tenant" "curl -sf -H 'Authorization: Bearer $jwt' -H 'orgid: $orgid' http://127.0.0.1:$port/api/admin/viewer | grep -q '\"role\":\"owner\"'"
partner=$(field partnerId); partner_token=$(field partnerToken)
check "the demo partner's channel token reaches its partner and no other instance" "curl -sf -H 'Authorization: Bearer $partner_token' http://127.0.0.1:$port/api/channel-partners/$partner | grep -q '\"name\":\"Demo partner\"' && [ \"\$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer $partner_token' http://127.0.0.1:$port/api/channel-partners/$((partner - 1)))\" = 404 ]"
check "the ERP key authenticates" "[ \"\$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Api-Key: $key' http://127.0.0.1:$port/api/import/status/1)\" = 404 ]"
cli() { SWITCHYARD_HOME="$home/state" .build/debug/switchyard "$@" 2>>"$home/cli.log"; }
check "the embedded PostgreSQL refuses connections without its password" "! PGPASSWORD=wrong psql -h 127.0.0.1 -p $pg_port -U switchyard -w -c 'SELECT 1' postgres >/dev/null 2>&1 && PGPASSWORD=\$(python3 -c \"import json,urllib.parse; print(urllib.parse.urlparse(json.load(open('$home/state/dev.json'))['databaseURL']).password)\") psql -h 127.0.0.1 -p $pg_port -U switchyard -w -c 'SELECT 1' postgres >/dev/null"
check "the application role's password is not the well-known default" "! PGPASSWORD=switchyard_app psql -h 127.0.0.1 -p $pg_port -U switchyard_app -w -c 'SELECT 1' switchyard >/dev/null 2>&1"
check "its logs are JSON lines that carry request ids" "python3 -c \"import json,sys; objs=[json.loads(l) for l in open('$log') if l.startswith('{')]; sys.exit(0 if objs and any('request_id' in o for o in objs) else 1)\""
check "migrate finds the database up to date" "cli migrate | grep -q 'up to date'"
check "seeding the demo tenant again changes nothing" "cli seed seeds/demo.json | grep -q '$orgid'"
check "the demo stock is there and a reservation holds some of it" "curl -sf -H 'Authorization: Bearer $jwt' -H 'orgid: $orgid' http://127.0.0.1:$port/sales-channel/inventory/SY-TEE-BLK-M | grep -q '\"onHand\":150' && curl -sf -X POST -H 'Authorization: Bearer $jwt' -H 'orgid: $orgid' -H 'Content-Type: application/json' -d '{\"items\": [{\"sku\": \"SY-TEE-BLK-M\", \"quantity\": 2}], \"orderId\": \"smoke\"}' http://127.0.0.1:$port/sales-channel/inventory/reserve | grep -q '\"state\":\"active\"'"
check "token create prints a secret once" "cli token create --tenant $orgid --name smoke --scope import:read | grep -qE '^syk_[0-9A-Za-z]{43}$'"
check "token list shows it without the secret" "cli token list --tenant $orgid | grep -q 'smoke' && ! cli token list --tenant $orgid | grep -qE 'syk_[0-9A-Za-z]{43}'"
smoke_id=$(cli token list --tenant "$orgid" | grep smoke | cut -d' ' -f1)
check "token revoke revokes it" "cli token revoke --tenant $orgid --id $smoke_id | grep -q Revoked && cli token list --tenant $orgid | grep smoke | grep -q revoked"
check "token jwt mints a working admin JWT" "curl -sf -H \"Authorization: Bearer \$(cli token jwt --tenant $orgid --email ops@demo-outfitters.example)\" -H 'orgid: $orgid' http://127.0.0.1:$port/api/admin/viewer | grep -q '\"role\":\"staff\"'"
check "the channel Sandbox answers with its eight channels" "curl -sf http://127.0.0.1:$sandbox_port/_sandbox | python3 -c 'import json,sys; sys.exit(0 if len(json.load(sys.stdin)) == 8 else 1)'"
gql() { curl -sf -H "Authorization: Bearer $jwt" -H "orgid: $orgid" -H 'Content-Type: application/json' -d "{\"query\": \"$1\"}" "http://127.0.0.1:$port/graphql"; }
check "the demo tenant is connected to all eight sandbox channels and has a partner" "gql '{ integrationInstances(first: 20) { nodes { provider } } }' | python3 -c 'import json,sys; p=[n[\"provider\"] for n in json.load(sys.stdin)[\"data\"][\"integrationInstances\"][\"nodes\"]]; sys.exit(0 if len(p) == 9 and p.count(\"PARTNER\") == 1 else 1)'"
curl -sf -X POST -H 'Content-Type: application/json' -d '{"newOrders":1,"updates":0}' "http://127.0.0.1:$sandbox_port/_sandbox/advance" >/dev/null
# Runs a command every half second until it succeeds, at most $1 times.
within() {
    local tries=$1
    shift
    for _ in $(seq 1 "$tries"); do
        if "$@"; then return 0; fi
        sleep 0.5
    done
    return 1
}
webhooks_processed() {
    gql '{ inboundEventStats { total byStatus { status count } } }' | python3 -c 'import json,sys; s=json.load(sys.stdin)["data"]["inboundEventStats"]; done=sum(b["count"] for b in s["byStatus"] if b["status"] == "COMPLETED"); sys.exit(0 if s["total"] >= 8 and done >= 8 else 1)'
}
check "a new sandbox order on every channel arrives as a signed webhook and is processed" "within 40 webhooks_processed"
records_stored() {
    gql '{ integrationInstances(first: 20) { nodes { provider products: syncInfo(resource: PRODUCTS) { stored } refunds: syncInfo(resource: REFUNDS) { stored } } } }' | python3 -c 'import json,sys; n=[i for i in json.load(sys.stdin)["data"]["integrationInstances"]["nodes"] if i["provider"] != "PARTNER"]; sys.exit(0 if len(n) == 8 and all(i["products"]["stored"] == 12 and i["refunds"]["stored"] >= 1 for i in n) else 1)'
}
check "every sandbox channel's products and refunds are pulled on schedule" "within 60 records_stored"
catalog_listed() {
    curl -sf -H "X-Api-Key: $key" "http://127.0.0.1:$port/api/v1/skus?limit=500" | python3 -c 'import json,sys; f=json.load(sys.stdin); i=f["items"]; sys.exit(0 if f["total"] == 96 and len({x["provider"] for x in i}) == 8 and all(x["product_id"] for x in i) else 1)'
}
check "every channel's listings reach GET /api/v1/skus, each mapped to its demo product" "within 40 catalog_listed"
erp_feeds() {
    curl -sf -H "X-Api-Key: $key" "http://127.0.0.1:$port/api/v1/orders?since=2000-01-01T00:00:00Z&limit=500" | python3 -c 'import json,sys; o=json.load(sys.stdin); p={x["provider"] for x in o}; sys.exit(0 if len(p) == 8 and all(x["line_items"] and x["channel_code"] == x["provider"] + "-us" for x in o) else 1)' || return 1
    curl -sf -H "X-Api-Key: $key" "http://127.0.0.1:$port/api/v1/refunds?channel=walmart-us&since=2000-01-01T00:00:00Z" | python3 -c 'import json,sys; r=json.load(sys.stdin); sys.exit(0 if r and all(x["line_items"] and x["total_amount"] for x in r) else 1)'
}
check "the ERP feed lists every channel's normalized orders, and a channel's refunds" "within 40 erp_feeds"
shipment_posted() {
    curl -sf -H "X-Api-Key: $key" "http://127.0.0.1:$port/api/v1/carrier_codes" | python3 -c 'import json,sys; c=json.load(sys.stdin)["carrier_codes"]; sys.exit(0 if len({x["provider"] for x in c}) == 8 else 1)' || return 1
    local order
    order=$(curl -sf -H "X-Api-Key: $key" "http://127.0.0.1:$port/api/v1/orders?channel=walmart-us&statuses=pending,processing&since=2000-01-01T00:00:00Z&limit=500" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])') || return 1
    curl -sf -H "X-Api-Key: $key" -H 'Content-Type: application/json' -d "{\"shipments\": [{\"remote_order_id\": $order, \"carrier\": \"ups\", \"tracking_number\": \"1ZSMOKE$order\"}]}" "http://127.0.0.1:$port/api/v1/shipments" | grep -q created_ids
}
check "carrier codes are listed for every channel, and the ERP's shipment is accepted" "within 40 shipment_posted"
shipment_pushed() {
    gql '{ syncRuns(first: 5, filter: {operation: {eq: FULFILLMENT_WRITEBACK}, status: {eq: SUCCEEDED}}) { totalCount } }' | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["data"]["syncRuns"]["totalCount"] >= 1 else 1)'
}
check "the shipment is pushed to Walmart and shows in the sync history" "within 40 shipment_pushed"
aggregated_orders() {
    local total
    total=$(curl -sf -H "Authorization: Bearer $jwt" -H "orgid: $orgid" "http://127.0.0.1:$port/sales-channel/orders?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])') || return 1
    curl -sf -H "Authorization: Bearer $jwt" -H "orgid: $orgid" "http://127.0.0.1:$port/sales-channel/orders/stats/summary" | python3 -c "import json,sys; s=json.load(sys.stdin); sys.exit(0 if s['count'] == $total and len(s['byChannel']) == 8 and $total >= 96 else 1)"
}
check "the sales-channel order list and its summary agree across all eight channels" "within 20 aggregated_orders"
channel_orders() {
    gql '{ channelOrders(first: 2) { totalCount nodes { lines { sku } } } channelOrderStats { total byInstance { provider } } }' | python3 -c 'import json,sys; d=json.load(sys.stdin)["data"]; sys.exit(0 if d["channelOrders"]["totalCount"] == d["channelOrderStats"]["total"] >= 96 and len(d["channelOrderStats"]["byInstance"]) == 8 and all(n["lines"] for n in d["channelOrders"]["nodes"]) else 1)'
}
check "the query language lists every channel's orders with their lines, and their stats agree" "within 20 channel_orders"
consent_connects() {
    local id url answer back
    id=$(gql '{ integrationInstances(first: 1, filter: {provider: {eq: SHOPIFY}}) { nodes { id } } }' | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["integrationInstances"]["nodes"][0]["id"])') || return 1
    url=$(gql "mutation { integrationInstanceAuthorize(id: \\\"$id\\\") { authorization { url } } }" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["integrationInstanceAuthorize"]["authorization"]["url"])') || return 1
    answer=$(curl -s -o /dev/null -w '%{redirect_url}' "$url") || return 1
    back=$(curl -s -o /dev/null -w '%{redirect_url}' "$answer") || return 1
    [[ "$back" == *"/integrations/"*"?authorization=connected" ]]
}
check "a seller's consent at the Sandbox's Shopify comes back to Switchyard and connects" consent_connects
check "the query language answers the admin with real data" "curl -sf -H 'Authorization: Bearer $jwt' -H 'orgid: $orgid' -H 'Content-Type: application/json' -d '{\"query\": \"{ viewer { role } activityLog(first: 5, filter: {subjectType: {eq: \\\"MachineToken\\\"}}) { totalCount } }\"}' http://127.0.0.1:$port/graphql | python3 -c 'import json,sys; d=json.load(sys.stdin)[\"data\"]; sys.exit(0 if d[\"viewer\"][\"role\"] == \"OWNER\" and d[\"activityLog\"][\"totalCount\"] >= 2 else 1)'"
check "a bad subcommand argument is refused" "! cli token list --tenant not-a-uuid >/dev/null"
worker_runs() {
    SWITCHYARD_HOME="$home/state" .build/debug/switchyard worker >"$home/worker.log" 2>&1 &
    local worker_pid=$!
    sleep 2
    kill -0 "$worker_pid" && kill -TERM "$worker_pid" && wait "$worker_pid"
}
check "switchyard worker runs and stops on SIGTERM" worker_runs
check "Ctrl-C stops switchyard dev" stop_dev
check "Ctrl-C stopped PostgreSQL too" "! (exec 3<>/dev/tcp/127.0.0.1/$pg_port) 2>/dev/null"
check "a second run starts" start_dev
check "it reuses the data, the ERP key and the partner token" "[ \"\$(field erpApiKey)\" = '$key' ] && [ \"\$(field partnerToken)\" = '$partner_token' ] && ! grep -q 'creating PostgreSQL cluster' '$log'"
check "Ctrl-C stops it again" stop_dev
interrupt_during_startup() {
    SWITCHYARD_HOME="$home/state" EMBEDDED_POSTGRES_PORT=$pg_port SANDBOX_PORT=$sandbox_port SANDBOX_TICK_SECONDS=0 .build/debug/switchyard dev --port "$port" >"$log" 2>&1 &
    dev_pid=$!
    for _ in $(seq 1 120); do
        if (exec 3<>/dev/tcp/127.0.0.1/$pg_port) 2>/dev/null; then break; fi
        sleep 0.1
    done
    stop_dev
}
check "Ctrl-C while it is still starting stops it" interrupt_during_startup
check "and stops PostgreSQL too" "! (exec 3<>/dev/tcp/127.0.0.1/$pg_port) 2>/dev/null"
echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
