import { describe, expect, it } from 'vitest';
import { describeRecurrence } from '@renderer/features/templates/describeRecurrence';
import { templatesT } from './translate';

describe('a series described in words', () => {
  it('reads as a facilitator says it, in English and Spanish', () => {
    const second = { freq: 'monthly', nth: 2, weekday: 2, time: '09:30' } as const;
    expect(describeRecurrence(second, templatesT('en'), 'en')).toBe('Second Tuesday of every month at 9:30 AM');
    expect(describeRecurrence(second, templatesT('es'), 'es')).toBe('El segundo martes de cada mes a las 09:30');
    const last = { freq: 'monthly', nth: -1, weekday: 5, time: '14:00' } as const;
    expect(describeRecurrence(last, templatesT('en'), 'en')).toBe('Last Friday of every month at 2:00 PM');
    // 2027-01-04 is a Monday.
    expect(describeRecurrence({ freq: 'weekly', interval: 1, anchor: '2027-01-04', time: '08:00' }, templatesT('en'), 'en')).toBe('Every Monday at 8:00 AM');
    expect(describeRecurrence({ freq: 'weekly', interval: 2, anchor: '2027-01-04', time: '08:00' }, templatesT('es'), 'es')).toBe(
      'Cada 2 semanas, el lunes a las 08:00',
    );
  });
});
