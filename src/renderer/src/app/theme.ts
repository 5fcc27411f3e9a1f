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
    // A dialog's or drawer's title bar is Mantine's <header>: outside a sectioning element that is
    // a second banner landmark beside the app's own (axe: landmark-no-duplicate-banner), so screen
    // reader users would find two "banners". A plain div keeps its look; the dialog stays named by its title.
    ModalHeader: { defaultProps: { component: 'div' } },
    DrawerHeader: { defaultProps: { component: 'div' } },
  },
});

const LIGHT_TEXT = {
  teal: '#077252',
  orange: '#ae3a0c',
  red: '#bf2828',
  blue: '#1864ab',
  yellow: '#a15300',
  green: '#257535',
  gray: '#343a40',
  violet: '#5f3dc4',
  grape: '#862e9c',
  cyan: '#0a6c7e',
  indigo: '#364fc7',
  pink: '#a61e4d',
  lime: '#4a760a',
} as const;

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    // gray.7 on white: 7.9:1 (Mantine's gray.6 is 3.3:1).
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Light variants (active nav link, light buttons, badges): text dark enough for 4.5:1 on their
    // tinted background (computed from Mantine's palette: shade 9 darkened until it passes).
    ...Object.fromEntries(Object.entries(LIGHT_TEXT).map(([color, hex]) => [`--mantine-color-${color}-light-color`, hex])),
    // Filled variants whose shade 9 is under 4.5:1 with white text.
    '--mantine-color-orange-filled': LIGHT_TEXT.orange,
    '--mantine-color-green-filled': LIGHT_TEXT.green,
    '--mantine-color-yellow-filled': LIGHT_TEXT.yellow,
    '--mantine-color-lime-filled': LIGHT_TEXT.lime,
  },
  dark: {},
});
