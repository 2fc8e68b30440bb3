/**
 * Schema migrations, applied in order by `PRAGMA user_version`: migration i takes the
 * database from version i to i+1. Append only; never edit one that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE profiles (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    listen     TEXT NOT NULL,
    routing    TEXT NOT NULL,
    demo       INTEGER NOT NULL DEFAULT 0,
    is_active  INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE environments (
    id         INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    color      TEXT NOT NULL,
    url        TEXT NOT NULL,
    weight     INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 100),
    UNIQUE (profile_id, name)
  );
  CREATE TABLE history (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    source  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    profile TEXT NOT NULL,
    before  TEXT,
    after   TEXT
  );
  `,
  // 2: per-environment health and TLS settings, per-profile proxy settings, as validated JSON.
  `
  ALTER TABLE environments ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
  ALTER TABLE profiles ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
  `,
  // 3: the user's presets per profile, in order (built-ins are computed, never stored);
  // history says what exactly happened (action) and what an undo took back (ref).
  `
  CREATE TABLE presets (
    id         INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    weights    TEXT NOT NULL,
    UNIQUE (profile_id, name)
  );
  ALTER TABLE history ADD COLUMN action TEXT NOT NULL DEFAULT '';
  ALTER TABLE history ADD COLUMN ref INTEGER;
  CREATE INDEX history_by_profile ON history (profile, kind, id);
  CREATE INDEX history_undone ON history (ref) WHERE ref IS NOT NULL;
  `,
  // 4: runtime state that must survive a restart, one JSON value per key (the proxy's pause).
  `
  CREATE TABLE runtime_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 5: the running guided update per profile (the step machine's whole state as JSON), so a
  // restart of Turnout (or the other app on the same file) resumes it where it was.
  `
  CREATE TABLE update_flows (
    profile    TEXT PRIMARY KEY,
    state      TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
