-- Channel codes: the short, stable name a tenant gives each instance (`shop-us`, `wm-us`), by which the ERP API scopes
-- its calls (seed 001). Until a tenant sets one, an instance's code is its provider and id (`shopify-12`).
ALTER TABLE integrations.instances ADD COLUMN code text;
SELECT set_config('app.system', 'on', false);
UPDATE integrations.instances SET code = provider || '-' || id;
ALTER TABLE integrations.instances ALTER COLUMN code SET NOT NULL,
    ADD CONSTRAINT instances_code_format CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,63}$');
CREATE UNIQUE INDEX instances_code ON integrations.instances (tenant_id, code) WHERE deleted_at IS NULL;

CREATE FUNCTION integrations.default_instance_code() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.code := coalesce(NEW.code, NEW.provider || '-' || NEW.id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER instances_default_code BEFORE INSERT ON integrations.instances
    FOR EACH ROW EXECUTE FUNCTION integrations.default_instance_code();

-- Orders and refunds pulled before the Orders context existed were never normalized: their next pull starts again
-- from the first-pull window (30 days), so those reach `orders.orders` through the same ingestion.
UPDATE integrations.sync_states SET updated_since = NULL, continuation = NULL, continuation_since = NULL
WHERE resource IN ('orders', 'refunds');
SELECT set_config('app.system', '', false);
