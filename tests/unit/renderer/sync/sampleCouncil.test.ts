/**
 * The first-run sample council never reaches a council server: its invented people, meeting and
 * project stay on the laptop that made them, while the facilitator's own work syncs as usual.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOutboxEntry } from '@renderer/db/capture/syncTables';
import { createSampleCouncil, removeSampleCouncil } from '@renderer/features/welcome/commands';
import { updateCouncil } from '@renderer/features/roster/commands';
import { createMeeting } from '@renderer/features/meetings/commands';
import { SAMPLE_PEOPLE } from '@shared/welcome/sampleCouncil';
import { SyncWorld } from './world';

let world: SyncWorld;
beforeEach(async () => {
  world = new SyncWorld();
  await world.start();
});
afterEach(async () => {
  await world.stop();
});

describe('the sample council and sync', () => {
  it('is never pushed: another laptop of the council gets the facilitator\u2019s meeting and nothing of the sample', async () => {
    const a = await world.laptop('a');
    const b = await world.laptop('b');
    await a.engine.syncNow();
    const sample = await createSampleCouncil(a.repos);
    await createMeeting(a.repos, { bodyKind: 'council', bodyId: world.councilId, title: 'Council meeting, January', startsAt: '2027-01-12T09:00' });

    const status = await a.engine.syncNow();
    expect(status.phase).toBe('up-to-date');
    // The sample's changes stay in the outbox as this laptop's own; the facilitator's went.
    const waiting = (await a.db.syncOutbox.toArray()).flatMap((e) => readOutboxEntry(e).changes);
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((c) => c.councilId === sample.councilId)).toBe(true);
    expect(status.localOnly).toBe(waiting.length);

    await b.engine.syncNow();
    expect((await b.db.meetings.toArray()).map((m) => m.title)).toEqual(['Council meeting, January']);
    expect(await b.db.councils.get(sample.councilId)).toBeUndefined();
    expect(await b.db.teams.count()).toBe(0);
    expect(await b.db.improvementProjects.count()).toBe(0);
    const names = new Set((await b.db.people.toArray()).map((p) => p.name));
    expect(SAMPLE_PEOPLE.some((p) => names.has(p.name))).toBe(false);
    // Nor is it in the server's log for the council.
    const pulled = await b.connection.syncPull({ councilId: world.councilId, cursor: 0, limit: 1000 });
    expect(pulled.status).toBe('ok');
    const log = JSON.stringify(pulled);
    expect(log.includes(sample.councilId) || log.includes(sample.meetingId) || log.includes(SAMPLE_PEOPLE[0]!.name)).toBe(false);

    // Removing the sample leaves nothing waiting.
    await removeSampleCouncil(a.repos);
    expect((await a.engine.syncNow()).localOnly).toBe(0);
    expect(await a.db.syncOutbox.count()).toBe(0);
  });

  it('refuses to send a council marked as the sample even when the server lists that council for the account', async () => {
    const a = await world.laptop('a');
    const b = await world.laptop('b');
    await a.engine.syncNow();
    // However a council came to be marked as the sample here, its rows are this laptop's only.
    await updateCouncil(a.repos, world.councilId, { sample: true });
    await createMeeting(a.repos, { bodyKind: 'council', bodyId: world.councilId, title: 'Invented meeting', startsAt: '2027-01-12T09:00' });
    const status = await a.engine.syncNow();
    expect(status.phase).toBe('up-to-date');
    expect(status.localOnly).toBeGreaterThan(0);
    expect(status.account?.councils.map((c) => c.id)).not.toContain(world.councilId);
    await b.engine.syncNow();
    expect(await b.db.meetings.count()).toBe(0);
  });
});
