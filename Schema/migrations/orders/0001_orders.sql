-- Channel orders in one normalized shape (seed 001's order fields), one row per (instance, channel order id). Written
-- by ingestion as an upsert that never lets an older remote change overwrite a newer one; the channel's own payload is
-- kept beside the normalized fields. `channel_changed_at` is what the ERP's `since` filters on: the remote update time,
-- falling back to the order time and then to when Switchyard first stored the order.
CREATE TABLE orders.orders (
    tenant_id uuid NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    instance_id bigint NOT NULL,
    provider text NOT NULL,
    external_order_id text NOT NULL CHECK (external_order_id <> ''),
    status text,
    payment_status text,
    canonical_status text NOT NULL
        CHECK (canonical_status IN ('pending', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded')),
    ordered_at timestamptz,
    last_remote_update_at timestamptz,
    order_number_hint text,
    taxes_included boolean,
    buyer_name text,
    buyer_email text,
    currency text,
    subtotal_amount numeric,
    shipping_amount numeric,
    tax_amount numeric,
    discount_amount numeric,
    total_amount numeric,
    bill_name text,
    bill_address1 text,
    bill_address2 text,
    bill_city text,
    bill_region text,
    bill_postal text,
    bill_country text,
    bill_phone text,
    ship_name text,
    ship_address1 text,
    ship_address2 text,
    ship_city text,
    ship_region text,
    ship_postal text,
    ship_country text,
    ship_phone text,
    payment_method text,
    is_gift boolean NOT NULL DEFAULT false,
    notes text,
    line_items_count integer NOT NULL DEFAULT 0,
    items_total_quantity integer NOT NULL DEFAULT 0,
    channel_metadata jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(channel_metadata) = 'object'),
    raw_payload jsonb NOT NULL,
    raw_lines jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(raw_lines) = 'array'),
    imported_to_erp boolean NOT NULL DEFAULT false,
    imported_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    channel_changed_at timestamptz GENERATED ALWAYS AS (coalesce(last_remote_update_at, ordered_at, created_at)) STORED,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX orders_by_external ON orders.orders (tenant_id, instance_id, external_order_id);
CREATE INDEX orders_by_instance_channel_change ON orders.orders (tenant_id, instance_id, channel_changed_at, id);
SELECT platform.isolate_by_tenant('orders.orders');

-- The lines of an order, in the channel's order, replaced whole when a newer version of the order arrives.
CREATE TABLE orders.order_lines (
    tenant_id uuid NOT NULL,
    order_id bigint NOT NULL,
    position integer NOT NULL,
    external_line_id text,
    sku text,
    title text,
    variant_sku text,
    channel_product_id text,
    channel_variant_id text,
    quantity integer NOT NULL,
    currency text,
    unit_price numeric,
    selling_unit_price numeric,
    total_price numeric,
    tax_amount numeric,
    discount_amount numeric,
    shipping_amount numeric,
    fulfillment_status text,
    is_gift boolean NOT NULL DEFAULT false,
    notes text,
    assigned_location_id bigint,
    assigned_location_name text,
    PRIMARY KEY (tenant_id, order_id, position),
    FOREIGN KEY (tenant_id, order_id) REFERENCES orders.orders (tenant_id, id) ON DELETE CASCADE
);
SELECT platform.isolate_by_tenant('orders.order_lines');

-- Refunds and returns with money back, one row per (instance, channel refund id), with line detail where the channel
-- gives it. `external_order_id` names the refunded order as the channel does; the order may arrive later. As with
-- orders, an older remote change never overwrites a newer one.
CREATE TABLE orders.refunds (
    tenant_id uuid NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    instance_id bigint NOT NULL,
    provider text NOT NULL,
    external_refund_id text NOT NULL CHECK (external_refund_id <> ''),
    external_order_id text,
    occurred_at timestamptz,
    last_remote_update_at timestamptz,
    amount numeric,
    currency text,
    subtotal_amount numeric,
    shipping_amount numeric,
    tax_amount numeric,
    discount_amount numeric,
    total_amount numeric,
    line_items_count integer NOT NULL DEFAULT 0,
    items_total_quantity integer NOT NULL DEFAULT 0,
    payment_status text,
    payment_method text,
    reason_code text,
    notes text,
    raw_payload jsonb NOT NULL,
    imported_to_erp boolean NOT NULL DEFAULT false,
    imported_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    occurred_or_stored_at timestamptz GENERATED ALWAYS AS (coalesce(occurred_at, created_at)) STORED,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX refunds_by_external ON orders.refunds (tenant_id, instance_id, external_refund_id);
CREATE INDEX refunds_by_instance_occurred ON orders.refunds (tenant_id, instance_id, occurred_or_stored_at, id);
CREATE INDEX refunds_by_order ON orders.refunds (tenant_id, instance_id, external_order_id);
SELECT platform.isolate_by_tenant('orders.refunds');

CREATE TABLE orders.refund_lines (
    tenant_id uuid NOT NULL,
    refund_id bigint NOT NULL,
    position integer NOT NULL,
    external_line_id text,
    sku text,
    title text,
    variant_sku text,
    quantity integer NOT NULL,
    currency text,
    unit_refund numeric,
    total_refund numeric,
    tax_amount numeric,
    discount_amount numeric,
    shipping_amount numeric,
    reason_code text,
    notes text,
    PRIMARY KEY (tenant_id, refund_id, position),
    FOREIGN KEY (tenant_id, refund_id) REFERENCES orders.refunds (tenant_id, id) ON DELETE CASCADE
);
SELECT platform.isolate_by_tenant('orders.refund_lines');

-- Timestamps as the REST surfaces write them: ISO 8601 in UTC with milliseconds (`2025-11-25T12:34:56.000Z`).
CREATE FUNCTION orders.iso(moment timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT to_char(moment AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;
