-- Channel tokens (seed 000, channel partner API): a token holding `channel:read` / `channel:write` is bound to one
-- integration instance (the channel whose data it may see), and a token bound to a channel holds only channel scopes.
ALTER TABLE identity.machine_tokens ADD COLUMN channel_instance_id bigint;
ALTER TABLE identity.machine_tokens ADD CONSTRAINT machine_tokens_channel_scopes CHECK (
    (channel_instance_id IS NOT NULL) = (scopes && ARRAY['channel:read', 'channel:write'])
    AND (channel_instance_id IS NULL OR scopes <@ ARRAY['channel:read', 'channel:write'])
);
CREATE INDEX machine_tokens_by_channel ON identity.machine_tokens (tenant_id, channel_instance_id, created_at)
    WHERE channel_instance_id IS NOT NULL;
