/*
 * Which conversation the playground showed last, so a reload opens it again. Best effort:
 * with storage full or disabled, the next visit shows the newest conversation instead.
 */
const CURRENT_KEY = 'chatroutes-playground:conversation';

export function recallConversation(): string | null {
  try {
    return localStorage.getItem(CURRENT_KEY);
  } catch {
    return null;
  }
}

export function rememberConversation(id: string): void {
  try {
    localStorage.setItem(CURRENT_KEY, id);
  } catch {
    // Not worth a notice: the conversations themselves say so when they cannot be saved.
  }
}
