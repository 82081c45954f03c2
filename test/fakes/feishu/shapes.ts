/**
 * What the fake Feishu accepts, as the real one documents it: message `content` strings (text:
 * `{"text": …}`; interactive: a card of known elements within 30 KB), and in-place updates only
 * of the bot's own shared cards (`config.update_multi`).
 */

const ELEMENTS = new Set(["markdown", "div", "hr", "note", "action", "img", "column_set"]);
const BUTTON_TYPES = new Set(["default", "primary", "danger"]);
export const CARD_MAX_BYTES = 30 * 1024;
export const TEXT_MAX_BYTES = 150 * 1024;

export function cardErrors(card: any): string[] {
  const errors: string[] = [];
  if (!card || typeof card !== "object") return ["card is not an object"];
  if (Buffer.byteLength(JSON.stringify(card)) > CARD_MAX_BYTES) errors.push("card over 30 KB");
  if (card.header) {
    if (card.header.title?.tag !== "plain_text" || typeof card.header.title?.content !== "string" || !card.header.title.content) errors.push("header.title must be plain_text with content");
  }
  if (!Array.isArray(card.elements)) return [...errors, "elements must be an array"];
  if (!card.elements.length && !card.header) errors.push("an empty card");
  for (const [i, e] of card.elements.entries()) {
    if (!ELEMENTS.has(e?.tag)) errors.push(`elements[${i}]: unknown tag ${e?.tag}`);
    if (e.tag === "markdown" && (typeof e.content !== "string" || !e.content.trim())) errors.push(`elements[${i}]: markdown without content`);
    if (e.tag === "div" && (!Array.isArray(e.fields) || !e.fields.length || e.fields.some((f: any) => f?.text?.tag !== "lark_md" && f?.text?.tag !== "plain_text"))) errors.push(`elements[${i}]: div fields malformed`);
    if (e.tag === "note" && (!Array.isArray(e.elements) || !e.elements.length)) errors.push(`elements[${i}]: empty note`);
    if (e.tag === "action") {
      if (!Array.isArray(e.actions) || !e.actions.length) errors.push(`elements[${i}]: action without actions`);
      for (const a of e.actions ?? []) {
        if (a.tag !== "button") errors.push(`elements[${i}]: action ${a.tag} not a button`);
        if (a.text?.tag !== "plain_text" || !a.text?.content) errors.push(`elements[${i}]: button without a plain_text label`);
        if (a.type && !BUTTON_TYPES.has(a.type)) errors.push(`elements[${i}]: button type ${a.type}`);
        if (a.value !== undefined && (typeof a.value !== "object" || Array.isArray(a.value))) errors.push(`elements[${i}]: button value must be an object`);
      }
    }
  }
  return errors;
}

/** A send's `msg_type` + `content` (a JSON string); returns the parsed content. */
export function contentErrors(msgType: unknown, content: unknown): { errors: string[]; parsed?: any } {
  if (typeof content !== "string") return { errors: ["content must be a JSON string"] };
  let parsed: any;
  try {
    parsed = JSON.parse(content);
  } catch {
    return { errors: ["content is not JSON"] };
  }
  if (msgType === "text") {
    if (typeof parsed?.text !== "string" || !parsed.text.trim()) return { errors: ["text content without text"] };
    if (Buffer.byteLength(content) > TEXT_MAX_BYTES) return { errors: ["text over 150 KB"] };
    return { errors: [], parsed };
  }
  if (msgType === "interactive") return { errors: cardErrors(parsed), parsed };
  if (msgType === "file") return { errors: typeof parsed?.file_key === "string" && parsed.file_key ? [] : ["file content without file_key"], parsed };
  if (msgType === "image") return { errors: typeof parsed?.image_key === "string" && parsed.image_key ? [] : ["image content without image_key"], parsed };
  return { errors: [`msg_type ${String(msgType)} not supported by the fake`] };
}
