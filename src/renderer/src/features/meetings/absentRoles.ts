import type { Translate } from '@shared/i18n/translator';
import type { Locale } from '@shared/i18n/locales';
import type { AbsentRoleHolder, MeetingRole } from '@shared/meetings/roles';

// The roll call's warning about an absent role holder, in the screens' language (the shared
// describeAbsentRoleHolder writes English only). The roles are listed the way the language joins
// a list ("recorder and timekeeper", "relator/a y controlador/a del tiempo").

/** Roles someone else must take over for the day; a co-lead's absence is covered by the other co-lead. */
const COVERED: readonly MeetingRole[] = ['facilitator', 'recorder', 'timekeeper'];

/** A role's name (`t`: the `meetings` namespace). */
export const roleName = (role: MeetingRole, t: Translate): string => t(`attendance.role.${role}`);

const listOf = (roles: readonly MeetingRole[], t: Translate, locale: Locale) =>
  new Intl.ListFormat(locale, { type: 'conjunction' }).format(roles.map((r) => roleName(r, t)));

/** "Grace Liu is the recorder and is marked absent: choose someone else as recorder today." */
export function describeAbsent(a: AbsentRoleHolder, name: string, t: Translate, locale: Locale): string {
  const cover = a.roles.filter((r) => COVERED.includes(r));
  return cover.length
    ? t('attendance.absentCover', { name, roles: listOf(a.roles, t, locale), cover: listOf(cover, t, locale) })
    : t('attendance.absentCoLead', { name, roles: listOf(a.roles, t, locale) });
}
