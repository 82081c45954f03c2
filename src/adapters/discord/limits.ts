/** Discord's documented limits for messages, embeds and components. */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  charsPerMessage: 6000,
  title: 256,
  description: 4096,
  fieldsPerEmbed: 25,
  fieldName: 256,
  fieldValue: 1024,
  buttonsPerRow: 5,
  rowsPerMessage: 5,
  label: 80,
  customId: 100,
  modalTitle: 45,
  modalLabel: 45,
  modalComponents: 5,
  placeholder: 100,
  textInput: 4000,
  selectOptions: 25,
  choiceName: 100,
  choices: 25,
  commandDescription: 100,
} as const;

/** Shortens visibly (with an ellipsis) for places that cannot hold more: labels, titles of modals. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * Splits text into pieces of at most `max` characters, preferring line breaks, then sentence
 * ends, then spaces; nothing is dropped (joining the pieces gives the text back, modulo the
 * white space at the cut).
 */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf("\n");
    if (cut < max / 2) cut = Math.max(...["。", "；", "！", "？", ". ", "; "].map((p) => window.lastIndexOf(p) + p.length - (p.endsWith(" ") ? 1 : 0)));
    if (cut < max / 2) cut = window.lastIndexOf(" ");
    if (cut < max / 2) cut = max;
    if (/[\uD800-\uDBFF]/.test(rest[cut - 1] ?? "")) cut -= 1;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest) out.push(rest);
  return out;
}
