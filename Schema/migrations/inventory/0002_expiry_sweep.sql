-- Tenants that already have warehouses get the minute-by-minute sweep of overdue reservations, which a tenant's
-- first warehouse now starts (the safety net behind each reservation's own expiry job).
SELECT set_config('app.system', 'on', false);
INSERT INTO platform.job_schedules (tenant_id, name, kind, payload, interval_minutes, next_run_at)
SELECT DISTINCT tenant_id, 'inventory.expire_due_reservations', 'inventory.expire_due_reservations', '{}'::jsonb, 1, now()
FROM inventory.warehouses
ON CONFLICT (tenant_id, name) DO NOTHING;
SELECT set_config('app.system', '', false);
