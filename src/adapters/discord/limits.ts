import { splitText as splitCore } from "../../core/text/split.ts";

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
export { clip } from "../../core/text/split.ts";

/** Discord's split: the core splitter (never inside a mention, `<#channel>` or custom emoji). */
export const splitText = (text: string, max: number): string[] => splitCore(text, max);
