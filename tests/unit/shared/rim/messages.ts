import { IntlMessageFormat } from 'intl-messageformat';

// Helpers for the tests that hold a namespace's languages to each other: every key in every
// language, every message valid ICU, and the same values named in every language (a Spanish
// sentence that forgot {count} would print without it).

export type Messages = { [key: string]: string | Messages };

/** "a.b.c" -> message, for every leaf. */
export function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

interface Element {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}

/** The values a message names ({count}, {date}...), parsing it as ICU in `locale` (throws on bad syntax). */
export function argumentsOf(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (elements: readonly Element[]) => {
    for (const e of elements) {
      // 0 literal, 7 pound: no name; every other element names a value.
      if (e.type !== 0 && e.type !== 7 && e.value) names.add(e.value);
      for (const option of Object.values(e.options ?? {})) walk(option.value);
      if (e.children) walk(e.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as unknown as Element[]);
  return [...names].sort();
}
