import React, {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {useEditor, useScope} from '../commands.js';
import {truncate} from '../../format/cells.js';
import {sanitize} from '../../format/sanitize.js';
import {cycleChoice, firstInvalid, moveFocus, type FormSpec} from './form.js';

/** Props of a form view. Values are strings; a choice field holds one of its choices. */
export type FormViewProps<Values extends Record<string, string>> = {
  spec: FormSpec<Values>;
  initial: Values;
  width: number;
  height: number;
  /** Runs the form's call; a returned sentence is shown under the form (the engine's refusal). */
  onSubmit(values: Values): Promise<string | void>;
  onClose(): void;
};

/** Cuts text into rows of `width` cells, for the preview line. */
function rows(text: string, width: number, most: number): string[] {
  const out: string[] = [];
  for (let rest = text; rest && out.length < most; rest = rest.slice(width)) out.push(rest.slice(0, width));
  return out;
}

/**
 * Draws a form declared as data and edits it: ↑ ↓ (Tab) move between fields, typing edits the
 * focused one, ← → or Space change a choice, Enter submits, Esc cancels. Every field is checked
 * as you type; nothing is submitted while one is wrong, so no call reaches the engine.
 */
export function FormView<Values extends Record<string, string>>({spec, initial, width, height, onSubmit, onClose}: FormViewProps<Values>) {
  const [values, setValues] = useState<Values>(initial);
  const [focus, setFocus] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [tried, setTried] = useState(false);
  const errors = useMemo(() => spec.validate(values), [spec, values]);
  const field = spec.fields[focus];

  const set = (value: string) => {
    setFailure(undefined);
    setValues((all) => ({...all, [field.id]: value}));
  };
  const submit = () => {
    setTried(true);
    const invalid = firstInvalid(spec.fields, errors);
    if (invalid >= 0) return setFocus(invalid);
    setBusy(true);
    void onSubmit(values).then((message) => {
      setBusy(false);
      if (message) setFailure(message);
    });
  };
  const handle = (id: string) => {
    if (busy && id !== 'form.cancel') return;
    switch (id) {
      case 'form.next': return setFocus((f) => moveFocus(spec.fields.length, f, 1));
      case 'form.previous': return setFocus((f) => moveFocus(spec.fields.length, f, -1));
      case 'form.choiceNext':
      case 'form.choicePrevious':
        if (field.kind === 'choice') set(cycleChoice(field.choices, values[field.id], id === 'form.choiceNext' ? 1 : -1));
        return;
      case 'form.submit': return submit();
      case 'form.cancel': return onClose();
    }
    return false;
  };
  useScope('form', handle);
  const editor = useMemo(
    () => ({
      scope: 'form' as const,
      value: values[field.id],
      onChange: (next: string) => {
        if (busy) return;
        // A choice is not typed into: any printable key (Space above all) moves to the next one.
        if (field.kind === 'choice') set(cycleChoice(field.choices, values[field.id], next.length < values[field.id].length ? -1 : 1));
        else set(next);
      },
      onCommand: handle,
    }),
    [values, focus, busy, errors],
  );
  useEditor(editor);

  const labelWidth = Math.max(...spec.fields.map((f) => f.label.length)) + 1;
  const preview = spec.preview ? `$ ${spec.preview(values)}` : '';
  const previewRows = rows(sanitize(preview), width - 1, Math.max(1, height - spec.fields.length - 4));
  const count = Object.keys(errors).length;
  const status = busy
    ? 'working…'
    : failure
      ? `✗ ${failure}`
      : count > 0 && tried
        ? `✗ ${count} field${count > 1 ? 's' : ''} to fix`
        : `Enter ${spec.submitLabel} · Esc cancel · ↑↓ fields · ←→ choices`;
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Text bold wrap="truncate">{truncate(spec.title, width)}</Text>
      {spec.fields.map((f, index) => {
        const focused = index === focus;
        const value = values[f.id];
        const shown = f.kind === 'choice' ? `‹ ${value} ›` : `${sanitize(value)}${focused ? '█' : ''}`;
        const error = errors[f.id];
        const after = error ? `  ✗ ${error}` : !value && f.hint ? `  ${f.hint}` : '';
        const head = `${focused ? '›' : ' '} ${f.label.padEnd(labelWidth)} `;
        return (
          <Text key={f.id} wrap="truncate">
            <Text bold={focused}>{head}</Text>
            <Text inverse={focused && f.kind === 'choice'}>{truncate(shown, Math.max(1, width - head.length - 1))}</Text>
            <Text color={error ? 'red' : undefined} dimColor={!error}>{truncate(after, Math.max(0, width - head.length - shown.length))}</Text>
          </Text>
        );
      })}
      <Text> </Text>
      {previewRows.map((row, i) => (
        <Text key={i} color="cyan" wrap="truncate">{row}</Text>
      ))}
      <Box flexGrow={1} />
      <Text color={failure || (count > 0 && tried) ? 'red' : 'yellow'} wrap="truncate">{truncate(status, width)}</Text>
    </Box>
  );
}
