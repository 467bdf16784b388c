-- The job tray sorted by time: the query language's `jobs(sort: [{field: CREATED_AT | UPDATED_AT}])` pages through
-- these with keyset conditions on (created_at, id) or (updated_at, id).
CREATE INDEX jobs_tray_created ON platform.jobs (tenant_id, created_at DESC, id DESC) WHERE tracked;
CREATE INDEX jobs_tray_updated ON platform.jobs (tenant_id, updated_at DESC, id DESC) WHERE tracked;
