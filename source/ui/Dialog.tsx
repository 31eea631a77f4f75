import React, {useMemo} from 'react';
import {Text} from 'ink';
import {useEditor, useScope} from './commands.js';
import {truncate} from '../format/cells.js';

/** A question before something destructive, or a line of text to type (rename). */
export type DialogState =
  | {kind: 'confirm'; question: string; /** Offers v: yes, with anonymous volumes. */ volumes: boolean; onYes(volumes: boolean): void}
  | {kind: 'prompt'; title: string; value: string; onAccept(value: string): void};

/** The dialog line above the footer; it holds the keyboard until answered. */
export function Dialog({dialog, width, onClose}: {dialog: DialogState; width: number; onClose(): void}) {
  useScope('confirm', (id) => {
    if (dialog.kind !== 'confirm') return false;
    onClose();
    if (id === 'confirm.yes') dialog.onYes(false);
    else if (id === 'confirm.volumes' && dialog.volumes) dialog.onYes(true);
  });
  const [value, setValue] = React.useState(dialog.kind === 'prompt' ? dialog.value : '');
  const editor = useMemo(
    () =>
      dialog.kind === 'prompt'
        ? {
            scope: 'prompt' as const,
            value,
            onChange: setValue,
            onCommand: (id: string) => {
              onClose();
              if (id === 'prompt.accept') dialog.onAccept(value.trim());
            },
          }
        : undefined,
    [dialog, value],
  );
  useEditor(editor);
  const text =
    dialog.kind === 'confirm'
      ? `${dialog.question}  y yes${dialog.volumes ? ' · v yes, and its anonymous volumes' : ''} · n no`
      : `${dialog.title}: ${value}█  (Enter renames · Esc cancels)`;
  return (
    <Text color="yellow" bold wrap="truncate">
      {truncate(text, width)}
    </Text>
  );
}
