'use client';

import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

const read = (): 'light' | 'dark' => (document.documentElement.getAttribute('data-theme') === 'dark' ? 'dark' : 'light');

/** The theme on <html data-theme> (set by the theme script and toggle), for React Flow's colorMode. */
export function useColorMode(): 'light' | 'dark' {
  return useSyncExternalStore(subscribe, read, () => 'light');
}
