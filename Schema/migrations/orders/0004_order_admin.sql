-- The admin's channel-order list (seed 000's order sections): archiving hides an order from the default list without
-- touching the channel; `search_text` is what the list's free-text search matches (channel id, order number, buyer name
-- and email, in lower case), with trigram indexes so a substring search stays an index scan, as does a search by SKU
-- over the lines. The list sorted by change time across instances has its own index.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
ALTER TABLE orders.orders
    ADD COLUMN archived_at timestamptz,
    ADD COLUMN search_text text GENERATED ALWAYS AS (
        lower(external_order_id || ' ' || coalesce(order_number_hint, '') || ' ' || coalesce(buyer_name, '') || ' '
            || coalesce(buyer_email, ''))
    ) STORED;
CREATE INDEX orders_search ON orders.orders USING gin (search_text public.gin_trgm_ops);
CREATE INDEX orders_by_channel_change ON orders.orders (tenant_id, channel_changed_at, id);
CREATE INDEX order_lines_sku_search ON orders.order_lines USING gin (lower(sku) public.gin_trgm_ops);
