import { expect, it } from 'vitest';
import * as sanctions from './index.js';

it('locks the exported names of screening/sanctions', () => {
  expect(Object.keys(sanctions).sort()).toEqual([
    'INITIAL_SIMILARITY',
    'LEGAL_FORMS',
    'PARTY_SALT_BYTES',
    'PREFILTER_PARAMETERS',
    'QUALIFIER_PENALTIES',
    'SANCTIONS_FAIL_THRESHOLD',
    'SANCTIONS_MATCHER',
    'SANCTIONS_REVIEW_THRESHOLD',
    'SCORE_PARAMETERS',
    'TOKEN_WEIGHTS',
    'alignTokens',
    'createNameMatcher',
    'createSanctionsStage',
    'curveSimilarity',
    'editSimilarity',
    'extractLegalForms',
    'foldName',
    'isRotation',
    'jaro',
    'jaroWinkler',
    'nameHitReason',
    'newPartySalts',
    'normalizeName',
    'osaDistance',
    'partyCommitment',
    'phoneticForm',
    'qualifierPenalties',
    'scoreName',
    'scoreNormalized',
    'skeletonKey',
    'tokenSimilarity',
  ]);
});
