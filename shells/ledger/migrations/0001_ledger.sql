-- The JIL ledger (shells/ledger/README.md): double-entry journal, balances, bridge deposits, withdrawals, audit.
-- Amounts are integers in the token's smallest unit: NUMERIC(78,0) holds 2^256 - 1 (78 digits). Balances sum many
-- amounts, so they get NUMERIC(100,0).

-- One journal entry per movement. Append-only.
CREATE TABLE ledger_entries (
  entry_id   uuid PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('deposit_credit', 'wrap', 'withdrawal_burn')),
  reference  text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The postings of an entry; per entry and asset they sum to zero (checked at COMMIT by a deferred trigger).
CREATE TABLE ledger_postings (
  entry_id uuid NOT NULL REFERENCES ledger_entries (entry_id),
  seq      integer NOT NULL CHECK (seq >= 0),
  account  text NOT NULL CHECK (account <> ''),
  asset    text NOT NULL CHECK (asset <> ''),
  amount   numeric(78, 0) NOT NULL CHECK (amount <> 0),
  PRIMARY KEY (entry_id, seq)
);
CREATE INDEX ledger_postings_account ON ledger_postings (account, asset);

-- Balances, maintained in the transaction that writes the postings. Only system contra accounts go negative.
CREATE TABLE ledger_balances (
  account text NOT NULL,
  asset   text NOT NULL,
  balance numeric(100, 0) NOT NULL,
  PRIMARY KEY (account, asset),
  CONSTRAINT ledger_balances_non_negative CHECK (balance >= 0 OR account LIKE 'system:%')
);

-- Bridge deposits, one row per (chain id, tx hash, log index): the idempotency key of a credit.
CREATE TABLE ledger_deposits (
  chain_id     numeric(78, 0) NOT NULL,
  tx_hash      text NOT NULL,
  log_index    integer NOT NULL CHECK (log_index >= 0),
  bridge       text NOT NULL,
  deposit_id   text NOT NULL,
  block_number numeric(78, 0) NOT NULL,
  token        text NOT NULL,
  amount       numeric(78, 0) NOT NULL CHECK (amount > 0),
  depositor    text NOT NULL,
  jil_account  text NOT NULL,
  asset        text NOT NULL,
  state        text NOT NULL CHECK (state IN ('credited', 'quarantined', 'held')),
  verdict      text NOT NULL CHECK (verdict IN ('pass', 'flag', 'fail')),
  psa_id       text NOT NULL,
  psa          jsonb,
  reasons      jsonb NOT NULL,
  guardian_set_version integer NOT NULL,
  entry_id     uuid REFERENCES ledger_entries (entry_id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  credited_at  timestamptz,
  PRIMARY KEY (chain_id, tx_hash, log_index),
  CONSTRAINT ledger_deposits_credited_has_entry CHECK ((state = 'credited') = (entry_id IS NOT NULL))
);
CREATE UNIQUE INDEX ledger_deposits_entry ON ledger_deposits (entry_id);
CREATE INDEX ledger_deposits_family ON ledger_deposits (chain_id, token, state);

-- Withdrawals: burned on the ledger at request time, released on the EVM later.
CREATE TABLE ledger_withdrawals (
  withdrawal_id text PRIMARY KEY CHECK (withdrawal_id ~ '^0x[0-9a-f]{64}$'),
  account       text NOT NULL,
  asset         text NOT NULL,
  chain_id      numeric(78, 0) NOT NULL,
  token         text NOT NULL,
  amount        numeric(78, 0) NOT NULL CHECK (amount > 0),
  recipient     text NOT NULL,
  state         text NOT NULL CHECK (state IN ('burned', 'released')),
  entry_id      uuid NOT NULL UNIQUE REFERENCES ledger_entries (entry_id),
  release_tx_hash text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  released_at   timestamptz,
  CONSTRAINT ledger_withdrawals_released_has_tx CHECK ((state = 'released') = (release_tx_hash IS NOT NULL))
);
CREATE INDEX ledger_withdrawals_family ON ledger_withdrawals (chain_id, token, state);

-- One row per movement or state change. Append-only.
CREATE TABLE ledger_audit (
  audit_id      bigserial PRIMARY KEY,
  action        text NOT NULL,
  actor         text NOT NULL,
  account       text,
  asset         text,
  amount        numeric(78, 0),
  entry_id      uuid,
  deposit_key   text,
  withdrawal_id text,
  psa_id        text,
  details       jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_audit_deposit ON ledger_audit (deposit_key);

CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER ledger_audit_append_only BEFORE UPDATE OR DELETE ON ledger_audit
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- Double entry: at COMMIT, every asset of the entry a posting belongs to sums to zero, over at least two postings.
CREATE FUNCTION ledger_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad text;
BEGIN
  SELECT asset INTO bad FROM ledger_postings WHERE entry_id = NEW.entry_id
    GROUP BY asset HAVING sum(amount) <> 0 OR count(*) < 2 LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'journal entry % does not balance in %', NEW.entry_id, bad USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER ledger_postings_balanced AFTER INSERT ON ledger_postings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced();
