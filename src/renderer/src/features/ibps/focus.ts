import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Keyboard focus on the live session page. A facilitator types while the room talks: a keystroke
 * that lands on <body> is lost (or worse, ends up somewhere else), so focus must never drop.
 */

const TYPING =
  'textarea:not([disabled]):not([readonly]), input:not([disabled]):not([readonly]):not([type="hidden"]):not([type="checkbox"]):not([type="radio"])';
const ANY = 'button:not([disabled]), [href], input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), [tabindex="0"]';

/** Where a step's keyboard work starts: what it marks data-autofocus, else its first field, else its first control. */
export function firstControl(root: HTMLElement | null): HTMLElement | null {
  if (!root) return null;
  return (
    root.querySelector<HTMLElement>('[data-autofocus]:not([disabled])') ??
    root.querySelector<HTMLElement>(TYPING) ??
    root.querySelector<HTMLElement>('input:checked:not([disabled])') ??
    root.querySelector<HTMLElement>(ANY)
  );
}

/** Focus an element, with the caret at the end of what a field already holds. */
export function focusAtEnd(el: HTMLElement | null): void {
  if (!el) return;
  el.focus();
  if (el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && /^(text|search|url|tel|email|)$/.test(el.type))) {
    const end = el.value.length;
    el.setSelectionRange(end, end);
  }
}

/**
 * Opening the page puts focus on the step's first control, and moving to another step puts it
 * there again when the facilitator moved (focus was in the step list, on the page, or nowhere),
 * not when another laptop moved the step while someone types in the parking lot.
 */
export function useFocusStepOnChange(step: string, stepRoot: RefObject<HTMLElement | null>, navRoot: RefObject<HTMLElement | null>): void {
  const previous = useRef<string | null>(null);
  useLayoutEffect(() => {
    const first = previous.current === null;
    if (previous.current === step) return;
    previous.current = step;
    const active = document.activeElement;
    const facilitatorMoved = !active || active === document.body || Boolean(navRoot.current?.contains(active));
    if (first || facilitatorMoved) focusAtEnd(firstControl(stepRoot.current));
  }, [step, stepRoot, navRoot]);
}

/**
 * When the focused control disappears (a button that reveals a field in its place, a form that
 * closes once its write lands), focus goes to `fallback()` instead of <body>. A click on empty
 * page also leaves focus on <body>, but then the clicked control is still there and nothing moves.
 */
export function useFocusNeverDrops(page: RefObject<HTMLElement | null>, fallback: () => HTMLElement | null): void {
  const fallbackRef = useRef(fallback);
  useLayoutEffect(() => {
    fallbackRef.current = fallback;
  });
  useEffect(() => {
    // Listens on the document: the page's root renders only once its data has loaded.
    let last: Element | null = null;
    const onFocusIn = (e: FocusEvent) => {
      last = page.current?.contains(e.target as Node) ? (e.target as Element) : null;
    };
    const rescue = () => {
      if (document.activeElement && document.activeElement !== document.body) return;
      if (!last || last.isConnected) return;
      last = null;
      focusAtEnd(fallbackRef.current());
    };
    document.addEventListener('focusin', onFocusIn);
    // Removal of the focused control shows up as a DOM change; MutationObserver runs before the next key event.
    const observer = new MutationObserver(rescue);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      observer.disconnect();
    };
  }, [page]);
}
