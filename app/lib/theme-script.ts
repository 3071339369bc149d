// Server-safe theme constants: the root layout inlines the script, client code shares the keys.

export const STORAGE_KEY = 'flowforge.theme';
export const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * Runs in <head> before first paint: applies the saved choice, or the OS preference,
 * so no page ever flashes the wrong theme. Keep in step with `applyTheme` in theme.ts.
 */
export const themeInitScript = `(function(){try{var p=localStorage.getItem('${STORAGE_KEY}');var d=p==='dark'||(p!=='light'&&window.matchMedia('${DARK_QUERY}').matches);var e=document.documentElement;e.setAttribute('data-theme',d?'dark':'light');e.style.colorScheme=d?'dark':'light';}catch(_){}})();`;

