-- 0001_init: fleet HQ's tables. Runs unchanged on PostgreSQL 15+ and PGlite.
-- Signed documents (DSSE envelopes) and audit details are stored as text, byte for byte as signed or hashed.

-- HMAC access keys: `reader` keys for the read API and the dashboard, `node` keys (id `node:<node_id>`) for agents.
CREATE TABLE access_keys (
  access_key_id text PRIMARY KEY,
  secret_b64    text NOT NULL,
  role          text NOT NULL CHECK (role IN ('reader', 'node')),
  node_id       text NULL,
  label         text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz NULL,
  CHECK ((role = 'node') = (node_id IS NOT NULL))
);

-- Nonces seen inside the request-auth window (same table as the pre-clearance shell: PgNonceStore).
CREATE TABLE auth_nonces (
  access_key_id text   NOT NULL,
  nonce         text   NOT NULL,
  expires_at_ms bigint NOT NULL,
  PRIMARY KEY (access_key_id, nonce)
);
CREATE INDEX auth_nonces_expires_at_ms_idx ON auth_nonces (expires_at_ms);

-- Images HQ fetched from a registry: the digest is sha256 of the manifest bytes HQ received.
CREATE TABLE images (
  image_id       uuid PRIMARY KEY,
  name           text NOT NULL,
  repository     text NOT NULL,
  tag            text NOT NULL,
  digest         text NOT NULL CHECK (digest ~ '^sha256:[0-9a-f]{64}$'),
  media_type     text NOT NULL,
  size_bytes     integer NOT NULL CHECK (size_bytes > 0),
  registered_at  timestamptz NOT NULL,
  signature      text NULL,
  signed_at      timestamptz NULL,
  UNIQUE (name, repository, digest),
  CHECK ((signature IS NULL) = (signed_at IS NULL))
);
CREATE INDEX images_name_idx ON images (name, registered_at DESC);

-- Per-track release metadata; `envelope` is the DSSE envelope with HQ's and the approvers' signatures.
CREATE TABLE releases (
  release_id uuid PRIMARY KEY,
  image_id   uuid NOT NULL REFERENCES images (image_id),
  track      text NOT NULL CHECK (track IN ('devnet', 'testnet', 'mainnet')),
  version    integer NOT NULL CHECK (version >= 1),
  digest     text NOT NULL,
  envelope   text NOT NULL,
  approvers  text NOT NULL DEFAULT '[]',
  status     text NOT NULL CHECK (status IN ('pending', 'approved')),
  issued_at  timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  UNIQUE (track, version)
);

CREATE TABLE nodes (
  node_id               text PRIMARY KEY,
  jurisdiction          text NOT NULL,
  track                 text NOT NULL CHECK (track IN ('devnet', 'testnet', 'mainnet')),
  status                text NOT NULL CHECK (status IN ('enrolled', 'active', 'stopped', 'revoked')),
  enrolled_at           timestamptz NOT NULL,
  agent_url             text NULL,
  container_name        text NULL,
  registered_at         timestamptz NULL,
  certificate_serial    text NULL,
  certificate_pem       text NULL,
  certificate_not_after timestamptz NULL,
  last_heartbeat_at     timestamptz NULL,
  heartbeat             text NULL,
  running_digest        text NULL,
  revoked_at            timestamptz NULL
);
CREATE INDEX nodes_jurisdiction_idx ON nodes (jurisdiction);

-- Every certificate the CA issued; revoked ones make the CRL.
CREATE TABLE certificates (
  serial_number text PRIMARY KEY,
  node_id       text NOT NULL REFERENCES nodes (node_id),
  issued_at     timestamptz NOT NULL,
  not_after     timestamptz NOT NULL,
  revoked_at    timestamptz NULL
);

CREATE TABLE jurisdictions (
  zone       text PRIMARY KEY,
  config     text NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE distribution_jobs (
  job_id      uuid PRIMARY KEY,
  release_id  uuid NOT NULL REFERENCES releases (release_id),
  created_at  timestamptz NOT NULL,
  created_by  text NOT NULL,
  scope       text NOT NULL,
  status      text NOT NULL CHECK (status IN ('running', 'completed')),
  finished_at timestamptz NULL
);
CREATE INDEX distribution_jobs_created_at_idx ON distribution_jobs (created_at DESC);

CREATE TABLE distribution_targets (
  job_id     uuid NOT NULL REFERENCES distribution_jobs (job_id),
  node_id    text NOT NULL REFERENCES nodes (node_id),
  command_id uuid NULL,
  status     text NOT NULL CHECK (status IN ('pending', 'sent', 'deployed', 'verified', 'refused', 'failed')),
  code       text NULL,
  message    text NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (job_id, node_id)
);

-- What agents reported (verified deployments, refusals, failures).
CREATE TABLE deployments (
  id          bigserial PRIMARY KEY,
  node_id     text NOT NULL,
  job_id      uuid NULL,
  release_id  uuid NULL,
  command_id  text NULL,
  digest      text NULL,
  outcome     text NOT NULL CHECK (outcome IN ('verified', 'refused', 'failed', 'stopped')),
  code        text NULL,
  reported_at timestamptz NOT NULL,
  details     text NOT NULL
);
CREATE INDEX deployments_reported_at_idx ON deployments (reported_at DESC);

-- Append-only, hash-chained audit log (see @jil/fleet appendAuditEntry). Rows are never updated or deleted.
CREATE TABLE audit_log (
  seq       bigint PRIMARY KEY CHECK (seq >= 1),
  at        text NOT NULL,
  actor     text NOT NULL,
  action    text NOT NULL,
  target    text NOT NULL,
  outcome   text NOT NULL,
  details   text NOT NULL,
  prev_hash text NOT NULL,
  hash      text NOT NULL UNIQUE,
  keyid     text NULL,
  sig       text NULL
);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE alerts (
  alert_id    uuid PRIMARY KEY,
  key         text NOT NULL,
  rule        text NOT NULL,
  node_id     text NOT NULL,
  severity    text NOT NULL CHECK (severity IN ('warning', 'critical')),
  message     text NOT NULL,
  details     text NOT NULL,
  opened_at   timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  resolved_at timestamptz NULL
);
CREATE UNIQUE INDEX alerts_open_key_idx ON alerts (key) WHERE resolved_at IS NULL;

CREATE TABLE webhooks (
  webhook_id uuid PRIMARY KEY,
  url        text NOT NULL,
  secret_b64 text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE webhook_deliveries (
  delivery_id     uuid PRIMARY KEY,
  webhook_id      uuid NOT NULL REFERENCES webhooks (webhook_id),
  event           text NOT NULL,
  body            text NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  status          text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  last_status     integer NULL,
  next_attempt_at timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (status, next_attempt_at);
