-- 0004_validator_evidence: what the coordinator observed of its validators in distributed mode (docs/validators.md).
-- kind = 'bad_signature' (a signature that does not verify over the proposed payload: garbage or another body),
--        'wrong_key'     (a signature made or labelled with a key that is not that validator's active key),
--        'equivocation'  (two different bodies signed by one validator for one transit_id: payload + sig and
--                         other_payload + other_sig, both verifiable by anyone against the validator's key),
--        'refusal'       (a coded VALIDATOR_* refusal: the validator disagreed with the proposal; not misbehaviour).
-- Never counted towards a quorum. Rows are scoped to the custodian whose transfer it was (the payloads name its
-- parties by the custodian's ids). Append-only.

CREATE TABLE validator_evidence (
  id                bigserial PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN ('bad_signature', 'wrong_key', 'equivocation', 'refusal')),
  validator_id      text NOT NULL,
  keyid             text NULL,
  custodian_id      text NOT NULL,
  transit_id        text NOT NULL,
  psa_id            uuid NULL,
  code              text NULL,
  message           text NOT NULL DEFAULT '',
  details           jsonb NOT NULL DEFAULT '{}',
  payload_b64       text NULL,
  sig               text NULL,
  other_payload_b64 text NULL,
  other_sig         text NULL,
  observed_at       timestamptz NOT NULL,
  CHECK (kind <> 'equivocation' OR (payload_b64 IS NOT NULL AND sig IS NOT NULL AND other_payload_b64 IS NOT NULL AND other_sig IS NOT NULL))
);
CREATE INDEX validator_evidence_custodian_idx ON validator_evidence (custodian_id, id DESC);
CREATE INDEX validator_evidence_validator_idx ON validator_evidence (validator_id, id DESC);
