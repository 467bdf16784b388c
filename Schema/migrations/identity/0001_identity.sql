-- Tenants (organisations), the people who sign in, their roles per tenant, and machine tokens.
CREATE TABLE identity.tenants (
    tenant_id uuid PRIMARY KEY,
    name text NOT NULL CHECK (name <> ''),
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    created_at timestamptz NOT NULL DEFAULT now()
);
SELECT platform.isolate_by_tenant('identity.tenants');

-- A person may belong to several tenants, so users are global; a tenant sees only its members.
CREATE TABLE identity.users (
    user_id uuid PRIMARY KEY,
    email text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
    name text NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON identity.users (lower(email));

CREATE TABLE identity.memberships (
    tenant_id uuid NOT NULL REFERENCES identity.tenants (tenant_id),
    user_id uuid NOT NULL REFERENCES identity.users (user_id),
    role text NOT NULL CHECK (role IN ('owner', 'admin', 'staff', 'viewer')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX memberships_user ON identity.memberships (user_id);
SELECT platform.isolate_by_tenant('identity.memberships');

ALTER TABLE identity.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.users FORCE ROW LEVEL SECURITY;
CREATE POLICY members_of_current_tenant ON identity.users FOR SELECT
    USING (EXISTS (
        SELECT 1 FROM identity.memberships m WHERE m.user_id = users.user_id AND m.tenant_id = platform.current_tenant()));
CREATE POLICY system_scope ON identity.users USING (platform.in_system_scope()) WITH CHECK (platform.in_system_scope());

-- Machine tokens (ERP keys, import keys, partner tokens): only a SHA-256 of the secret is kept.
CREATE TABLE identity.machine_tokens (
    tenant_id uuid NOT NULL REFERENCES identity.tenants (tenant_id),
    token_id uuid NOT NULL,
    name text NOT NULL CHECK (name <> ''),
    display_prefix text NOT NULL,
    secret_sha256 text NOT NULL,
    scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at timestamptz,
    PRIMARY KEY (tenant_id, token_id),
    UNIQUE (tenant_id, secret_sha256)
);
-- Authentication resolves a presented secret to its tenant, so the hash is looked up across tenants.
CREATE INDEX machine_tokens_secret ON identity.machine_tokens (secret_sha256);
SELECT platform.isolate_by_tenant('identity.machine_tokens');
