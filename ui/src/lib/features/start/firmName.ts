/** Client-side twin of `validate_firm_name` in ready20k-domain: instant feedback while typing. */
export function validateFirmName(name: string): string | null {
  const t = name.trim();
  if (t.length === 0) return "Enter the firm's name.";
  if ([...t].length > 200) return "The firm's name is longer than 200 characters; shorten it.";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(t)) return "The firm's name contains control characters; remove them.";
  return null;
}
