import { Anchor, createTheme, type CSSVariablesResolver } from '@mantine/core';

// Contrast is fixed here once for the whole app (WCAG 2.2 AA: 4.5:1 for text): Mantine's default
// teal (shade 6) under white text is 2.5:1 and its dimmed grey on white 3.3:1, so buttons, active
// links and secondary text use darker shades. Links inside text are underlined, not told apart by
// colour alone.
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 9, dark: 8 },
  defaultRadius: 'md',
  fontFamily: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    // gray.7 on white: 7.9:1 (Mantine's gray.6 is 3.3:1).
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Light variants (active nav link, light buttons, badges) read their text in shade 9.
    '--mantine-color-teal-light-color': 'var(--mantine-color-teal-9)',
    '--mantine-color-orange-light-color': 'var(--mantine-color-orange-9)',
    '--mantine-color-red-light-color': 'var(--mantine-color-red-9)',
    '--mantine-color-blue-light-color': 'var(--mantine-color-blue-9)',
    '--mantine-color-yellow-light-color': 'var(--mantine-color-yellow-9)',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-8)',
    '--mantine-color-green-light-color': 'var(--mantine-color-green-9)',
    '--mantine-color-violet-light-color': 'var(--mantine-color-violet-9)',
    '--mantine-color-grape-light-color': 'var(--mantine-color-grape-9)',
    '--mantine-color-cyan-light-color': 'var(--mantine-color-cyan-9)',
    '--mantine-color-indigo-light-color': 'var(--mantine-color-indigo-9)',
  },
  dark: {},
});
