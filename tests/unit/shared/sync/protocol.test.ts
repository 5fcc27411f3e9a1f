import { describe, expect, it } from 'vitest';
import { encodeHlc } from '@shared/sync/hlc';
import { Change, MAX_VALUE_BYTES, PullRequest, PushRequest, checkJsonValue, formatZodError } from '@shared/sync/protocol';

const CLIENT = '0198c3f0-0000-7000-8000-00000000000a';
const hlc = (wall: number, client = CLIENT) => encodeHlc({ wall, counter: 0, clientId: client });
const valid = {
  opId: '0198c3f0-0000-7000-8000-000000000001',
  clientId: CLIENT,
  councilId: '0198c3f0-0000-7000-8000-0000000000c1',
  table: 'meetings',
  rowId: '0198c3f0-0000-7000-8000-0000000000e1',
  field: 'title',
  value: 'Weekend coverage',
  hlc: hlc(2000),
  baseHlc: hlc(1000, '0198c3f0-0000-7000-8000-00000000000b'),
};

const problem = (input: unknown) => {
  const r = Change.safeParse(input);
  return r.success ? null : formatZodError(r.error);
};

describe('Change schema', () => {
  it('accepts a well-formed change and tombstone', () => {
    expect(problem(valid)).toBeNull();
    expect(problem({ ...valid, field: '_deleted', value: { deleted: true, seen: { title: hlc(1) } } })).toBeNull();
  });

  it('names the problem by path', () => {
    expect(problem({ ...valid, hlc: 'yesterday' })).toMatch(/^hlc: must be a hybrid logical clock timestamp/);
    expect(problem({ ...valid, hlc: hlc(2000, '0198c3f0-0000-7000-8000-00000000000b') })).toBe('hlc: must end with the change clientId');
    expect(problem({ ...valid, baseHlc: hlc(3000) })).toBe('baseHlc: must be older than hlc');
    expect(problem({ ...valid, field: '_deleted', value: true })).toMatch(/^value: must be a tombstone/);
    expect(problem({ ...valid, table: 'DROP TABLE' })).toMatch(/^table: must be a table name/);
    expect(problem({ ...valid, value: undefined })).toMatch(/^value: is required/);
    expect(problem({ ...valid, opId: 'x' })).toMatch(/^opId: must be a UUID/);
  });

  it('bounds values: size, depth, only JSON', () => {
    expect(problem({ ...valid, value: 'x'.repeat(MAX_VALUE_BYTES) })).toMatch(/^value: must be at most/);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(checkJsonValue(deep)).toMatch(/nested at most/);
    expect(checkJsonValue({ n: Number.NaN })).toMatch(/finite/);
    expect(checkJsonValue(new Date(0))).toMatch(/JSON data/);
    expect(checkJsonValue({ a: [1, 'é', null, { b: true }] })).toBeNull();
  });
});

describe('requests', () => {
  it('caps push batches and pull limits', () => {
    const changes = Array.from({ length: 501 }, () => valid);
    const r = PushRequest.safeParse({ clientId: CLIENT, schemaVersion: 1, changes });
    expect(r.success).toBe(false);
    expect(formatZodError(r.error!)).toMatch(/^changes: must hold at most 500 changes/);
    expect(PullRequest.parse({ councilId: valid.councilId })).toEqual({ councilId: valid.councilId, cursor: 0, limit: 200, format: 'changes' });
    expect(PullRequest.parse({ councilId: valid.councilId, cursor: '5', limit: '10' })).toMatchObject({ cursor: 5, limit: 10 });
    expect(PullRequest.safeParse({ councilId: valid.councilId, limit: 5000 }).success).toBe(false);
    expect(PullRequest.parse({ councilId: valid.councilId, format: 'packed' }).format).toBe('packed');
  });

  it('checks long strings by their serialized size, short ones without serializing', () => {
    expect(checkJsonValue('x'.repeat(1000))).toBeNull();
    // Near the limit, escapes count: a control character is six bytes as JSON.
    expect(checkJsonValue('\u0001'.repeat(Math.floor(MAX_VALUE_BYTES / 6)))).toBeNull();
    expect(checkJsonValue('\u0001'.repeat(Math.floor(MAX_VALUE_BYTES / 6) + 1))).toMatch(/at most/);
    expect(checkJsonValue('é'.repeat(MAX_VALUE_BYTES / 2 - 1))).toBeNull();
    expect(checkJsonValue('é'.repeat(MAX_VALUE_BYTES / 2))).toMatch(/at most/);
  });
});
