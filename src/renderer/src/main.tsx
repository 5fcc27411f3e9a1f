import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/spotlight/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { bridge } from './bridge';
import { requestPersistentStorage } from './db/persistence';
import { backUpBeforeUpgradeAtStart } from './features/backups/beforeUpgrade';

void requestPersistentStorage();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// A new version's schema upgrade runs the moment the store opens: back the store up first (desktop).
void backUpBeforeUpgradeAtStart(bridge, __APP_VERSION__).finally(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
