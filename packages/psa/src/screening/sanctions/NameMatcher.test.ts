import { describe, expect, it } from 'vitest';
import { ENTITIES } from '@jil/psa-testkit';
import { createNameMatcher } from './NameMatcher.js';

describe('createNameMatcher', () => {
  const matcher = createNameMatcher(ENTITIES);

  it('indexes every distinct name', () => {
    expect(matcher.size).toBe(10);
  });

  it('finds primary names and aliases, best name per entity', () => {
    const [top] = matcher.search({ name: 'Ivan Petrov', schema: 'Person' });
    expect(top?.entity.entry_id).toBe('1001');
    expect(top?.name.name).toBe('PETROV, Ivan');
    expect(top?.score).toBe(1);
    expect(top?.breakdown['name_score']).toBe(1);
  });

  it('finds misspelt and reordered names through the fuzzy keys', () => {
    expect(matcher.search({ name: 'Iwan Petroff' })[0]?.entity.entry_id).toBe('1001');
    expect(matcher.search({ name: 'Petrov Ivan Sergeevich' })[0]?.entity.entry_id).toBe('1001');
    expect(matcher.search({ name: 'Yusuf Abdul Rahman al Hakim' }, { minScore: 0.6 })[0]?.entity.entry_id).toBe('1004');
  });

  it('matches organizations across legal forms', () => {
    const hits = matcher.search({ name: 'Romashka Trading OOO', schema: 'Organization' });
    expect(hits[0]).toMatchObject({ score: 1, entity: { entry_id: '1002' } });
  });

  it('applies qualifier penalties and reports them in the breakdown', () => {
    const [hit] = matcher.search({ name: 'Ivan Sergeyevich Petrov', country: 'DE', date_of_birth: '1990-01-01' });
    expect(hit?.score).toBeCloseTo(0.85, 10);
    expect(hit?.breakdown).toMatchObject({ name_score: 1, qualifier_country: -0.05, qualifier_dob: -0.1 });
  });

  it('respects minScore and limit, and sorts best first', () => {
    const all = matcher.search({ name: 'Romashka' }, { minScore: 0.3, limit: 10 });
    expect(all.map((m) => m.score)).toEqual([...all.map((m) => m.score)].sort((a, b) => b - a));
    expect(matcher.search({ name: 'Romashka' }, { minScore: 0.3, limit: 1 })).toHaveLength(1);
    expect(matcher.search({ name: 'Completely Unrelated Person' })).toEqual([]);
    expect(matcher.search({ name: '---' })).toEqual([]);
  });
});
