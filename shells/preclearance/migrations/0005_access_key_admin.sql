-- 0005_access_key_admin: custodian access keys managed by the admin API and `jil keys` (docs/api.md §Access keys).
-- Secrets are stored sealed under the key-encryption key (AES-256-GCM, secret_enc = 'v1.<kek id>.<iv>.<ciphertext>.<tag>',
-- the access key id as additional data); secret_b64 (plaintext, before this migration) is emptied at the next start
-- of the service, which seals every such row. custodian_id binds the key to one custodian (label used to hold it).
-- expires_at: the end of a rotation's overlap (NULL = no end). Rate limits per key override the service defaults.

ALTER TABLE access_keys ALTER COLUMN secret_b64 DROP NOT NULL;
ALTER TABLE access_keys ADD COLUMN custodian_id text NULL;
ALTER TABLE access_keys ADD COLUMN secret_enc text NULL;
ALTER TABLE access_keys ADD COLUMN expires_at timestamptz NULL;
ALTER TABLE access_keys ADD COLUMN replaced_by text NULL;
ALTER TABLE access_keys ADD COLUMN rate_limit_per_second double precision NULL CHECK (rate_limit_per_second IS NULL OR rate_limit_per_second > 0);
ALTER TABLE access_keys ADD COLUMN rate_limit_burst integer NULL CHECK (rate_limit_burst IS NULL OR rate_limit_burst >= 1);
UPDATE access_keys SET custodian_id = label WHERE custodian_id IS NULL;
ALTER TABLE access_keys ADD CONSTRAINT access_keys_secret_present CHECK (secret_b64 IS NOT NULL OR secret_enc IS NOT NULL);
CREATE INDEX access_keys_custodian_id_idx ON access_keys (custodian_id);

-- Every change to an access key: create, rotate, revoke, seal (a plaintext secret encrypted at start-up).
-- actor = who made it ('admin-api', 'cli:<user>', 'startup'); details never hold a secret. Append-only.
CREATE TABLE access_key_events (
  id            bigserial PRIMARY KEY,
  access_key_id text NOT NULL,
  custodian_id  text NOT NULL,
  action        text NOT NULL CHECK (action IN ('create', 'rotate', 'revoke', 'seal')),
  actor         text NOT NULL,
  at            timestamptz NOT NULL DEFAULT now(),
  details       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX access_key_events_access_key_id_idx ON access_key_events (access_key_id, id);
