-- Channel tokens (seed 000, channel partner API): a token holding `channel:read` / `channel:write` is bound to one
-- integration instance (the channel whose data it may see), and a token bound to a channel holds only channel scopes.
ALTER TABLE identity.machine_tokens ADD COLUMN channel_instance_id bigint;
-- Tokens issued before this rule could name channel scopes without a channel. No route accepted those scopes then, so
-- they are dropped from such tokens (and a token that held nothing else, and so could never do anything, is removed).
-- Every tenant's rows: the system scope, for this migration's transaction only.
SELECT set_config('app.system', 'on', true);
DELETE FROM identity.machine_tokens WHERE scopes <@ ARRAY['channel:read', 'channel:write'];
UPDATE identity.machine_tokens SET scopes = array_remove(array_remove(scopes, 'channel:read'), 'channel:write')
WHERE scopes && ARRAY['channel:read', 'channel:write'];
ALTER TABLE identity.machine_tokens ADD CONSTRAINT machine_tokens_channel_scopes CHECK (
    (channel_instance_id IS NOT NULL) = (scopes && ARRAY['channel:read', 'channel:write'])
    AND (channel_instance_id IS NULL OR scopes <@ ARRAY['channel:read', 'channel:write'])
);
CREATE INDEX machine_tokens_by_channel ON identity.machine_tokens (tenant_id, channel_instance_id, created_at)
    WHERE channel_instance_id IS NOT NULL;
