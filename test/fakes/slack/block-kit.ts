/**
 * The Block Kit limits Slack enforces (it answers `invalid_blocks`), checked by the fake so that
 * a message the real Slack would refuse fails the tests too.
 */
type Json = Record<string, any>;

const textLen = (t: Json | undefined) => (typeof t?.text === "string" ? t.text.length : 0);

export function blockKitErrors(blocks: unknown, maxBlocks: number): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ["blocks is not an array"];
  const errors: string[] = [];
  if (blocks.length > maxBlocks) errors.push(`${blocks.length} blocks > ${maxBlocks}`);
  blocks.forEach((b: Json, i) => {
    const at = `block ${i} (${b.type})`;
    switch (b.type) {
      case "header":
        if (b.text?.type !== "plain_text") errors.push(`${at}: header text must be plain_text`);
        if (textLen(b.text) > 150) errors.push(`${at}: header > 150`);
        break;
      case "section":
        if (!b.text && !b.fields) errors.push(`${at}: section without text or fields`);
        if (textLen(b.text) > 3000) errors.push(`${at}: text > 3000`);
        if (b.fields && b.fields.length > 10) errors.push(`${at}: > 10 fields`);
        for (const f of b.fields ?? []) if (textLen(f) > 2000) errors.push(`${at}: field > 2000`);
        break;
      case "context":
        if (!b.elements?.length || b.elements.length > 10) errors.push(`${at}: 1-10 elements`);
        for (const e of b.elements ?? []) if (textLen(e) > 3000) errors.push(`${at}: element > 3000`);
        break;
      case "actions": {
        if (!b.elements?.length || b.elements.length > 25) errors.push(`${at}: 1-25 elements`);
        const ids = new Set<string>();
        for (const e of b.elements ?? []) {
          if (textLen(e.text) > 75) errors.push(`${at}: button text > 75`);
          if ((e.value ?? "").length > 2000) errors.push(`${at}: button value > 2000`);
          if ((e.action_id ?? "").length > 255) errors.push(`${at}: action_id > 255`);
          if (ids.has(e.action_id)) errors.push(`${at}: duplicate action_id ${e.action_id}`);
          ids.add(e.action_id);
        }
        break;
      }
      case "input":
        if (textLen(b.label) > 2000) errors.push(`${at}: label > 2000`);
        if (textLen(b.element?.placeholder) > 150) errors.push(`${at}: placeholder > 150`);
        if (b.element?.options && b.element.options.length > 100) errors.push(`${at}: > 100 options`);
        break;
      case "divider":
        break;
      default:
        errors.push(`${at}: unexpected block type`);
    }
  });
  return errors;
}

export function viewErrors(view: Json | undefined): string[] {
  if (!view) return ["no view"];
  const errors = blockKitErrors(view.blocks, 100);
  if (view.type === "modal") {
    for (const k of ["title", "submit", "close"]) if (textLen(view[k]) > 24) errors.push(`modal ${k} > 24`);
    if (!view.title) errors.push("modal without title");
  }
  if ((view.private_metadata ?? "").length > 3000) errors.push("private_metadata > 3000");
  return errors;
}
