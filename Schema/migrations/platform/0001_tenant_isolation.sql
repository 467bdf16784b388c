-- Tenant isolation in one place: every tenant-owned table calls platform.isolate_by_tenant() in the migration that
-- creates it, which enables and forces row-level security with the tenant policy (and, where infrastructure must
-- cross tenants, the system-scope policy).
CREATE FUNCTION platform.current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('app.tenant_id', true), '')::uuid
$$;

CREATE FUNCTION platform.in_system_scope() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('app.system', true), '') = 'on'
$$;

CREATE FUNCTION platform.isolate_by_tenant(target regclass, system_scope boolean DEFAULT true) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format(
        'CREATE POLICY tenant_isolation ON %s USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant())',
        target);
    IF system_scope THEN
        EXECUTE format(
            'CREATE POLICY system_scope ON %s USING (platform.in_system_scope()) WITH CHECK (platform.in_system_scope())', target);
    END IF;
END;
$$;
