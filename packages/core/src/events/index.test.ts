import { describe, expect, it } from 'vitest';
import * as events from './index.js';

describe('@jil/core/events public surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(events).sort()).toEqual([
      'EVENT_ENVELOPE_FIELDS',
      'EVENT_MAX_BYTES',
      'EVENT_SOURCE_ID',
      'EVENT_TABLE_NAME',
      'EVENT_TOPICS',
      'decodeEvent',
      'encodeEvent',
      'eventEnvelopeIssues',
      'isEventTopic',
      'stateSyncTable',
      'stateSyncTopic',
    ]);
  });
});
