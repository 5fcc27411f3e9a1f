import { useState } from 'react';
import type { OpenTextFileRequest } from '@shared/ipc';
import { bridge } from '../bridge';
import { useT } from '../i18n';
import { errorTextLoaded } from './errorText';
import { useFileRefusalText } from './fileRefusal';

/** What an import came to: the importer's result, or why nothing was imported. */
export type ImportOutcome<R> = { ok: true; fileName: string; result: R } | { ok: false; message: string; fileName?: string };

/** An importer's answer: the result, or a reason the file is refused as a whole (nothing written). */
export type ImportAnswer<R> = { ok: true; result: R } | { ok: false; message: string };

/**
 * The file-import flow every "Import CSV" button shares: pick a text file through the bridge
 * (size and encoding checked there), hand its text to `importText`, and keep the outcome to show.
 * Cancel shows nothing; any failure is an outcome that says nothing was changed.
 */
export function useTextFileImport<R>(request: OpenTextFileRequest, importText: (text: string) => Promise<ImportAnswer<R>>) {
  const t = useT('common');
  const refusalText = useFileRefusalText();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome<R> | null>(null);
  const run = async () => {
    setBusy(true);
    try {
      const file = await bridge.openTextFile(request);
      if (file.status === 'canceled') return;
      if (file.status === 'error') return setOutcome({ ok: false, message: refusalText(file) });
      const answer = await importText(file.text);
      setOutcome(answer.ok ? { ok: true, fileName: file.name, result: answer.result } : { ok: false, message: answer.message, fileName: file.name });
    } catch (e) {
      setOutcome({ ok: false, message: t('importFailed', { message: await errorTextLoaded(e) }) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, run, clear: () => setOutcome(null) };
}
