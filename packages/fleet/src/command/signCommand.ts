import { JilError, type DsseEnvelope } from '@jil/core';
import { signDsse, type DsseSigner } from '@jil/core';
import { COMMAND_PAYLOAD_TYPE, commandBodyIssues, type CommandBody } from './CommandBody.js';

/**
 * HQ signs a command: a DSSE envelope of {@link COMMAND_PAYLOAD_TYPE}, Ed25519 by each HQ signer.
 *
 * @param body - see {@link CommandBody}.
 * @param signers - HQ signers.
 * @returns the envelope.
 * @throws JilError `INVALID_ARGUMENT` listing every bad field, or when `signers` is empty.
 * @example
 * import { createCommandBody, signCommand } from '@jil/fleet';
 * const command = signCommand(createCommandBody({ action: 'stop', nodeId, now }), [hqSigner]);
 */
export function signCommand(body: CommandBody, signers: readonly DsseSigner[]): DsseEnvelope {
  const issues = commandBodyIssues(body);
  const noSigners = !Array.isArray(signers) || signers.length === 0;
  if (issues.length > 0 || noSigners) {
    throw new JilError('INVALID_ARGUMENT', 'cannot sign this command', {
      details: { fields: noSigners ? [...issues, { field: 'signers', message: 'must be a non-empty array' }] : issues },
    });
  }
  return signDsse(COMMAND_PAYLOAD_TYPE, body, signers);
}
