import { Classes } from '@blueprintjs/core';
import { useEffect, useState } from 'react';

/** True while the dark theme is on (Blueprint's class on <body>), for drawings that cannot use CSS (canvases). */
export function useDarkBody(): boolean {
  const [dark, setDark] = useState(() => document.body.classList.contains(Classes.DARK));
  useEffect(() => {
    const observer = new MutationObserver(() => setDark(document.body.classList.contains(Classes.DARK)));
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);
  return dark;
}
