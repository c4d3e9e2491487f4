/** A key press as the keyboard helpers read it (tests only). */
export const keyPress = (k: string, mods: Partial<KeyboardEvent> = {}) => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});
