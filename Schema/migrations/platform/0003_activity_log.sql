-- What happened, to what, by whom: written by any context, read newest first.
CREATE TABLE platform.activity_log (
    tenant_id uuid NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor_type text NOT NULL CHECK (actor_type <> ''),
    actor_id text,
    subject_type text NOT NULL CHECK (subject_type <> ''),
    subject_id text NOT NULL,
    event text NOT NULL CHECK (event <> ''),
    properties jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX activity_log_newest ON platform.activity_log (tenant_id, occurred_at DESC, id DESC);
CREATE INDEX activity_log_subject ON platform.activity_log (tenant_id, subject_type, subject_id, occurred_at DESC, id DESC);

SELECT platform.isolate_by_tenant('platform.activity_log', system_scope => false);
