/**
 * One-time (idempotent, run at every start) set-up of the PostgreSQL database FerretDB stores into.
 *
 * FerretDB 1.24 pushes `field = value` down as `_jsonb->'field' @> value`, but the indexes it creates
 * are btree on `(_jsonb->'field')`, which cannot serve `@>`: with them alone even an `_id` lookup is a
 * sequential scan. A GIN index on the same expression can. So an event trigger gives every btree
 * expression index FerretDB creates a GIN twin per field (measured on 500,000 ledger entries: `_id`
 * 352 ms → 3.7 ms; ledger by (counsel, clientKey) 339 ms → 2.8 ms; docs/toolchain.md).
 *
 * jsonb_path_ops: `@>` is the only operator FerretDB pushes, and this operator class is smaller and
 * faster for it than the default jsonb_ops.
 *
 * Plain MongoDB needs none of this: its indexes serve equality directly.
 */
import type { Client } from 'pg';

const SQL = String.raw`
CREATE OR REPLACE FUNCTION vc_gin_twins_for(idx oid) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  def text;
  nsp text;
  rel text;
  m text[];
BEGIN
  SELECT pg_get_indexdef(i.indexrelid), n.nspname, t.relname
    INTO def, nsp, rel
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_am a ON a.oid = c.relam
    JOIN pg_class t ON t.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
   WHERE i.indexrelid = idx AND a.amname = 'btree';
  -- FerretDB's own metadata tables are small and read by their own code paths
  IF def IS NULL OR rel LIKE '\_ferretdb\_%' THEN
    RETURN;
  END IF;
  FOR m IN SELECT regexp_matches(def, '\(_jsonb -> ''([^'']+)''::text\)', 'g') LOOP
    EXECUTE format(
      'CREATE INDEX IF NOT EXISTS %I ON %I.%I USING gin ((_jsonb -> %L) jsonb_path_ops)',
      'vc_gin_' || left(md5(nsp || '.' || rel || '.' || m[1]), 24), nsp, rel, m[1]);
  END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION vc_gin_twin_trigger() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
    PERFORM vc_gin_twins_for(r.objid);
  END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS vc_gin_twin;
CREATE EVENT TRIGGER vc_gin_twin ON ddl_command_end WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION vc_gin_twin_trigger();

-- indexes made before the trigger existed (or by an older version of it)
SELECT vc_gin_twins_for(c.oid)
  FROM pg_class c JOIN pg_am a ON a.oid = c.relam
 WHERE c.relkind = 'i' AND a.amname = 'btree';
`;

/**
 * Creates the database if needed, then installs the trigger in it. `admin` is connected to the
 * `postgres` database; `connect(name)` makes an unconnected client for another database.
 */
export async function setupDatabase(admin: Client, database: string, connect: (database: string) => Client): Promise<void> {
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${database}`);
  await admin.query(`ALTER DATABASE ${database} SET plan_cache_mode = force_custom_plan`);
  const client = connect(database);
  await client.connect();
  try {
    await client.query(SQL);
  } finally {
    await client.end();
  }
}
