import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@picocss/pico/css/pico.min.css';
import './styles.css';
import { App } from './App';
import { loadConfig } from './config';
import { completeSignIn } from './auth';

loadConfig()
  .then(async (config) => {
    await completeSignIn(config);
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    );
  })
  .catch((error: Error) => {
    document.getElementById('root')!.textContent = 'The dashboard could not start: ' + error.message;
  });
