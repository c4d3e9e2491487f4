/**
 * The `onsubmit` handler of a form that stays on the page: the browser's own submission is
 * prevented and `action` runs instead.
 */
export function submitWith(action: () => unknown): (e: SubmitEvent) => void {
  return (e) => {
    e.preventDefault();
    void action();
  };
}
