-- The carriers a shipment may name on each provider's channels (seed 001's `/api/v1/carrier_codes`), refreshed weekly
-- from each connected instance's adapter. A carrier no refresh has named for 30 days is dropped by the next refresh of
-- its provider. Lookups fold case: `ups` finds `UPS`, which is what is stored and pushed.
CREATE TABLE orders.carrier_codes (
    tenant_id uuid NOT NULL,
    provider text NOT NULL,
    code text NOT NULL CHECK (code <> ''),
    display_name text NOT NULL,
    refreshed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, provider, code)
);
CREATE UNIQUE INDEX carrier_codes_by_folded_code ON orders.carrier_codes (tenant_id, provider, lower(code));
SELECT platform.isolate_by_tenant('orders.carrier_codes');

-- Shipments an ERP or an admin reported for an order (seed 001's ShipmentPush records), each pushed to the order's
-- channel by a job: `pending` until a push job claims it (`pushing`, with that job's id, so no other job pushes it too),
-- then `succeeded` (with the channel's id for it) or, once retrying cannot help, `failed` with the channel's answer. The
-- same tracking number for the same order is the same shipment, so a client retrying a request never ships twice.
CREATE TABLE orders.shipments (
    tenant_id uuid NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    order_id bigint NOT NULL,
    carrier text NOT NULL CHECK (carrier <> ''),
    service text,
    tracking_number text NOT NULL CHECK (tracking_number <> ''),
    shipped_at timestamptz,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'pushing', 'succeeded', 'failed')),
    push_job_id bigint,
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    remote_shipment_id text,
    pushed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders.orders (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX shipments_by_tracking ON orders.shipments (tenant_id, order_id, tracking_number);
SELECT platform.isolate_by_tenant('orders.shipments');
