-- 0001_conformance: the tables the server kit's own conformance suite uses (test fixture, not shipped by any shell).
-- Each shell's migrations create auth_nonces with this same shape for PgNonceStore.
CREATE TABLE auth_nonces (
  access_key_id text   NOT NULL,
  nonce         text   NOT NULL,
  expires_at_ms bigint NOT NULL,
  PRIMARY KEY (access_key_id, nonce)
);
CREATE INDEX auth_nonces_expires_at_ms_idx ON auth_nonces (expires_at_ms);
