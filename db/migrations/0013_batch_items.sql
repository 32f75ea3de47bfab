-- The items of a group-committed batch (platform/batch.ts), one JSON object each. The hot statements take their
-- batch as one JSON array; read by jsonb_to_recordset the planner takes it for 100 rows, and on a table of fewer
-- than about 20,000 cases it then joins by scanning service_case whole (measured: a rating at 8,000 cases, 0.66 ms
-- against 0.10 ms through the index). Batches hold a few items, and ROWS 4 says so. PL/pgSQL, because the planner
-- would inline a SQL function and forget its ROWS; the function's plan is kept per connection.
CREATE FUNCTION "batch_items"("items" jsonb) RETURNS SETOF jsonb LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE ROWS 4
  AS $$ BEGIN RETURN QUERY SELECT jsonb_array_elements("items"); END $$;
