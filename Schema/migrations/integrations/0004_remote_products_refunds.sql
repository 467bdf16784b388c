-- Products and refunds are pulled like orders: a cursor per (instance, resource) and a sync-history operation each.
ALTER TABLE integrations.sync_states DROP CONSTRAINT sync_states_resource_check;
ALTER TABLE integrations.sync_states ADD CONSTRAINT sync_states_resource_check CHECK (resource IN ('orders', 'products', 'refunds'));
ALTER TABLE integrations.sync_runs DROP CONSTRAINT sync_runs_operation_check;
ALTER TABLE integrations.sync_runs ADD CONSTRAINT sync_runs_operation_check CHECK (
    operation IN ('orders_pull', 'products_pull', 'refunds_pull', 'inventory_push', 'inventory_conflict', 'fulfillment_writeback'));

-- Products and listings exactly as each channel holds them, with their variants (the sellable SKUs). The Catalog context
-- maps them to listings from here.
CREATE TABLE integrations.remote_products (
    tenant_id uuid NOT NULL,
    instance_id bigint NOT NULL,
    remote_id text NOT NULL,
    remote_status text,
    remote_created_at timestamptz,
    remote_updated_at timestamptz,
    payload text NOT NULL,
    variants text NOT NULL,
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, instance_id, remote_id),
    FOREIGN KEY (tenant_id, instance_id) REFERENCES integrations.instances (tenant_id, id) ON DELETE CASCADE
);
SELECT platform.isolate_by_tenant('integrations.remote_products');

-- Refunds exactly as each channel holds them, with their lines where the provider gives them, keyed by the provider's
-- refund id and pointing at the refunded order. The Orders context normalizes from here.
CREATE TABLE integrations.remote_refunds (
    tenant_id uuid NOT NULL,
    instance_id bigint NOT NULL,
    remote_id text NOT NULL,
    remote_order_id text NOT NULL,
    remote_status text,
    remote_created_at timestamptz,
    remote_updated_at timestamptz,
    payload text NOT NULL,
    lines text NOT NULL,
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, instance_id, remote_id),
    FOREIGN KEY (tenant_id, instance_id) REFERENCES integrations.instances (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX remote_refunds_by_order ON integrations.remote_refunds (tenant_id, instance_id, remote_order_id);
SELECT platform.isolate_by_tenant('integrations.remote_refunds');

-- The order pull became one pull job per kind (`integrations.pull` with a resource): existing schedules move over, every
-- enabled instance gains its product (at most hourly) and refund schedules, and queued jobs of the old kind are cancelled
-- (the next scheduled pull takes their place). Every tenant's rows: system scope.
SELECT set_config('app.system', 'on', false);
UPDATE platform.job_schedules
SET kind = 'integrations.pull',
    name = replace(name, 'integrations.sync_orders:instance:', 'integrations.pull:orders:instance:'),
    payload = payload || '{"resource": "orders"}'::jsonb, updated_at = now()
WHERE kind = 'integrations.sync_orders';
INSERT INTO platform.job_schedules (tenant_id, name, kind, payload, interval_minutes, next_run_at, enabled)
SELECT s.tenant_id, replace(s.name, ':orders:', ':' || r.resource || ':'), s.kind, s.payload || jsonb_build_object('resource', r.resource),
       CASE WHEN r.resource = 'products' THEN GREATEST(s.interval_minutes, 60) ELSE s.interval_minutes END, now(), s.enabled
FROM platform.job_schedules s CROSS JOIN (VALUES ('products'), ('refunds')) AS r (resource)
WHERE s.kind = 'integrations.pull' AND s.name LIKE 'integrations.pull:orders:instance:%'
ON CONFLICT (tenant_id, name) DO NOTHING;
UPDATE platform.jobs SET state = 'cancelled', finished_at = now()
WHERE kind = 'integrations.sync_orders' AND state = 'pending';
SELECT set_config('app.system', '', false);
