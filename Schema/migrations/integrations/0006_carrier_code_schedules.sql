-- Every channel enabled before carrier codes existed gets the weekly refresh that enabling a channel now schedules
-- (integrations.refresh_carrier_codes, 5 attempts, tracked), due at once, so its shipments can name a carrier.
SELECT set_config('app.system', 'on', false);
INSERT INTO platform.job_schedules (tenant_id, name, kind, payload, interval_minutes, next_run_at, enabled, max_attempts, tracked)
SELECT s.tenant_id, replace(s.name, 'integrations.pull:orders:', 'integrations.carrier_codes:'), 'integrations.refresh_carrier_codes',
       jsonb_build_object('instanceID', (s.payload ->> 'instanceID')::bigint), 10080, now(), s.enabled, 5, true
FROM platform.job_schedules s
WHERE s.kind = 'integrations.pull' AND s.name LIKE 'integrations.pull:orders:instance:%'
ON CONFLICT (tenant_id, name) DO NOTHING;
SELECT set_config('app.system', '', false);
