import crypto from "node:crypto";
import {
  ButtonStyle,
  ComponentType,
  TextInputStyle,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInModalActionRow,
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
} from "discord.js";
import { replacesItsMessage } from "../../core/paging.ts";
import type { Button, FormField, ReplyForm } from "../../core/reply.ts";
import { LIMITS, clip } from "./limits.ts";

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** What a clicked button or a submitted modal stands for. */
export type Decoded =
  /** `inPlace`: a paging button, whose answer replaces the message it was on. */
  | { kind: "command"; command: string; inPlace?: boolean }
  | { kind: "form"; form: ReplyForm }
  | { kind: "template"; command: string }
  | { kind: "expired" };

const PREFIX = { command: "dc:", page: "dp:", form: "df:", key: "dk:", modal: "dm:", modalKey: "dn:" } as const;
const CACHE_SIZE = 2000;

/**
 * Encodes buttons into custom ids and back. Short commands travel inside the custom id
 * (stateless, survives restarts); a form button carries its command template, and the form
 * itself is kept in a bounded memory cache (after a restart a plain form is rebuilt from the
 * template's placeholders). Anything longer than 100 characters goes through the cache only.
 */
export function createComponentCodec() {
  const buttons = new Map<string, Button>();
  const forms = new Map<string, ReplyForm>();
  const remember = <T>(map: Map<string, T>, key: string, value: T) => {
    map.delete(key);
    map.set(key, value);
    if (map.size > CACHE_SIZE) map.delete(map.keys().next().value!);
  };
  const fits = (id: string) => id.length <= LIMITS.customId;

  function customId(button: Button, taken: Set<string>): string {
    const direct = button.form ? PREFIX.form + button.form.command : (replacesItsMessage(button) ? PREFIX.page : PREFIX.command) + button.command;
    if (button.form) remember(forms, button.form.command, button.form);
    if (fits(direct) && !taken.has(direct)) return direct;
    const hash = crypto.createHash("sha256").update(`${button.actionId}\n${button.command}\n${taken.size}`).digest("base64url");
    const key = PREFIX.key + hash.slice(0, 20);
    remember(buttons, key, button);
    return key;
  }

  return {
    /** Buttons as action rows, grouped per message (5 per row, 5 rows per message). */
    rows(list: Button[]): ButtonRow[][] {
      const taken = new Set<string>();
      const components = list.map((b): APIButtonComponentWithCustomId => {
        const id = customId(b, taken);
        taken.add(id);
        const style = b.style === "primary" ? ButtonStyle.Primary : b.style === "danger" ? ButtonStyle.Danger : ButtonStyle.Secondary;
        return { type: ComponentType.Button, custom_id: id, label: clip(b.label, LIMITS.label), style };
      });
      const rows: ButtonRow[] = [];
      for (let i = 0; i < components.length; i += LIMITS.buttonsPerRow) {
        rows.push({ type: ComponentType.ActionRow, components: components.slice(i, i + LIMITS.buttonsPerRow) });
      }
      const groups: ButtonRow[][] = [];
      for (let i = 0; i < rows.length; i += LIMITS.rowsPerMessage) groups.push(rows.slice(i, i + LIMITS.rowsPerMessage));
      return groups;
    },

    /** A button's custom id → what to do; null when the id is not one of ours. */
    decodeButton(id: string): Decoded | null {
      if (id.startsWith(PREFIX.command)) return { kind: "command", command: id.slice(PREFIX.command.length) };
      if (id.startsWith(PREFIX.page)) return { kind: "command", command: id.slice(PREFIX.page.length), inPlace: true };
      if (id.startsWith(PREFIX.form)) {
        const template = id.slice(PREFIX.form.length);
        return { kind: "form", form: forms.get(template) ?? formFromTemplate(template) };
      }
      if (id.startsWith(PREFIX.key)) {
        const b = buttons.get(id);
        if (!b) return { kind: "expired" };
        if (b.form) return { kind: "form", form: b.form };
        return { kind: "command", command: b.command, ...(replacesItsMessage(b) ? { inPlace: true } : {}) };
      }
      return null;
    },

    /** The modal for a form; its custom id carries the command template. */
    modal(form: ReplyForm): APIModalInteractionResponseCallbackData {
      let id = PREFIX.modal + form.command;
      if (!fits(id)) {
        id = PREFIX.modalKey + crypto.createHash("sha256").update(form.command).digest("base64url").slice(0, 20);
        remember(forms, id, form);
      }
      return {
        custom_id: id,
        title: clip(form.title, LIMITS.modalTitle),
        components: form.fields.slice(0, LIMITS.modalComponents).map(labelled),
      };
    },

    /** A submitted modal's custom id → its command template. */
    decodeModal(id: string): Decoded | null {
      if (id.startsWith(PREFIX.modal)) return { kind: "template", command: id.slice(PREFIX.modal.length) };
      if (id.startsWith(PREFIX.modalKey)) {
        const form = forms.get(id);
        return form ? { kind: "template", command: form.command } : { kind: "expired" };
      }
      return null;
    },
  };
}

export type ComponentCodec = ReturnType<typeof createComponentCodec>;

/** A plain form from `{placeholder}`s, for a form button clicked after a restart. */
export function formFromTemplate(template: string): ReplyForm {
  const ids = [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))];
  return {
    title: clip(template, LIMITS.modalTitle),
    submitLabel: "OK",
    command: template,
    fields: ids.map((id) => ({ id, label: id, kind: "text" as const, required: false })),
  };
}

function labelled(field: FormField): APILabelComponent {
  const component: APIComponentInModalActionRow | APILabelComponent["component"] =
    field.kind === "select" && field.options?.length
      ? {
          type: ComponentType.StringSelect,
          custom_id: field.id,
          required: field.required,
          min_values: field.required ? 1 : 0,
          max_values: 1,
          options: field.options.slice(0, LIMITS.selectOptions).map((o) => ({ value: o.value, label: clip(o.label, 100) })),
          ...(field.placeholder ? { placeholder: clip(field.placeholder, 150) } : {}),
        }
      : {
          type: ComponentType.TextInput,
          custom_id: field.id,
          style: field.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: field.required,
          max_length: LIMITS.textInput,
          ...(field.placeholder ? { placeholder: clip(field.placeholder, LIMITS.placeholder) } : {}),
        };
  return { type: ComponentType.Label, label: clip(field.label, LIMITS.modalLabel), component } as APILabelComponent;
}
