-- Free-text search (products by SKU or name, listings by SKU or title) matches `search_text` through trigram indexes,
-- so a substring search stays an index scan.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- The SKU master: one product per seller SKU, whatever channels list it. `archived_at` hides it from pushes and lists
-- without losing its history.
CREATE TABLE catalog.products (
    tenant_id uuid NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    sku text NOT NULL CHECK (sku <> ''),
    name text NOT NULL CHECK (name <> ''),
    barcode text,
    attributes jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    low_stock_threshold bigint CHECK (low_stock_threshold >= 0),
    unit_cost numeric(18, 4) CHECK (unit_cost >= 0),
    archived_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    search_text text GENERATED ALWAYS AS (lower(sku || ' ' || name)) STORED,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX products_by_sku ON catalog.products (tenant_id, sku);
CREATE INDEX products_by_barcode ON catalog.products (tenant_id, barcode) WHERE barcode IS NOT NULL;
CREATE INDEX products_search ON catalog.products USING gin (search_text public.gin_trgm_ops);
SELECT platform.isolate_by_tenant('catalog.products');

-- Each sellable SKU as a channel lists it (a product or one of its variants): the item master of seed 001, whose id an
-- ERP sends as `item_master_id`. Keyed by (instance, channel product id, channel variant id — '' when the channel has
-- none); `remote_updated_at` guards the upsert so an older pull never overwrites a newer one. `product_id` is the
-- mapping to the SKU master, and `mapped_by` how it was made (`manual`, `smart` match, `auto` on sync).
CREATE TABLE catalog.listings (
    tenant_id uuid NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    instance_id bigint NOT NULL,
    channel_product_id text NOT NULL CHECK (channel_product_id <> ''),
    channel_variant_id text NOT NULL DEFAULT '',
    sku text NOT NULL CHECK (sku <> ''),
    title text,
    barcode text,
    price numeric(18, 4),
    currency text,
    status text NOT NULL CHECK (status IN ('active', 'inactive', 'archived', 'retired', 'unpublished', 'draft')),
    remote_status text,
    remote_updated_at timestamptz,
    external_ids jsonb NOT NULL DEFAULT '{}',
    attrs jsonb NOT NULL DEFAULT '{}',
    raw_payload jsonb NOT NULL,
    product_id bigint,
    mapped_by text CHECK (mapped_by IN ('manual', 'smart', 'auto')),
    mapped_at timestamptz,
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    search_text text GENERATED ALWAYS AS (lower(sku || ' ' || coalesce(title, ''))) STORED,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, product_id) REFERENCES catalog.products (tenant_id, id),
    CHECK ((product_id IS NULL) = (mapped_by IS NULL))
);
CREATE UNIQUE INDEX listings_by_remote ON catalog.listings (tenant_id, instance_id, channel_product_id, channel_variant_id);
-- `GET /api/v1/skus` pages by id within the account or one channel, `since` on updated_at.
CREATE INDEX listings_by_instance ON catalog.listings (tenant_id, instance_id, id);
CREATE INDEX listings_by_update ON catalog.listings (tenant_id, updated_at, id);
CREATE INDEX listings_by_sku ON catalog.listings (tenant_id, sku);
CREATE INDEX listings_by_product ON catalog.listings (tenant_id, product_id) WHERE product_id IS NOT NULL;
CREATE INDEX listings_search ON catalog.listings USING gin (search_text public.gin_trgm_ops);
SELECT platform.isolate_by_tenant('catalog.listings');
