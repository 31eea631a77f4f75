/**
 * A form is declared as data, like a pane: its fields, how the values are checked, and the
 * command line it stands for. FormView (FormView.tsx) draws any form; the pure parts live here.
 */

/** One field of a form. Text fields are typed into; choice fields cycle with ← → or Space. */
export type FormField<Values> = {
  id: keyof Values & string;
  label: string;
  /** A short example or rule shown dimmed after an empty field. */
  hint?: string;
} & ({kind: 'text'} | {kind: 'choice'; choices: readonly string[]});

/** What a form needs: fields, a check per field, the equivalent command and the submit call. */
export type FormSpec<Values> = {
  title: string;
  fields: ReadonlyArray<FormField<Values>>;
  /** One short sentence per bad field; an empty object means the values can be submitted. */
  validate(values: Values): Partial<Record<keyof Values, string>>;
  /** The docker CLI line these values stand for, shown under the form as you type. */
  preview?(values: Values): string;
  /** Word on the submit line: "run", "create". */
  submitLabel: string;
};

/** The next (or previous) field index, wrapping around. */
export function moveFocus(count: number, focus: number, step: 1 | -1): number {
  return (focus + step + count) % count;
}

/** The choice after (or before) `value` among `choices`, wrapping around. */
export function cycleChoice(choices: readonly string[], value: string, step: 1 | -1): string {
  const at = choices.indexOf(value);
  return choices[(Math.max(0, at) + step + choices.length) % choices.length] ?? value;
}

/** The first field with an error, to move the focus there when submitting fails. */
export function firstInvalid<Values>(fields: ReadonlyArray<FormField<Values>>, errors: Partial<Record<keyof Values, string>>): number {
  return fields.findIndex((field) => errors[field.id] !== undefined);
}
