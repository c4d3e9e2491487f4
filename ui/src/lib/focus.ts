/** Focus management shared by the screens. */

/** True when focus is not inside `root`'s content (nothing focused, the page, or elsewhere). */
function focusIsFree(root: HTMLElement): boolean {
  const active = document.activeElement;
  return !active || active === document.body || active === root || !root.contains(active);
}

/**
 * Moves focus to the first `h1` inside `root` as soon as it is rendered, so a screen reader
 * announces the new screen and Tab continues from its top. Focus the user has already put
 * into `root` (a field, a button) is never taken away. Returns a function that stops waiting.
 */
export function focusHeading(root: HTMLElement): () => void {
  const attempt = (): boolean => {
    const heading = root.querySelector<HTMLElement>("h1");
    if (!heading) return false;
    if (focusIsFree(root)) {
      if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
    return true;
  };
  if (attempt()) return () => {};
  const observer = new MutationObserver(() => {
    if (attempt()) observer.disconnect();
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
