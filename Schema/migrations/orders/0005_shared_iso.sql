-- The ISO 8601 formatting moved to `platform.iso`, shared with the other contexts' JSON statements.
DROP FUNCTION orders.iso(timestamptz);
