-- A key for each variable's value that an index can find under row-level security. A tenant's
-- user runs as baton_tenant_user (031), and PostgreSQL applies a condition before the policy's
-- only when its operator is leakproof: jsonb containment (the GIN indexes of 003) is not, so
-- such a user's search by variable value read every value in the table. Equality of a bigint
-- is leakproof, so `value_key = baton_value_key($1)` takes this index for everyone.
--
-- The key is a hash of the value's canonical text: numbers with their scale trimmed (1.0 and 1
-- are equal, as jsonb compares them), strings and the rest as jsonb renders them. Objects and
-- arrays get none; their searches keep the containment conditions. Equal keys are only a
-- candidate: the query checks the value itself as well.
CREATE FUNCTION baton_value_key(value jsonb) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$
    SELECT CASE jsonb_typeof(value)
        WHEN 'number' THEN hashtextextended(trim_scale((value #>> '{}')::numeric)::text, 0)
        WHEN 'object' THEN NULL
        WHEN 'array' THEN NULL
        ELSE hashtextextended(value::text, 0)
    END
$$;

ALTER TABLE variables ADD COLUMN value_key bigint;
ALTER TABLE history_variables ADD COLUMN value_key bigint;
UPDATE variables SET value_key = baton_value_key(value);
UPDATE history_variables SET value_key = baton_value_key(value);
-- The key first: a search that names its variable without regard to case (lower(name), not
-- leakproof either) still finds its rows by value.
CREATE INDEX variables_value_key ON variables (value_key, name);
CREATE INDEX history_variables_value_key ON history_variables (value_key, name);
