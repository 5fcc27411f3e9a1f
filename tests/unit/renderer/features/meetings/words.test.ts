/** The meeting screens' words that are built from data: the roll call's absent-role warning and meeting times, in English and Spanish. */
import { describe, expect, it } from 'vitest';
import { createI18n, translatorOf, type Translate } from '@shared/i18n/translator';
import en from '@renderer/i18n/locales/en/meetings.json';
import es from '@renderer/i18n/locales/es/meetings.json';
import { describeAbsent, roleName } from '@renderer/features/meetings/absentRoles';
import { formatMeetingTime } from '@renderer/features/meetings/format';

const meetingsT = (locale: 'en' | 'es'): Translate => translatorOf(createI18n(locale, { en: { meetings: en }, es: { meetings: es } }, 'meetings'), 'meetings');

describe('absent role holders', () => {
  it('says who is absent and what to do, in the screens’ language', () => {
    const recorder = { personId: 'p1', roles: ['recorder' as const], needsCover: true };
    expect(describeAbsent(recorder, 'Grace Liu', meetingsT('en'), 'en')).toBe(
      'Grace Liu is the recorder and is marked absent: choose someone else as recorder today.',
    );
    expect(describeAbsent(recorder, 'Grace Liu', meetingsT('es'), 'es')).toBe(
      'Grace Liu (relator/a) está marcado/a como ausente: elija a otra persona como relator/a para hoy.',
    );
    const coLead = { personId: 'p2', roles: ['union co-lead' as const], needsCover: false };
    expect(describeAbsent(coLead, 'Ana Torres', meetingsT('en'), 'en')).toBe(
      'Ana Torres is the union co-lead and is marked absent: the other co-lead leads today.',
    );
    expect(describeAbsent(coLead, 'Ana Torres', meetingsT('es'), 'es')).toContain('Ana Torres (codirector/a sindical)');
  });

  it('lists several roles the way the language joins a list, and asks cover only for the meeting roles', () => {
    const both = { personId: 'p1', roles: ['recorder' as const, 'timekeeper' as const, 'management co-lead' as const], needsCover: true };
    expect(describeAbsent(both, 'Ben Okafor', meetingsT('en'), 'en')).toBe(
      'Ben Okafor is the recorder, timekeeper, and management co-lead and is marked absent: choose someone else as recorder and timekeeper today.',
    );
    expect(describeAbsent(both, 'Ben Okafor', meetingsT('es'), 'es')).toBe(
      'Ben Okafor (relator/a, controlador/a del tiempo y codirector/a de la dirección) está marcado/a como ausente: elija a otra persona como relator/a y controlador/a del tiempo para hoy.',
    );
    expect(roleName('physician co-lead', meetingsT('es'))).toBe('codirector/a médico/a');
  });
});

describe('meeting times in lists', () => {
  it('prints the stored local time in the language’s order, never shifted, and bad input as given', () => {
    expect(formatMeetingTime('2026-03-14T09:30', 'en')).toBe('Sat, Mar 14, 2026, 9:30 AM');
    expect(formatMeetingTime('2026-03-14T09:30', 'es')).toBe('sáb, 14 mar 2026, 09:30');
    expect(formatMeetingTime('not a time', 'es')).toBe('not a time');
  });
});
