/**
 * Ask the browser not to evict our IndexedDB under storage pressure. Chromium grants it to
 * installed apps and Electron's app:// origin; a 'false' is shown in Settings, never fatal.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  try {
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return false;
  }
}
