import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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

async function writeIssue(page: Page, text: string) {
  await page.getByRole('button', { name: 'Write the issue statement' }).click();
  await page.getByTestId('issue-statement').fill(text);
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
    expect(await page.getByTestId('agenda-item-timer').innerText()).toMatch(/item: \d+:\d\d left/i);

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
    await agreeCriteria(page, ['Within the current budget', 'Meets the contract on breaks']);
    await step(page, /Evaluate options/).click();
    await page.getByRole('combobox', { name: 'Stagger lunches in two waves against Within the current budget' }).click();
    await page.getByRole('option', { name: 'Meets', exact: true }).click();
    await page.getByRole('combobox', { name: 'Float tech covers 11 to 2 against Within the current budget' }).click();
    await page.getByRole('option', { name: 'Does not meet' }).click();
    await page.getByRole('textbox', { name: 'Note on Stagger lunches in two waves against Within the current budget' }).fill('No overtime needed');
    await page.getByRole('checkbox', { name: 'Stagger lunches in two waves meets Staff get an uninterrupted 30-minute lunch' }).click();
    await page.getByRole('button', { name: 'Shortlist Stagger lunches in two waves' }).click();
    await expect.poll(async () => (await page.getByTestId('coverage-matrix').innerText()).includes('1 / 3')).toBe(true);
    await saveScreenshot(page, 'ibps-5-evaluate');
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
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByTestId('decision').waitFor();
    const earlier = await texts(page, 'earlier-test');
    expect(earlier).toHaveLength(1);
    expect(earlier[0]).toContain('Test 1: Stagger lunches in two waves');
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
    const { page } = app;
    const firstUrl = await setUpTeamMeeting(page, server.url, { title: 'October UBT meeting', startsAt: '2026-10-20T09:00', agendaTitle: '' });
    await capture(page, 'capture-action', ['Post the new break schedule', 'Order a second label printer', 'Ask payroll about missed-break pay']);
    await page.getByTestId('action-row').nth(2).waitFor();
    await page.getByRole('textbox', { name: 'Due date of Post the new break schedule' }).fill('2026-10-27');
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
    await saveScreenshot(page, 'actions-global-view');
    await app.close();
  });
});
