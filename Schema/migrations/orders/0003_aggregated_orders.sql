-- Seed 002's aggregated orders. `local_status` is a status an admin set (PUT /sales-channel/orders/:id/status) that the
-- channel has not confirmed yet; ingestion clears it once the channel reports a change made after it, so the channel's
-- word wins again. `aggregated_status` is what the aggregated view shows and filters on; `placed_at` is the order's
-- creation time, falling back to when Switchyard first stored it.
ALTER TABLE orders.orders
    ADD COLUMN local_status text CHECK (local_status IN ('pending', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded')),
    ADD COLUMN local_status_at timestamptz,
    ADD COLUMN aggregated_status text GENERATED ALWAYS AS (coalesce(local_status, canonical_status)) STORED,
    ADD COLUMN placed_at timestamptz GENERATED ALWAYS AS (coalesce(ordered_at, created_at)) STORED;
CREATE INDEX orders_by_placed ON orders.orders (tenant_id, placed_at, id);
CREATE INDEX orders_by_status_placed ON orders.orders (tenant_id, aggregated_status, placed_at, id);
CREATE INDEX orders_by_instance_placed ON orders.orders (tenant_id, instance_id, placed_at, id);
