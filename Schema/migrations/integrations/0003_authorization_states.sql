-- Sellers' consents under way: the state sent to a provider's consent page (kept only as its SHA-256), the instance it
-- connects, who started it and when it lapses (15 minutes on). A callback spends its state whatever the outcome.
CREATE TABLE integrations.authorization_states (
    tenant_id uuid NOT NULL,
    state_hash bytea NOT NULL,
    instance_id bigint NOT NULL,
    provider text NOT NULL,
    started_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, state_hash),
    FOREIGN KEY (tenant_id, instance_id) REFERENCES integrations.instances (tenant_id, id) ON DELETE CASCADE
);
-- The callback knows only the state: it is found across tenants by its hash.
CREATE UNIQUE INDEX authorization_states_by_hash ON integrations.authorization_states (state_hash);
CREATE INDEX authorization_states_by_expiry ON integrations.authorization_states (tenant_id, expires_at);
CREATE INDEX authorization_states_by_instance ON integrations.authorization_states (tenant_id, instance_id);
SELECT platform.isolate_by_tenant('integrations.authorization_states');
