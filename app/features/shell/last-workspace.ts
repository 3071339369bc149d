const KEY = 'flowforge.lastWorkspace';

/** The workspace the user last opened in this browser, so `/` can return there. */
export function rememberWorkspace(workspaceId: string) {
  try {
    localStorage.setItem(KEY, workspaceId);
  } catch {
    // storage unavailable: `/` falls back to the first workspace
  }
}

export function lastWorkspace(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
