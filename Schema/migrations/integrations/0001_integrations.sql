-- Integration instances: one connection of a tenant to a channel. Credentials are sealed (AES-GCM, key from
-- configuration, bound to tenant and instance) and never leave the Integrations context; only their names are readable.
CREATE TABLE integrations.instances (
    tenant_id uuid NOT NULL REFERENCES identity.tenants (tenant_id),
    id bigint GENERATED ALWAYS AS IDENTITY,
    provider text NOT NULL CHECK (provider IN
        ('amazon', 'shopify', 'ebay', 'walmart', 'woocommerce', 'bigcommerce', 'tiktok', 'magento', 'partner')),
    name text NOT NULL CHECK (name <> '' AND length(name) <= 200),
    status text NOT NULL DEFAULT 'connected' CHECK (status IN ('pending', 'connected', 'disconnected')),
    api_base_url text,
    integration_settings jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(integration_settings) = 'object'),
    connection_settings jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(connection_settings) = 'object'),
    credentials_sealed bytea,
    credential_names text[] NOT NULL DEFAULT '{}',
    -- Routes a webhook delivery (`?instance=<key>`) to its tenant and instance before the tenant is known.
    webhook_key text NOT NULL CHECK (webhook_key ~ '^whk_[0-9a-f]{32}$'),
    webhooks_enabled boolean NOT NULL DEFAULT false,
    sync_inventory boolean NOT NULL DEFAULT false,
    conflict_strategy text NOT NULL DEFAULT 'master_wins'
        CHECK (conflict_strategy IN ('master_wins', 'channel_wins', 'lower_wins', 'manual')),
    poll_interval_minutes integer NOT NULL CHECK (poll_interval_minutes BETWEEN 1 AND 1440),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    disconnected_at timestamptz,
    deleted_at timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX instances_webhook_key ON integrations.instances (webhook_key);
CREATE UNIQUE INDEX instances_name ON integrations.instances (tenant_id, lower(name)) WHERE deleted_at IS NULL;
CREATE INDEX instances_by_created ON integrations.instances (tenant_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX instances_by_name ON integrations.instances (tenant_id, name, id) WHERE deleted_at IS NULL;
SELECT platform.isolate_by_tenant('integrations.instances');

-- Every webhook delivery and partner API call, with what was answered. `verified` deliveries are unique per provider
-- delivery id (a duplicate is acknowledged and not processed again); refused ones are kept for inspection only.
CREATE TABLE integrations.inbound_events (
    tenant_id uuid NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    instance_id bigint NOT NULL,
    source text NOT NULL CHECK (source IN ('webhook', 'partner_api')),
    endpoint text NOT NULL,
    delivery_id text,
    topic text,
    verified boolean NOT NULL,
    request_headers jsonb NOT NULL DEFAULT '{}',
    request_body bytea NOT NULL,
    response_status integer NOT NULL,
    response_body text,
    status text NOT NULL CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    error text,
    attempts integer NOT NULL DEFAULT 0,
    resource text,
    remote_id text,
    remote_status text,
    received_at timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, instance_id) REFERENCES integrations.instances (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX inbound_events_delivery ON integrations.inbound_events (tenant_id, instance_id, delivery_id)
    WHERE verified AND delivery_id IS NOT NULL;
CREATE INDEX inbound_events_by_instance ON integrations.inbound_events (tenant_id, instance_id, received_at, id);
CREATE INDEX inbound_events_by_received ON integrations.inbound_events (tenant_id, received_at, id);
CREATE INDEX inbound_events_by_status ON integrations.inbound_events (tenant_id, status, received_at, id);
SELECT platform.isolate_by_tenant('integrations.inbound_events');

-- JSON Merge Patch (RFC 7386) for PATCH of integration_settings / connection_settings: objects merge recursively,
-- a null member removes the key, anything else replaces.
CREATE FUNCTION integrations.merge_patch(target jsonb, patch jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    result jsonb;
    member record;
BEGIN
    IF jsonb_typeof(patch) IS DISTINCT FROM 'object' THEN
        RETURN patch;
    END IF;
    result := CASE WHEN jsonb_typeof(target) = 'object' THEN target ELSE '{}'::jsonb END;
    FOR member IN SELECT key, value FROM jsonb_each(patch) LOOP
        IF jsonb_typeof(member.value) = 'null' THEN
            result := result - member.key;
        ELSE
            result := jsonb_set(result, ARRAY[member.key], integrations.merge_patch(result -> member.key, member.value));
        END IF;
    END LOOP;
    RETURN result;
END;
$$;
