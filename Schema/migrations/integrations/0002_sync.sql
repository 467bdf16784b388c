-- Where each instance's next pull starts: changes since `updated_since`, resuming at the provider's `continuation` when a
-- run stopped mid-walk. Written in the same transaction as the page it follows, so a crash never skips a page.
CREATE TABLE integrations.sync_states (
    tenant_id uuid NOT NULL,
    instance_id bigint NOT NULL,
    resource text NOT NULL CHECK (resource IN ('orders')),
    updated_since timestamptz,
    continuation text,
    continuation_since timestamptz,
    last_synced_at timestamptz,
    total_fetched bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, instance_id, resource),
    FOREIGN KEY (tenant_id, instance_id) REFERENCES integrations.instances (tenant_id, id) ON DELETE CASCADE
);
SELECT platform.isolate_by_tenant('integrations.sync_states');

-- Every sync run, writeback and push against a channel (seed 002's sync history), with its counts and outcome.
CREATE TABLE integrations.sync_runs (
    tenant_id uuid NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    instance_id bigint NOT NULL,
    operation text NOT NULL
        CHECK (operation IN ('orders_pull', 'inventory_push', 'inventory_conflict', 'fulfillment_writeback')),
    trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual', 'webhook')),
    status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    pages integer NOT NULL DEFAULT 0,
    fetched integer NOT NULL DEFAULT 0,
    stored integer NOT NULL DEFAULT 0,
    warning text,
    error text,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, instance_id) REFERENCES integrations.instances (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sync_runs_by_started ON integrations.sync_runs (tenant_id, started_at, id);
CREATE INDEX sync_runs_by_operation ON integrations.sync_runs (tenant_id, operation, started_at, id);
CREATE INDEX sync_runs_by_instance ON integrations.sync_runs (tenant_id, instance_id, started_at, id);
SELECT platform.isolate_by_tenant('integrations.sync_runs');

-- Orders exactly as each channel holds them (the provider's JSON text, key order and number text kept), keyed by the
-- provider's id. An upsert never lets an older remote change overwrite a newer one. The Orders context normalizes from here.
CREATE TABLE integrations.remote_orders (
    tenant_id uuid NOT NULL,
    instance_id bigint NOT NULL,
    remote_id text NOT NULL,
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
CREATE INDEX remote_orders_by_update ON integrations.remote_orders (tenant_id, instance_id, remote_updated_at, remote_id);
SELECT platform.isolate_by_tenant('integrations.remote_orders');
