import { format, parseISO } from 'date-fns';

/** "Sat 14 Mar 2026, 09:30" from the stored local "2026-03-14T09:30". */
export const formatMeetingTime = (startsAt: string): string => {
  try {
    return format(parseISO(startsAt), 'EEE d MMM yyyy, HH:mm');
  } catch {
    return startsAt;
  }
};
