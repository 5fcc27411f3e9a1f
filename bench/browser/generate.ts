import type { AgendaItemInput, AttendanceInput, CouncilInput, MeetingInput, MembershipFields, PersonInput, TeamInput } from '@shared/model';
import type { ActionItemInput } from '@shared/model/ibps';
import type { z } from 'zod';

/** A deterministic pseudo-random source, so every run writes the same council history. */
export function rng(seed = 42) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FIRST = ['Ana', 'Ben', 'Grace', 'Marcus', 'Priya', 'Tomas', 'Rosa', 'Lee', 'Kim', 'Jo', 'Sam', 'Dana', 'Omar', 'Ines', 'Wei', 'Ruth'];
const LAST = ['Torres', 'Okafor', 'Liu', 'Bell', 'Nair', 'Reyes', 'Martinez', 'Chen', 'Park', 'Diaz', 'Lee', 'Vega', 'Haddad', 'Silva', 'Zhang', 'Cohen'];
const DEPTS = ['Pharmacy', 'ICU', 'Radiology', 'Lab', 'Primary care', 'Pediatrics', 'Oncology', 'Emergency', 'Surgery', 'Imaging'];
const SIDES = ['management', 'union', 'union', 'physician'] as const;

export interface HistorySpec {
  councils: number;
  teams: number;
  people: number;
  meetings: number;
  agendaPerMeeting: number;
  attendancePerMeeting: number;
}

export const FOUNDATION_SPEC: HistorySpec = { councils: 10, teams: 200, people: 3000, meetings: 2000, agendaPerMeeting: 6, attendancePerMeeting: 12 };

/**
 * Inputs for a large council history with invented people. Ids are assigned up front so rows can
 * refer to each other, and so the raw and app paths write identical records.
 */
export function generateHistory(spec: HistorySpec, newId: () => string) {
  const r = rng();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const councils = Array.from({ length: spec.councils }, (_, i) => ({
    id: newId(),
    input: { name: `Regional Council ${i + 1}`, level: 'regional', region: 'Northern California' } satisfies CouncilInput,
  }));
  const teams = Array.from({ length: spec.teams }, (_, i) => ({
    id: newId(),
    input: { councilId: councils[i % councils.length]!.id, name: `${pick(DEPTS)} UBT ${i + 1}`, department: pick(DEPTS) } satisfies TeamInput,
  }));
  const people = Array.from({ length: spec.people }, (_, i) => {
    const side = pick(SIDES);
    return {
      id: newId(),
      input: {
        name: `${pick(FIRST)} ${pick(LAST)} ${i + 1}`,
        side,
        union: side === 'union' ? 'SEIU-UHW' : '',
        local: side === 'union' ? '250' : '',
      } satisfies PersonInput,
    };
  });
  const memberships: Array<{ id: string; input: z.input<typeof MembershipFields> }> = people.map((p, i) => ({
    id: newId(),
    input: { personId: p.id, bodyKind: 'team', bodyId: teams[i % teams.length]!.id },
  }));
  const meetings: Array<{ id: string; input: MeetingInput }> = [];
  const agendaItems: Array<{ id: string; input: AgendaItemInput }> = [];
  const attendance: Array<{ id: string; input: AttendanceInput }> = [];
  for (let i = 0; i < spec.meetings; i++) {
    const team = teams[i % teams.length]!;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
    const meeting = {
      id: newId(),
      input: {
        bodyKind: 'team',
        bodyId: team.id,
        title: `${team.input.name} meeting ${i + 1}`,
        startsAt: `2025-${month}-${day}T09:00`,
        location: 'Conference room B',
        objective: 'Review the unit scorecard and agree next steps',
      } satisfies MeetingInput,
    };
    meetings.push(meeting);
    for (let a = 0; a < spec.agendaPerMeeting; a++)
      agendaItems.push({
        id: newId(),
        input: { meetingId: meeting.id, position: a + 1, title: `Agenda item ${a + 1}`, timeBoxMinutes: 10, type: a === 3 ? 'ibps' : 'discussion' },
      });
    for (let p = 0; p < spec.attendancePerMeeting; p++)
      attendance.push({
        id: newId(),
        input: { meetingId: meeting.id, personId: people[(i * spec.attendancePerMeeting + p) % people.length]!.id, status: r() < 0.85 ? 'present' : 'absent' },
      });
  }
  return { councils, teams, people, memberships, meetings, agendaItems, attendance };
}

/** A council history of `meetings` meetings with everything else in proportion to the foundation's 2,000. */
export function scaledSpec(meetings: number): HistorySpec {
  const f = meetings / FOUNDATION_SPEC.meetings;
  return {
    ...FOUNDATION_SPEC,
    councils: Math.max(1, Math.round(FOUNDATION_SPEC.councils * f)),
    teams: Math.max(1, Math.round(FOUNDATION_SPEC.teams * f)),
    people: Math.max(1, Math.round(FOUNDATION_SPEC.people * f)),
    meetings,
  };
}

/** `perMeeting` action items agreed at each meeting, owned by its attendees, most of them closed. */
export function generateActionItems(h: ReturnType<typeof generateHistory>, perMeeting: number, newId: () => string) {
  const r = rng(7);
  const items: Array<{ id: string; input: ActionItemInput }> = [];
  h.meetings.forEach((m, i) => {
    for (let k = 0; k < perMeeting; k++) {
      // Older meetings' items are mostly done; the last 5% of meetings leave theirs open.
      const open = i >= h.meetings.length * 0.95 || r() < 0.05;
      items.push({
        id: newId(),
        input: {
          bodyKind: 'team',
          bodyId: m.input.bodyId,
          meetingId: m.id,
          what: `Follow up ${k + 1} from ${m.input.title}`,
          ownerId: h.people[(i * perMeeting + k) % h.people.length]!.id,
          dueDate: m.input.startsAt.slice(0, 10),
          status: open ? 'open' : 'done',
          doneAt: open ? null : `${m.input.startsAt}:00.000Z`,
        },
      });
    }
  });
  return items;
}
