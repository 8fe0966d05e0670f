import '@blueprintjs/core/lib/css/blueprint.css';
import '@blueprintjs/icons/lib/css/blueprint-icons.css';
import 'vis-timeline/styles/vis-timeline-graph2d.min.css';
import './styles/app.css';
// After app.css: its :lang() rules must win over .cf-arabic (Urdu in Nastaliq).
import './styles/fonts.css';
import { BlueprintProvider, FocusStyleManager } from '@blueprintjs/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

// Focus rings for keyboard users only; every control stays reachable with Tab.
FocusStyleManager.onlyShowFocusOnTabs();

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <BlueprintProvider hotkeysProviderDialogProps={{ title: 'Keyboard shortcuts', icon: 'key-command' }}>
      <App />
    </BlueprintProvider>
  </StrictMode>,
);
