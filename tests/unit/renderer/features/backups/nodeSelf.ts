/**
 * What dexie-export-import expects of a browser and Node 20 lacks, for unit tests only (Chromium,
 * where the app runs, has both): the global `self`, read when the library loads, and a FileReader
 * for reading Blobs (the library reads its own scratch Blob after every export). Import this before
 * anything that imports the backups feature.
 */
const g = globalThis as { self?: unknown; FileReader?: unknown };
g.self ??= globalThis;
g.FileReader ??= class FileReader {
  result: ArrayBuffer | null = null;
  error: unknown = null;
  onload: ((ev: { target: FileReader }) => void) | null = null;
  onerror: ((ev: { target: FileReader }) => void) | null = null;
  onabort: (() => void) | null = null;
  readAsArrayBuffer(blob: Blob): void {
    blob.arrayBuffer().then(
      (buffer) => {
        this.result = buffer;
        this.onload?.({ target: this });
      },
      (error: unknown) => {
        this.error = error;
        this.onerror?.({ target: this });
      },
    );
  }
};
export {};
