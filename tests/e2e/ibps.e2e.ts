import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { exposeServices } from './support/services';
import { launchApp } from './support/browser';
import { useAppServer } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { capture, goto, planMeeting, setUpTeamMeeting, startIbps, step, vote, waitSaved } from './flows/ui';

const server = useAppServer();

const ISSUE = 'How can we make sure every pharmacy tech gets a full lunch break while keeping the window open?';
const texts = async (page: Page, testId: string) => (await page.getByTestId(testId).allInnerTexts()).map((t) => t.trim());
/** The Action items view edits "what" in place, so its text is an input's value. */
const actionWhats = async (page: Page) =>
  Promise.all((await page.getByTestId('action-item-row').getByRole('textbox', { name: 'What' }).all()).map((i) => i.inputValue()));

const UNION_INTERESTS = [
  'A full 30-minute lunch away from the window',
  'Breaks that are not cut short by a rush',
  'Knowing the lunch rotation a week ahead',
  'Fair turns at the late lunch slot',
  'Not being the only tech at the window',
  'Time to restock before the noon rush',
  'A quiet place to eat',
  'Seniority respected when swapping shifts',
  'No pressure to skip breaks to help patients',
  'Relief coverage that knows the pharmacy system',
  'Short huddles that do not eat into lunch',
  'Being asked before the schedule changes',
] as const;
const MANAGEMENT_INTERESTS = [
  'The pickup window stays open at midday',
  'Wait times under fifteen minutes',
  'No new overtime costs',
  'Staffing within the approved budget',
  'Prescriptions checked as safely at noon as at nine',
  'A schedule that works for every shift',
  'Fewer patient complaints about waits',
  'Compliance with state break rules',
  'Float staff used where most needed',
  'A plan that survives sick calls',
  'Clear data on midday volume',
  'Changes that can be tested in four weeks',
] as const;
const SHARED_INTERESTS = [
  'Patients get their medicines safely',
  'Staff are not burned out',
  'A schedule both sides trust',
  'Fewer errors at the window',
  'A workload that feels fair',
  'Decisions made together',
] as const;

/** The accessible name of what has keyboard focus (its label, else its text). */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '(body)';
    const labelled = el.getAttribute('aria-labelledby');
    const byId = labelled ? document.getElementById(labelled)?.textContent : null;
    return (el.getAttribute('aria-label') ?? byId ?? el.innerText ?? '').trim();
  });

/** Tab (or Shift+Tab) until the control named `name` has focus: the keyboard's own way there. */
async function tabTo(page: Page, name: RegExp, direction: 'forward' | 'backward', max = 60) {
  for (let i = 0; i < max; i++) {
    if (name.test(await focusedName(page))) return;
    await page.keyboard.press(direction === 'forward' ? 'Tab' : 'Shift+Tab');
  }
  throw new Error(`no control named ${name} within ${max} presses of ${direction === 'forward' ? 'Tab' : 'Shift+Tab'} (at “${await focusedName(page)}”)`);
}

async function writeIssue(page: Page, text: string) {
  await page.getByRole('button', { name: 'Write the issue statement' }).click();
  await page.getByTestId('issue-statement').fill(text);
}

/** Rates one cell of the matrix with a click on its M / P / N (each named in full for screen readers). */
async function rate(page: Page, cell: string, rating: 'Meets' | 'Partly meets' | 'Does not meet') {
  const group = page.getByRole('radiogroup', { name: cell });
  const label = group.locator('label', { has: page.getByText(rating, { exact: true }) });
  await label.click();
  await group.locator('label[data-active="true"]', { has: page.getByText(rating, { exact: true }) }).waitFor();
}

async function agreeCriteria(page: Page, criteria: string[]) {
  await step(page, /Criteria/).click();
  await capture(page, 'capture-criterion', criteria);
  await page
    .getByTestId('criterion-row')
    .nth(criteria.length - 1)
    .waitFor();
  await page.getByRole('button', { name: 'The group agrees these criteria' }).click();
  await page.getByTestId('criteria-agreed').waitFor();
}

describe('ibps', () => {
  it('ibps: full session from issue statement to action plan', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await setUpTeamMeeting(page, server.url);
    await startIbps(page);
    // Set-up: the charter's ground rules, editable for this session; roles and presence by side.
    const setup = page.getByTestId('session-setup');
    expect(await setup.getByLabel('Ground rules (one per line)').inputValue()).toContain('Assume positive intent');
    await setup.getByLabel('Ground rules (one per line)').fill('Assume positive intent\nPhones face down');
    expect(await setup.innerText()).toMatch(/Union: 2/i);
    expect(await setup.innerText()).toMatch(/Management: 2/i);
    // The item's clock starts when the timekeeper starts it (not when the screen opens) and pauses.
    expect(await page.getByTestId('agenda-item-timer').getAttribute('data-state')).toBe('not-started');
    await page.getByRole('button', { name: 'Start the agenda item timer' }).click();
    await expect.poll(() => page.getByTestId('agenda-item-timer').innerText()).toMatch(/item: \d+:\d\d left/i);
    await page.getByRole('button', { name: 'Pause the agenda item timer' }).click();
    expect(await page.getByTestId('agenda-item-timer').getAttribute('data-state')).toBe('paused');
    await page.getByRole('button', { name: 'Resume the agenda item timer' }).click();
    expect(await page.getByTestId('agenda-item-timer').getAttribute('data-state')).toBe('running');

    // 1. Issue: a demand gets a gentle warning; the group rewords and the first wording is kept.
    await writeIssue(page, 'Management must hire two more pharmacists');
    const warnings = page.getByTestId('issue-warnings');
    await warnings.waitFor();
    expect(await warnings.innerText()).toMatch(/solution or a demand/);
    await saveScreenshot(page, 'ibps-1-issue-warning');
    await page.getByRole('button', { name: /Reword/ }).click();
    await page.getByTestId('issue-revision').waitFor();
    await page.getByTestId('issue-statement').fill(ISSUE);
    await page.getByTestId('issue-warnings').waitFor({ state: 'detached' });
    expect(await texts(page, 'issue-revision')).toEqual(['Management must hire two more pharmacists']);
    await page.getByRole('button', { name: 'Done: go to Interests' }).click();

    // 2. Interests: Enter after each; one shared by all sides; a position turned into an interest.
    await capture(page, 'capture-interest', ['Staff get an uninterrupted 30-minute lunch', 'Patients are served without long waits', 'Hire a float tech']);
    await page.getByTestId('interest-row').nth(2).waitFor();
    await page.getByTestId('interest-row').first().getByRole('button', { name: 'All sides' }).click();
    await page.getByTestId('interest-row').first().and(page.locator('[data-shared="true"]')).waitFor();
    const position = page.getByTestId('interest-row').nth(2);
    await position.getByRole('button', { name: 'Flag as a position' }).click();
    await page.getByText('Why is that important? What would that accomplish?').waitFor();
    await saveScreenshot(page, 'ibps-2-interests-position');
    await position.getByRole('textbox', { name: 'Interest behind this position' }).fill('Coverage at the window while techs are at lunch');
    await position.getByRole('button', { name: 'Record as interest' }).click();
    await page.getByText('From the position: “Hire a float tech”').waitFor();
    // Group interests into themes.
    await page.getByRole('textbox', { name: 'Group of Staff get an uninterrupted 30-minute lunch' }).fill('Staff well-being');
    await page.getByRole('textbox', { name: 'Group of Coverage at the window while techs are at lunch' }).fill('Staff well-being');
    await page.getByRole('textbox', { name: 'Group of Patients are served without long waits' }).fill('Patients');
    await page.getByRole('textbox', { name: 'Group of Patients are served without long waits' }).blur();
    await page.getByRole('button', { name: 'Gather groups together' }).click();
    await expect.poll(() => texts(page, 'interest-group')).toEqual(['Staff well-being', 'Patients']);
    // Keyboard reorder: Alt+Up moves the focused interest.
    await page.getByTestId('interest-row').nth(1).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect
      .poll(async () => (await page.getByTestId('interest-row').first().innerText()).split('\n')[0])
      .toBe('Coverage at the window while techs are at lunch');
    await page.getByRole('button', { name: 'Done: go to Options' }).click();

    // 3. Options in round-robin with a pass; brainstorm hides critique controls.
    await page.getByTestId('brainstorm-toggle').click();
    await expect.poll(() => page.getByTestId('brainstorm-toggle').isChecked()).toBe(true);
    expect(await page.getByTestId('round-robin-turn').innerText()).toBe('Ana Torres');
    await capture(page, 'capture-option', ['Stagger lunches in two waves']);
    await expect.poll(() => page.getByTestId('round-robin-turn').innerText()).toBe('Ben Okafor');
    await page.getByRole('button', { name: 'Pass' }).click();
    await capture(page, 'capture-option', ['Float tech covers 11 to 2', 'Close the window 12:30 to 1']);
    await page.getByTestId('option-row').nth(2).waitFor();
    expect(await page.getByRole('button', { name: /^Shortlist/ }).count()).toBe(0);
    expect(await page.getByTestId('option-row').first().innerText()).toContain('Ana Torres');
    await saveScreenshot(page, 'ibps-3-options-brainstorm');
    await page.getByTestId('brainstorm-toggle').click();
    await expect.poll(() => page.getByTestId('brainstorm-toggle').isChecked()).toBe(false);

    // 4-5. Criteria agreed, then the matrices.
    await page.getByRole('button', { name: 'Done: go to Criteria' }).click();
    await agreeCriteria(page, ['Within the current budget', 'Meets the contract on breaks', 'Every tech gets an uninterrupted lunch']);
    await step(page, /Evaluate options/).click();
    await rate(page, 'Stagger lunches in two waves against Within the current budget', 'Meets');
    await rate(page, 'Float tech covers 11 to 2 against Within the current budget', 'Does not meet');
    await page.getByRole('textbox', { name: 'Note on Stagger lunches in two waves against Within the current budget' }).fill('No overtime needed');
    await page.getByRole('checkbox', { name: 'Stagger lunches in two waves meets Staff get an uninterrupted 30-minute lunch' }).click();
    await page.getByRole('button', { name: 'Shortlist Stagger lunches in two waves' }).click();
    await expect.poll(async () => (await page.getByTestId('coverage-matrix').innerText()).includes('1 / 3')).toBe(true);
    // Keyboard: a cell's letter rates it (M, P, N).
    await page.getByRole('radiogroup', { name: 'Close the window 12:30 to 1 against Within the current budget' }).getByRole('radio').first().focus();
    await page.keyboard.press('p');
    await expect
      .poll(() => page.getByTestId('rating-cell').and(page.locator('[data-rating="partly"]')).count(), { message: 'P rates the focused cell' })
      .toBe(1);
    // Meeting a criterion about an interest suggests that the option meets the interest; the group ticks them.
    await page
      .getByRole('radiogroup', { name: 'Stagger lunches in two waves against Every tech gets an uninterrupted lunch' })
      .getByRole('radio')
      .first()
      .focus();
    await page.keyboard.press('m');
    const accept = page.getByTestId('accept-coverage');
    await expect.poll(() => accept.innerText()).toBe('Tick the 1 the matrix suggests');
    await accept.click();
    await expect.poll(async () => (await page.getByTestId('coverage-matrix').innerText()).includes('2 / 3')).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Stagger lunches in two waves meets Coverage at the window while techs are at lunch' }).isChecked()).toBe(
      true,
    );
    // At laptop size (1366x768) the matrix fits: no rating, label or button is cut off or pushed out.
    await page.setViewportSize({ width: 1366, height: 768 });
    const matrix = page.getByTestId('evaluation-matrix');
    const cut = await matrix.evaluate((table) => {
      const out: string[] = [];
      const frame = table.parentElement!.getBoundingClientRect();
      if (table.scrollWidth > table.parentElement!.clientWidth + 1) out.push(`table ${table.scrollWidth} > ${table.parentElement!.clientWidth}`);
      for (const el of table.querySelectorAll<HTMLElement>('label, button, p')) {
        const r = el.getBoundingClientRect();
        if (el.scrollWidth > el.clientWidth + 1 || r.right > frame.right + 1) out.push(el.textContent ?? '');
      }
      return out;
    });
    expect(cut).toEqual([]);
    // Nor is any button on the page cut short (the step column's "Done: go to ..." included).
    const cutButtons = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('main button, main button *')]
        .filter((el) => el.offsetParent !== null && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent),
    );
    expect(cutButtons).toEqual([]);
    await page.getByTestId('step-evaluate').evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -70); // below the app's fixed header
    });
    await saveScreenshot(page, 'ibps-5-evaluate');
    await page.setViewportSize({ width: 1366, height: 850 });
    expect(await page.getByRole('textbox', { name: 'Note on Stagger lunches in two waves against Within the current budget' }).inputValue()).toBe(
      'No overtime needed',
    );

    // 6. Consensus by fist-to-five: everyone at 3 or more.
    await step(page, /Consensus/).click();
    expect(await page.getByTestId('proposal').inputValue()).toBe('Stagger lunches in two waves');
    await page.getByRole('button', { name: 'Start the consensus test' }).click();
    for (const [name, value] of [
      ['Ana Torres', '4'],
      ['Marcus Bell', '3'],
      ['Ben Okafor', '5'],
      ['Grace Liu', '4'],
    ] as const)
      await vote(page, name, value);
    await expect.poll(() => page.getByTestId('consensus-test').getAttribute('data-outcome')).toBe('consensus');
    expect(await page.getByTestId('consensus-breakdown').innerText()).toContain('4 votes: 4 support, 0 do not. Consensus quorum met.');
    await page.getByTestId('close-test').click();
    await page.getByRole('button', { name: 'Record decision' }).click();
    expect(await page.getByTestId('decision').innerText()).toContain('Stagger lunches in two waves');
    await saveScreenshot(page, 'ibps-6-consensus');

    // 7. Action plan with owner and due date; plus/delta; parking lot at any step.
    await page.getByRole('button', { name: 'Done: go to Action plan' }).click();
    await capture(page, 'capture-action', ['Draft the two-wave lunch schedule']);
    await page.getByRole('combobox', { name: 'Owner of Draft the two-wave lunch schedule' }).click();
    await page.getByRole('option', { name: 'Grace Liu' }).click();
    await page.getByRole('textbox', { name: 'Due date of Draft the two-wave lunch schedule' }).fill('2026-12-05');
    await page.getByRole('textbox', { name: 'Park a topic' }).fill('Break room refrigerator');
    await page.getByRole('textbox', { name: 'Park a topic' }).press('Enter');
    await page.getByRole('textbox', { name: 'New plus' }).fill('Everyone spoke');
    await page.getByRole('textbox', { name: 'New plus' }).press('Enter');
    await page.getByRole('textbox', { name: 'New delta' }).fill('Start on time');
    await page.getByRole('textbox', { name: 'New delta' }).press('Enter');
    await page.getByTestId('parking-row').waitFor();
    await waitSaved(page);
    await saveScreenshot(page, 'ibps-7-action-plan');
    await page.getByRole('button', { name: 'Mark the session done' }).click();
    for (const s of ['Issue statement', 'Interests', 'Options', 'Criteria', 'Consensus', 'Action plan']) {
      await expect.poll(() => step(page, new RegExp(s)).getAttribute('data-status'), { message: s }).toBe('done');
    }

    await goto(page, server.url, '/actions');
    await expect.poll(() => actionWhats(page)).toEqual(['Draft the two-wave lunch schedule']);
    expect(await page.getByRole('combobox', { name: 'Owner of Draft the two-wave lunch schedule' }).inputValue()).toBe('Grace Liu');
    await app.close();
  });

  it('ibps: a vote below support asks for concerns and a retest is recorded', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await setUpTeamMeeting(page, server.url);
    await startIbps(page);
    await writeIssue(page, ISSUE);
    await step(page, /Consensus/).click();
    await page.getByTestId('proposal').fill('Stagger lunches in two waves');
    await page.getByRole('button', { name: 'Start the consensus test' }).click();
    for (const [name, value] of [
      ['Ana Torres', '4'],
      ['Ben Okafor', '5'],
      ['Grace Liu', '3'],
    ] as const)
      await vote(page, name, value);
    await vote(page, 'Marcus Bell', '2');
    const concern = page.getByRole('textbox', { name: 'Concern of Marcus Bell' });
    await concern.waitFor();
    expect(await page.getByText('Below the support line: record the concern').count()).toBe(1);
    await expect.poll(() => page.getByTestId('consensus-test').getAttribute('data-outcome')).toBe('no-consensus');
    await saveScreenshot(page, 'ibps-vote-below-support');
    await concern.fill('The second wave starts too late for the early shift');
    await concern.press('Enter');
    await page.getByTestId('concern').waitFor();
    await page.getByTestId('close-test').click();
    expect(await page.getByTestId('test-outcome').innerText()).toMatch(/no consensus yet/i);
    // The side that is short is named, against the support line.
    await expect.poll(() => page.getByTestId('consensus-shortfall').innerText()).toContain('Union: 1 of 2 at support');
    expect(await page.getByTestId('consensus-shortfall').innerText()).not.toContain('Management');
    expect(await page.getByTestId('support-line').innerText()).toBe('Below the support line');

    // The same proposal cannot be retested unchanged; the modified one is test 2, pointing at test 1.
    await page.getByRole('button', { name: 'Test the modified proposal' }).click();
    await page.getByText(/The proposal is the same as in test 1/).waitFor();
    await page.getByTestId('proposal').fill('Stagger lunches in two waves; the early shift takes the first wave');
    await page.getByRole('button', { name: 'Test the modified proposal' }).click();
    await page.getByText('Test 2 (modified proposal)').waitFor();
    for (const [name, value] of [
      ['Ana Torres', '4'],
      ['Ben Okafor', '5'],
      ['Grace Liu', '3'],
      ['Marcus Bell', '4'],
    ] as const)
      await vote(page, name, value);
    await expect.poll(() => page.getByTestId('consensus-test').getAttribute('data-outcome')).toBe('consensus');
    await page.getByTestId('close-test').click();
    // No decision yet: the session cannot be marked done.
    await step(page, /Action plan/).click();
    const done = page.getByRole('button', { name: 'Mark the session done' });
    expect(await done.getAttribute('aria-disabled')).toBe('true');
    expect(await page.getByTestId('session-close-problem').innerText()).toMatch(/Record the decision/);
    await done.click({ force: true });
    expect(await step(page, /Action plan/).getAttribute('data-status')).not.toBe('done');
    await step(page, /Consensus/).click();
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByTestId('decision').waitFor();
    const earlier = await texts(page, 'earlier-test');
    expect(earlier).toHaveLength(1);
    expect(earlier[0]).toContain('Test 1: Stagger lunches in two waves');
    // A superseded test did not reach consensus, full stop: no "yet".
    expect(earlier[0]).toMatch(/No consensus$/im);
    expect(earlier[0]).not.toMatch(/yet/i);
    expect(earlier[0]).toContain('The second wave starts too late for the early shift');
    await saveScreenshot(page, 'ibps-retest-recorded');

    // Both tests survive a restart.
    const url = page.url();
    await app.close();
    const again = await launchApp({ baseUrl: server.url, userDataDir: app.userDataDir });
    await again.page.goto(url);
    await again.page.getByTestId('decision').waitFor();
    expect(await again.page.getByTestId('earlier-test').count()).toBe(1);
    await again.close();
  });

  it('ibps: evaluation waits for agreed criteria', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await setUpTeamMeeting(page, server.url);
    await startIbps(page);
    await step(page, /Options/).click();
    await capture(page, 'capture-option', ['Stagger lunches', 'Float tech']);
    await step(page, /Criteria/).click();
    await capture(page, 'capture-criterion', ['Within the current budget']);
    await step(page, /Evaluate options/).click();
    await page.getByTestId('evaluation-blocked').waitFor();
    expect(await page.getByTestId('evaluation-matrix').count()).toBe(0);
    await saveScreenshot(page, 'ibps-evaluation-blocked');

    // Override needs a recorded reason.
    const override = page.getByRole('button', { name: 'Evaluate anyway, recording this reason' });
    expect(await override.isDisabled()).toBe(true);
    await page.getByRole('textbox', { name: 'Reason to evaluate before criteria are agreed' }).fill('Sponsors asked for a first read today');
    await override.click();
    await page.getByTestId('evaluation-matrix').waitFor();
    expect(await page.getByText('Reason on record: Sponsors asked for a first read today').count()).toBe(1);

    // A second session without an override unblocks only when criteria are agreed.
    await page.getByRole('link', { name: 'November UBT meeting' }).click();
    await page.getByTestId('new-agenda-item').fill('Weekend coverage');
    await page.getByTestId('new-agenda-item').press('Enter');
    await page.getByRole('combobox', { name: 'Agenda item 2 type' }).click();
    await page.getByRole('option', { name: 'IBPS' }).click();
    await startIbps(page);
    await step(page, /Options/).click();
    await capture(page, 'capture-option', ['Rotate weekends']);
    await step(page, /Evaluate options/).click();
    await page.getByTestId('evaluation-blocked').waitFor();
    await page.getByRole('button', { name: 'Go to criteria' }).click();
    await capture(page, 'capture-criterion', ['Fair to every tech']);
    await page.getByRole('button', { name: 'The group agrees these criteria' }).click();
    await step(page, /Evaluate options/).click();
    await page.getByTestId('evaluation-matrix').waitFor();
    expect(await page.getByTestId('evaluation-blocked').count()).toBe(0);
    await app.close();
  });

  it('ibps: room view follows the facilitator live', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page, context } = app;
    await setUpTeamMeeting(page, server.url);
    await startIbps(page);
    await writeIssue(page, ISSUE);
    const roomPromise = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Open room view' }).click();
    const room = await roomPromise;
    await room.setViewportSize({ width: 1280, height: 720 });
    await room.getByTestId('room-view').waitFor();
    await expect.poll(() => room.getByTestId('room-issue').innerText()).toBe(ISSUE);
    expect(await room.getByTestId('room-step').innerText()).toBe('Step 1: Issue statement');

    await page.getByRole('button', { name: 'Done: go to Interests' }).click();
    await expect.poll(() => room.getByTestId('room-step').innerText()).toBe('Step 2: Interests');
    const interests = ['Staff get an uninterrupted 30-minute lunch', 'Patients are served without long waits', 'A predictable schedule'];
    for (const [i, text] of interests.entries()) {
      await capture(page, 'capture-interest', [text]);
      await expect.poll(async () => room.locator('[data-testid="room-items"] li').count(), { timeout: 3000 }).toBe(i + 1);
    }
    await page.getByTestId('interest-row').first().getByRole('button', { name: 'All sides' }).click();
    await expect.poll(async () => room.locator('[data-testid="room-items"] li[data-shared="true"]').count()).toBe(1);
    // The room sees the words while they are typed, before Enter.
    await page.getByTestId('capture-interest').click();
    await page.keyboard.type('Fair rotation of the late lunch');
    await expect.poll(() => room.getByTestId('room-typing').innerText()).toBe('Fair rotation of the late lunch…');
    await page.keyboard.press('Enter');
    await expect.poll(async () => room.locator('[data-testid="room-items"] li').count()).toBe(4);
    await expect.poll(() => room.getByTestId('room-typing').count()).toBe(0);
    // The room sees no facilitator controls, and everything fits a 1280x720 projector.
    expect(await room.getByRole('button').count()).toBe(0);
    expect(await room.getByRole('textbox').count()).toBe(0);
    const overflow = await room.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(overflow).toBeLessThanOrEqual(0);
    // Nor is anything cut off inside the view: the captured items and every ground rule show.
    const clipped = await room.evaluate(() =>
      [...document.querySelectorAll('[data-testid="room-view"] main > *')].filter((el) => el.scrollHeight > el.clientHeight + 1).map((el) => el.tagName),
    );
    expect(clipped).toEqual([]);
    expect(await room.locator('text=Focus on issues, not personalities').count()).toBe(1);
    // A background tab does not paint; bring each to the front before its screenshot.
    await room.bringToFront();
    await saveScreenshot(room, 'ibps-room-view-interests');
    await page.bringToFront();
    await saveScreenshot(page, 'ibps-room-view-facilitator');
    await app.close();
  });

  it('ibps: the room view keeps up with 30 interests in columns by side', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page, context } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await setUpTeamMeeting(page, server.url);
    await startIbps(page);
    await writeIssue(page, ISSUE);
    await page.getByRole('button', { name: 'Done: go to Interests' }).click();
    const roomPromise = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Open room view' }).click();
    const room = await roomPromise;
    await room.setViewportSize({ width: 1366, height: 768 });
    await room.getByTestId('room-view').waitFor();
    await expect.poll(() => room.getByTestId('room-step').innerText()).toBe('Step 2: Interests');

    // The newest item, inside the region that holds it and on the screen (nobody scrolls a projector).
    const newestInView = () =>
      room.evaluate(() => {
        const el = document.querySelector<HTMLElement>('[data-testid="room-items"] [data-newest="true"]');
        if (!el) return 'no newest item';
        const box = el.closest<HTMLElement>('[data-follow]')!.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        const seen = r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && r.top >= 0 && r.bottom <= window.innerHeight;
        return seen ? el.textContent! : `out of view: ${el.textContent}`;
      });
    const tag = async (sides: Array<'Union' | 'Management'>) => {
      for (const side of ['Union', 'Management'] as const) {
        const chip = page.getByTestId('capture-sides').getByRole('checkbox', { name: side, exact: true });
        if ((await chip.isChecked()) !== sides.includes(side)) await page.getByTestId('capture-sides').locator('label', { hasText: side }).click();
        await expect.poll(() => chip.isChecked()).toBe(sides.includes(side));
      }
    };
    const captureWatched = async (items: readonly string[]) => {
      for (const item of items) {
        await capture(page, 'capture-interest', [item]);
        await expect.poll(newestInView, { message: `newest in view after “${item}”` }).toContain(item);
      }
    };
    await tag(['Union']);
    await captureWatched(UNION_INTERESTS);
    await tag(['Management']);
    await captureWatched(MANAGEMENT_INTERESTS);
    await tag(['Union', 'Management']);
    await captureWatched(SHARED_INTERESTS);
    const topics = ['Break room refrigerator', 'Parking garage lighting', 'Locker assignments', 'Holiday potluck sign-up'];
    for (const topic of topics) {
      await page.getByRole('textbox', { name: 'Park a topic' }).fill(topic);
      await page.getByRole('textbox', { name: 'Park a topic' }).press('Enter');
    }
    await expect.poll(() => room.locator('[data-testid="room-parking-lot"] li').allTextContents()).toEqual(topics);

    // In columns by side like flip charts, shared ones across the top, with the app's side names.
    await expect.poll(() => room.locator('[data-testid="room-items"] li').count()).toBe(30);
    expect(await room.locator('[data-testid="room-column"][data-side="union"] li').allTextContents()).toEqual([...UNION_INTERESTS]);
    expect(await room.locator('[data-testid="room-column"][data-side="management"] li').allTextContents()).toEqual([...MANAGEMENT_INTERESTS]);
    expect(await room.locator('[data-testid="room-shared"] li').allTextContents()).toEqual([...SHARED_INTERESTS]);
    const words = (await room.getByTestId('room-view').textContent())!;
    expect(words).toContain('Union (12)');
    expect(words).toContain('Management (12)');
    expect(words).toContain('Shared by all sides (6)');
    expect(words).not.toMatch(/\b(LABOR|MGMT|MD)\b/i);

    // Everything is reachable: each region scrolls (the page never does) and every item can be brought into view.
    const reach = await room.evaluate(() => {
      const out: string[] = [];
      if (document.documentElement.scrollHeight > window.innerHeight) out.push('the page scrolls');
      // Put every region back where the room had it once each item has been reached.
      const regions = [...document.querySelectorAll<HTMLElement>('[data-follow]')].map((r) => [r, r.scrollTop] as const);
      for (const li of document.querySelectorAll<HTMLElement>('[data-testid="room-view"] li')) {
        const region = li.closest<HTMLElement>('[data-follow]');
        if (!region) {
          out.push(`not in a scrolling region: ${li.textContent}`);
          continue;
        }
        const b0 = region.getBoundingClientRect();
        const r0 = li.getBoundingClientRect();
        if (r0.bottom > b0.bottom) region.scrollTop += r0.bottom - b0.bottom;
        if (r0.top < b0.top) region.scrollTop -= b0.top - r0.top;
        const b = region.getBoundingClientRect();
        const r = li.getBoundingClientRect();
        if (r.top < b.top - 1 || r.bottom > b.bottom + 1 || r.bottom > window.innerHeight || r.right > window.innerWidth)
          out.push(`unreachable: ${li.textContent}`);
      }
      for (const [region, top] of regions) region.scrollTop = top;
      return out;
    });
    expect(reach).toEqual([]);
    // Nothing is clipped by the layout itself (the parking lot included): only the lists scroll.
    const clipped = await room.evaluate(() =>
      [...document.querySelectorAll('[data-testid="room-view"] main > *, [data-testid="room-view"] aside > *')]
        .filter((el) => el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflowY !== 'auto')
        .map((el) => el.className),
    );
    expect(clipped).toEqual([]);

    // The text size is set from the facilitator's window (or + and - on the projector) and the newest stays in view.
    const itemFont = () =>
      room
        .locator('[data-testid="room-column"] li')
        .first()
        .evaluate((li) => parseFloat(getComputedStyle(li).fontSize));
    const before = await itemFont();
    await page.getByRole('button', { name: 'Larger room view text' }).click();
    await page.getByRole('button', { name: 'Larger room view text' }).click();
    await expect.poll(() => room.getByTestId('room-view').getAttribute('data-scale')).toBe('1.2');
    expect(await page.getByTestId('room-scale').innerText()).toBe('120%');
    expect(await itemFont()).toBeGreaterThan(before);
    await capture(page, 'capture-interest', ['Nobody works a double without a real break']);
    await expect.poll(newestInView).toContain('Nobody works a double without a real break');
    await room.bringToFront();
    await room.keyboard.press('-');
    await expect.poll(() => room.getByTestId('room-view').getAttribute('data-scale')).toBe('1.1');
    await expect.poll(() => page.getByTestId('room-scale').innerText()).toBe('110%');
    // Each region keeps its own latest entry in view through the size changes.
    const lastInView = (region: string) =>
      room.evaluate((selector) => {
        const box = document.querySelector<HTMLElement>(selector)!;
        const last = [...box.querySelectorAll<HTMLElement>('li')].at(-1)!;
        const b = last.closest<HTMLElement>('[data-follow]')!.getBoundingClientRect();
        const r = last.getBoundingClientRect();
        return r.top >= b.top - 1 && r.bottom <= b.bottom + 1 ? last.textContent : `out of view: ${last.textContent}`;
      }, region);
    await expect.poll(() => lastInView('[data-testid="room-column"][data-side="union"]')).toBe(UNION_INTERESTS.at(-1));
    await expect.poll(() => lastInView('[data-testid="room-column"][data-side="management"]')).toBe(MANAGEMENT_INTERESTS.at(-1));
    await expect.poll(() => lastInView('[data-testid="room-parking-lot"]')).toBe(topics.at(-1));
    await saveScreenshot(room, 'ibps-room-view-30-interests');

    // The facilitator's screen can show the same columns.
    await page.bringToFront();
    await page.getByRole('radiogroup', { name: 'Show interests' }).getByText('By side').click();
    await page.getByTestId('interests-by-side').waitFor();
    expect(await page.locator('[data-testid="interest-column"][data-side="union"] [data-testid="interest-card"]').count()).toBe(12);
    await saveScreenshot(page, 'ibps-interests-by-side');
    await app.close();
  });

  it('ibps: a keyboard-only facilitator never loses a keystroke', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await setUpTeamMeeting(page, server.url);
    await startIbps(page);
    // Opening the session puts focus on its first control.
    await expect.poll(() => focusedName(page)).toBe('Write the issue statement');

    // Enter reveals the field with focus in it: the very next keys land there, none on <body>.
    await page.keyboard.press('Enter');
    await page.keyboard.type('make sure every tech ');
    // A pause longer than the autosave: the saved echo must not eat the space just typed.
    await page.waitForTimeout(900);
    await page.keyboard.type('gets a full lunch break?');
    const statement = 'How can we make sure every tech gets a full lunch break?';
    await expect.poll(() => page.getByTestId('issue-statement').inputValue()).toBe(statement);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Lunch coverage');

    // Back to "Done", and the next step's capture field has focus.
    await tabTo(page, /^Done: go to Interests$/, 'backward');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toBe('New interest');
    const interests = ['Staff get an uninterrupted 30-minute lunch', 'Patients are served without long waits', 'A schedule everyone can plan around'];
    for (const text of interests) {
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    }
    await expect.poll(async () => (await page.getByTestId('interest-row').allInnerTexts()).map((t) => t.split('\n')[0])).toEqual(interests);
    expect(await page.getByTestId('session-issue').innerText()).toBe(statement);

    // To the consensus step from the step list; the proposal takes the keys.
    await tabTo(page, /^6\. Consensus$/, 'backward');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toBe('Proposal');
    const proposal = 'Stagger lunches in two waves';
    await page.keyboard.type(proposal);
    await tabTo(page, /^Start the consensus test$/, 'forward');
    // Start, then the votes at once (one key each, focus moving down the list), then Enter records the result.
    await page.keyboard.press('Enter');
    for (const key of ['4', '3', '5', '4']) await page.keyboard.press(key);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('consensus-test').getAttribute('data-outcome')).toBe('consensus');
    expect(await page.getByTestId('test-outcome').innerText()).toMatch(/^consensus$/i);
    expect(await page.getByTestId('consensus-breakdown').innerText()).toContain('4 votes: 4 support, 0 do not.');
    const table = await page.getByTestId('consensus-breakdown').locator('tbody tr').allInnerTexts();
    // Voters in name order: Ana Torres 4, Ben Okafor 3, Grace Liu 5, Marcus Bell 4.
    expect(table.map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      ['Management', '1', '0', '1', '0', '0', '0'],
      ['Union', '0', '2', '0', '0', '0', '0'],
    ]);
    expect(await page.getByText(proposal, { exact: true }).count()).toBeGreaterThan(0);

    // Recording the result reveals the decision, with focus in it.
    await expect.poll(() => focusedName(page)).toBe('Decision');
    await tabTo(page, /^Record decision$/, 'forward');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('decision').innerText()).toContain(proposal);
    expect(app.problems).toEqual([]);
    await app.close();
  });

  it('ibps: session survives killing the browser mid-capture', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await setUpTeamMeeting(page, server.url);
    const url = await startIbps(page);
    await writeIssue(page, '');
    await page.getByTestId('issue-statement').click();
    await page.keyboard.type(ISSUE, { delay: 10 });
    await step(page, /Interests/).click();
    const captured = Array.from({ length: 12 }, (_, i) => `Interest number ${i + 1} said in the room`);
    await capture(page, 'capture-interest', captured);
    await page.getByTestId('capture-interest').click();
    await page.waitForTimeout(600);
    await app.kill();

    const again = await launchApp({ baseUrl: server.url, userDataDir: app.userDataDir });
    await again.page.goto(url);
    await again.page.getByTestId('interest-row').nth(11).waitFor();
    const rows = (await again.page.getByTestId('interest-row').allInnerTexts()).map((t) => t.split('\n')[0]);
    expect(rows).toEqual(captured);
    await step(again.page, /Issue statement/).click();
    expect(await again.page.getByTestId('issue-statement').inputValue()).toBe(ISSUE);
    await again.close();
  });
});

describe('actions', () => {
  it('actions: open items carry forward to the next meeting', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const dialogs = await exposeServices(app.context);
    const { page } = app;
    await page.reload();
    const firstUrl = await setUpTeamMeeting(page, server.url, { title: 'October UBT meeting', startsAt: '2026-10-20T09:00', agendaTitle: '' });
    await capture(page, 'capture-action', ['Post the new break schedule', 'Order a second label printer', 'Ask payroll about missed-break pay']);
    await page.getByTestId('action-row').nth(2).waitFor();
    await page.getByRole('textbox', { name: 'Due date of Post the new break schedule' }).fill('2026-10-27');
    await page.getByRole('textbox', { name: 'How we will know Post the new break schedule worked' }).fill('Every tech has a posted lunch slot for four weeks');
    await page.getByRole('combobox', { name: 'Owner of Ask payroll about missed-break pay' }).click();
    await page.getByRole('option', { name: /^Ana Torres/ }).click();
    await page.getByRole('combobox', { name: 'Status of Order a second label printer' }).click();
    await page.getByRole('option', { name: 'Done' }).click();
    await page.getByRole('textbox', { name: 'Park a topic' }).fill('Parking garage lighting');
    await page.getByRole('textbox', { name: 'Park a topic' }).press('Enter');
    await page.getByTestId('parking-row').waitFor();
    await waitSaved(page);

    await page.getByRole('link', { name: 'Pharmacy UBT' }).click();
    await planMeeting(page, { title: 'November UBT meeting', startsAt: '2026-11-24T09:00', agendaTitle: '' });
    const carried = page.getByTestId('carried-forward');
    await carried.waitFor();
    const actions = await texts(page, 'carried-action');
    expect(actions).toHaveLength(2);
    expect(actions[0]).toContain('Post the new break schedule');
    expect(actions[0]).toMatch(/overdue/i);
    expect(actions[1]).toContain('Ask payroll about missed-break pay');
    expect(actions.join('\n')).not.toContain('label printer');
    expect(await texts(page, 'carried-parking')).toEqual([expect.stringContaining('Parking garage lighting')]);
    await carried.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'actions-carried-forward');

    // Not carried backwards, and not to another body.
    await page.goto(firstUrl);
    await page.getByTestId('meeting-title').waitFor();
    expect(await page.getByTestId('carried-forward').count()).toBe(0);

    await goto(page, server.url, '/actions');
    await page.getByRole('radiogroup', { name: 'Filter action items' }).getByText('Overdue').click();
    await expect.poll(() => actionWhats(page)).toEqual(['Post the new break schedule']);
    await page.getByRole('radiogroup', { name: 'Filter action items' }).getByText('Open').click();
    await expect.poll(() => actionWhats(page)).toEqual(['Post the new break schedule', 'Ask payroll about missed-break pay']);
    await page.getByRole('radiogroup', { name: 'Filter action items' }).getByText('Done').click();
    await expect.poll(() => actionWhats(page)).toEqual(['Order a second label printer']);
    await page.getByRole('radiogroup', { name: 'Filter action items' }).getByText('All').click();
    await expect.poll(async () => (await actionWhats(page)).length).toBe(3);

    // Search (the measure counts), owner and team filters.
    const search = page.getByRole('textbox', { name: 'Search action items' });
    await search.fill('four weeks');
    await expect.poll(() => actionWhats(page)).toEqual(['Post the new break schedule']);
    await search.fill('');
    await page.getByRole('combobox', { name: 'Owner filter' }).click();
    await page.getByRole('option', { name: /^Ana Torres/ }).click();
    await expect.poll(() => actionWhats(page)).toEqual(['Ask payroll about missed-break pay']);
    await page.getByRole('combobox', { name: 'Owner filter' }).click();
    await page.getByRole('option', { name: 'Unassigned' }).click();
    await expect.poll(async () => (await actionWhats(page)).sort()).toEqual(['Order a second label printer', 'Post the new break schedule']);
    await page.getByRole('combobox', { name: 'Council or team filter' }).click();
    await page.getByRole('option', { name: 'Riverside Local Council' }).click();
    await page.getByText('No action item matches this search.').waitFor();
    await page.getByRole('combobox', { name: 'Council or team filter' }).click();
    await page.getByRole('option', { name: 'Pharmacy UBT' }).click();
    await expect.poll(async () => (await actionWhats(page)).length).toBe(2);
    // The full text of an item shows on hover, with how the team will know it worked.
    await page.getByRole('textbox', { name: 'What' }).first().hover();
    await expect
      .poll(() => page.getByRole('tooltip').innerText())
      .toMatch(/^(Post the new break schedule\nWe will know it worked: Every tech has a posted lunch slot for four weeks|Order a second label printer)$/);

    // Export what is on screen: the CSV carries the meeting date, the team and the owner's side.
    await page.getByRole('combobox', { name: 'Owner filter' }).click();
    await page.getByRole('option', { name: 'Unassigned' }).click(); // toggles the owner filter off
    await expect.poll(async () => (await actionWhats(page)).length).toBe(3);
    await page.getByTestId('export-actions').click();
    await expect.poll(() => dialogs.calls.filter((c) => c.service === 'saveFile' && c.response).length).toBe(1);
    const saved = dialogs.calls.find((c) => c.service === 'saveFile')!;
    expect(saved.response).toMatchObject({ status: 'saved' });
    const rows = Papa.parse<string[]>((await readFile(saved.path!, 'utf8')).replace(/^\ufeff/, '').trim()).data;
    expect(rows[0]).toEqual(['What', 'Owner', 'Owner side', 'Due', 'Status', 'How we will know it worked', 'Meeting date', 'Meeting', 'Council or team']);
    expect(rows.slice(1).sort((a, b) => a[0]!.localeCompare(b[0]!))).toEqual([
      ['Ask payroll about missed-break pay', 'Ana Torres', 'Union', '', 'Open', '', '2026-10-20', 'October UBT meeting', 'Pharmacy UBT'],
      ['Order a second label printer', 'Unassigned', '', '', 'Done', '', '2026-10-20', 'October UBT meeting', 'Pharmacy UBT'],
      [
        'Post the new break schedule',
        'Unassigned',
        '',
        '2026-10-27',
        'Open',
        'Every tech has a posted lunch slot for four weeks',
        '2026-10-20',
        'October UBT meeting',
        'Pharmacy UBT',
      ],
    ]);
    await saveScreenshot(page, 'actions-global-view');
    await app.close();
  });
});
