-- Where stock is kept. Every tenant has a `default` warehouse (created the first time stock is recorded without naming
-- one); `priority` orders warehouses for the priority allocation strategy (lower first, then id).
CREATE TABLE inventory.warehouses (
    tenant_id uuid NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    code text NOT NULL CHECK (code <> '' AND length(code) <= 64),
    name text NOT NULL,
    priority integer NOT NULL DEFAULT 100,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX warehouses_by_code ON inventory.warehouses (tenant_id, code);
SELECT platform.isolate_by_tenant('inventory.warehouses');

-- The master quantity of each SKU in each warehouse. `on_hand` changes only together with a ledger row appended in the
-- same transaction (so it always equals the sum of its ledger); `reserved` is the sum of the active reservation lines
-- drawing on it, kept beside it so a reservation checks and takes stock with the row locked. Available is on hand minus
-- reserved: a reservation is granted only while it stays at or above zero (a recount may take it below).
CREATE TABLE inventory.stock_levels (
    tenant_id uuid NOT NULL,
    sku text NOT NULL CHECK (sku <> ''),
    warehouse_id bigint NOT NULL,
    on_hand bigint NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved bigint NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, sku, warehouse_id),
    FOREIGN KEY (tenant_id, warehouse_id) REFERENCES inventory.warehouses (tenant_id, id)
);
SELECT platform.isolate_by_tenant('inventory.stock_levels');

-- Every change of an on-hand quantity: the delta, the balance it left, its kind (`set`: a new quantity was given,
-- `order`: a committed reservation), the reason the caller gave, who, from where (`api`, `admin`, `reservation`,
-- `seed`), and the reference the source gave (a reservation's id and order).
CREATE TABLE inventory.ledger (
    tenant_id uuid NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    sku text NOT NULL,
    warehouse_id bigint NOT NULL,
    delta bigint NOT NULL CHECK (delta <> 0),
    balance_after bigint NOT NULL CHECK (balance_after >= 0),
    kind text NOT NULL CHECK (kind IN ('set', 'order')),
    reason text,
    actor text NOT NULL,
    source text NOT NULL,
    reference text,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, sku, warehouse_id) REFERENCES inventory.stock_levels (tenant_id, sku, warehouse_id)
);
CREATE INDEX ledger_by_sku ON inventory.ledger (tenant_id, sku, id);
SELECT platform.isolate_by_tenant('inventory.ledger');

-- Stock held for a checkout (seed 004): `active` until released (cart abandoned), committed (order placed: on hand
-- decremented) or expired (its TTL passed; a job per reservation ends it at `expires_at`).
CREATE TABLE inventory.reservations (
    tenant_id uuid NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    order_ref text,
    channel text,
    state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'released', 'committed', 'expired')),
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    ended_at timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX reservations_active_by_expiry ON inventory.reservations (tenant_id, expires_at) WHERE state = 'active';
SELECT platform.isolate_by_tenant('inventory.reservations');

-- What a reservation holds: per SKU, the quantity drawn from each warehouse.
CREATE TABLE inventory.reservation_lines (
    tenant_id uuid NOT NULL,
    reservation_id bigint NOT NULL,
    sku text NOT NULL,
    warehouse_id bigint NOT NULL,
    quantity bigint NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (tenant_id, reservation_id, sku, warehouse_id),
    FOREIGN KEY (tenant_id, reservation_id) REFERENCES inventory.reservations (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, sku, warehouse_id) REFERENCES inventory.stock_levels (tenant_id, sku, warehouse_id)
);
SELECT platform.isolate_by_tenant('inventory.reservation_lines');

-- How each channel's reservations pick warehouses; a channel without a row uses `priority`.
CREATE TABLE inventory.allocation_rules (
    tenant_id uuid NOT NULL,
    channel text NOT NULL CHECK (channel <> ''),
    strategy text NOT NULL CHECK (strategy IN ('priority', 'highest_stock')),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, channel)
);
SELECT platform.isolate_by_tenant('inventory.allocation_rules');
