// First: zod without eval, before any schema is built (see the module).
import '@skillcert/shared/zod-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from '@/lib/i18n';
import { App } from '@/app/app';
import '@/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
