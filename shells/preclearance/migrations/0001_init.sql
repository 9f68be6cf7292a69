-- 0001_init: the preclearance node's tables. Runs unchanged on PostgreSQL 15+ and PGlite.
-- Epoch milliseconds are bigint; readers convert them to numbers.

-- HMAC access keys (X-JIL-Access-Key-Id). secret_b64 never leaves the server.
CREATE TABLE access_keys (
  access_key_id text PRIMARY KEY,
  secret_b64    text NOT NULL,
  label         text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz NULL
);

-- Nonces seen inside the request-auth window; a row may be replaced once expired.
CREATE TABLE auth_nonces (
  access_key_id text   NOT NULL,
  nonce         text   NOT NULL,
  expires_at_ms bigint NOT NULL,
  PRIMARY KEY (access_key_id, nonce)
);
CREATE INDEX auth_nonces_expires_at_ms_idx ON auth_nonces (expires_at_ms);

-- Issued Pre-Settlement Attestations; single use through consumed_at / consumed_by.
CREATE TABLE psas (
  psa_id       uuid PRIMARY KEY,
  transit_id   text NOT NULL,
  custodian_id text NOT NULL,
  verdict      text NOT NULL CHECK (verdict IN ('pass', 'flag', 'fail')),
  issued_at    timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  envelope     jsonb NOT NULL,
  body_sha256  text NOT NULL CHECK (body_sha256 ~ '^[0-9a-f]{64}$'),
  consumed_at  timestamptz NULL,
  consumed_by  text NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((consumed_at IS NULL) = (consumed_by IS NULL))
);
CREATE INDEX psas_transit_id_idx ON psas (transit_id);

-- Past transfers for the risk stage (velocity, z-score, novel destination).
CREATE TABLE transfer_history (
  id               bigserial PRIMARY KEY,
  sender_id        text   NOT NULL,
  destination      text   NOT NULL,
  amount_usd_cents bigint NOT NULL CHECK (amount_usd_cents >= 0),
  at_ms            bigint NOT NULL
);
CREATE INDEX transfer_history_sender_at_idx ON transfer_history (sender_id, at_ms DESC);
CREATE INDEX transfer_history_sender_destination_idx ON transfer_history (sender_id, destination);

-- One row per API request: no secrets, no bodies, no nonces.
CREATE TABLE request_log (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  access_key_id text NULL,
  route         text NOT NULL,
  status        integer NOT NULL,
  error_code    text NULL
);
CREATE INDEX request_log_at_idx ON request_log (at DESC);
