-- A timestamp as the APIs write it (ISO 8601 in UTC with milliseconds), for statements that write JSON themselves; shared
-- by every context (it was `orders.iso`).
CREATE FUNCTION platform.iso(moment timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT to_char(moment AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;
