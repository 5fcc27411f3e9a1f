import { app } from 'electron';
// Replaced by the main-process wiring (security, app:// protocol, IPC).
app.whenReady().then(() => undefined);
