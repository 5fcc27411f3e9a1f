import {
  AgendaItem,
  AgendaItemFields,
  Attendance,
  AttendanceFields,
  Council,
  CouncilFields,
  Meeting,
  MeetingFields,
  Membership,
  MembershipFields,
  Person,
  PersonFields,
  Team,
  TeamFields,
} from '@shared/model';
import { getDb, type CommonGroundDb } from '../database';
import { createRepository } from './repository';

export function createRepositories(db: CommonGroundDb) {
  return {
    db,
    councils: createRepository('Council', db.councils, CouncilFields, Council),
    teams: createRepository('Team', db.teams, TeamFields, Team),
    people: createRepository('Person', db.people, PersonFields, Person),
    memberships: createRepository('Membership', db.memberships, MembershipFields, Membership),
    meetings: createRepository('Meeting', db.meetings, MeetingFields, Meeting),
    agendaItems: createRepository('Agenda item', db.agendaItems, AgendaItemFields, AgendaItem),
    attendance: createRepository('Attendance', db.attendance, AttendanceFields, Attendance),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;

let instance: Repositories | null = null;
export function getRepositories(): Repositories {
  instance ??= createRepositories(getDb());
  return instance;
}
