-- 0002_sanctions_clearances: false-positive clearances of sanctions matches and their audit trail.
-- A clearance says: for this custodian's party, this list entry was reviewed and is not the party.
-- The sanctions stage suppresses the entry for that party while the clearance is in force.

CREATE TABLE sanctions_clearances (
  clearance_id  uuid PRIMARY KEY,
  custodian_id  text NOT NULL,
  party_id      text NOT NULL,
  list          text NOT NULL,
  entry_id      text NOT NULL,
  party_name    text NULL,
  cleared_by    text NOT NULL,
  reason        text NOT NULL,
  access_key_id text NOT NULL,
  cleared_at    timestamptz NOT NULL,
  expires_at    timestamptz NULL,
  revoked_at    timestamptz NULL,
  revoked_by    text NULL,
  revoke_reason text NULL,
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)),
  CHECK (expires_at IS NULL OR expires_at > cleared_at)
);
-- At most one clearance in force per party and entry.
CREATE UNIQUE INDEX sanctions_clearances_active_idx ON sanctions_clearances (custodian_id, party_id, list, entry_id) WHERE revoked_at IS NULL;
CREATE INDEX sanctions_clearances_party_idx ON sanctions_clearances (custodian_id, party_id);

-- Append-only: every change to a clearance (created, revoked), who made it, when and why.
CREATE TABLE sanctions_clearance_events (
  id            bigserial PRIMARY KEY,
  clearance_id  uuid NOT NULL REFERENCES sanctions_clearances (clearance_id),
  action        text NOT NULL CHECK (action IN ('created', 'revoked')),
  actor         text NOT NULL,
  access_key_id text NOT NULL,
  reason        text NOT NULL,
  at            timestamptz NOT NULL
);
CREATE INDEX sanctions_clearance_events_clearance_idx ON sanctions_clearance_events (clearance_id, id);
