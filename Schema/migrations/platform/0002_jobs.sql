-- The durable job queue. Enqueue happens inside the caller's transaction; workers claim with
-- FOR UPDATE SKIP LOCKED and a lease. Rows are tenant-owned; workers use the system scope.
CREATE TABLE platform.jobs (
    tenant_id uuid NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    kind text NOT NULL CHECK (kind <> ''),
    payload jsonb NOT NULL DEFAULT '{}',
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'succeeded', 'dead', 'cancelled')),
    priority smallint NOT NULL DEFAULT 0,
    run_at timestamptz NOT NULL DEFAULT now(),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts integer NOT NULL DEFAULT 10 CHECK (max_attempts > 0),
    unique_key text,
    tracked boolean NOT NULL DEFAULT false,
    progress_percent smallint CHECK (progress_percent BETWEEN 0 AND 100),
    progress_message text,
    result jsonb,
    last_error text,
    locked_by text,
    locked_until timestamptz,
    schedule_id bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    PRIMARY KEY (tenant_id, id)
);

-- What workers claim next.
CREATE INDEX jobs_ready ON platform.jobs (priority DESC, run_at, id) WHERE state = 'pending';
-- Leases to reap and heartbeat.
CREATE INDEX jobs_leases ON platform.jobs (locked_until) WHERE state = 'running';
CREATE INDEX jobs_by_worker ON platform.jobs (locked_by) WHERE state = 'running';
-- At most one pending job per (tenant, kind, unique key).
CREATE UNIQUE INDEX jobs_unique_pending ON platform.jobs (tenant_id, kind, unique_key)
    WHERE state = 'pending' AND unique_key IS NOT NULL;
-- The job tray: a tenant's tracked jobs, newest first.
CREATE INDEX jobs_tray ON platform.jobs (tenant_id, id DESC) WHERE tracked;
-- Pruning finished jobs.
CREATE INDEX jobs_finished ON platform.jobs (finished_at) WHERE state IN ('succeeded', 'cancelled');

SELECT platform.isolate_by_tenant('platform.jobs');

-- Wake sleeping workers when work arrives; PostgreSQL folds identical notifications per transaction.
CREATE FUNCTION platform.notify_jobs_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('switchyard_jobs', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER jobs_inserted AFTER INSERT ON platform.jobs
    FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_jobs_inserted();

-- Recurring schedules: every N minutes, per tenant and subject (e.g. an integration instance).
CREATE TABLE platform.job_schedules (
    tenant_id uuid NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    name text NOT NULL CHECK (name <> ''),
    kind text NOT NULL CHECK (kind <> ''),
    payload jsonb NOT NULL DEFAULT '{}',
    interval_minutes integer NOT NULL CHECK (interval_minutes > 0),
    next_run_at timestamptz NOT NULL,
    enabled boolean NOT NULL DEFAULT true,
    last_enqueued_at timestamptz,
    last_job_id bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);
CREATE INDEX job_schedules_due ON platform.job_schedules (next_run_at) WHERE enabled;

SELECT platform.isolate_by_tenant('platform.job_schedules');
