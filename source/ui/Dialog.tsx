import React, {useMemo} from 'react';
import {Text} from 'ink';
import {useEditor, useScope} from './commands.js';
import {truncate} from '../format/cells.js';

/** How a question was answered yes: plainly, or with one of the extras it offered. */
export type Answer = 'yes' | 'volumes' | 'all' | 'force';

/** The extra answers a question may offer, each with the words shown for it ("yes, and its anonymous volumes"). */
export type AnswerExtras = Partial<Record<Exclude<Answer, 'yes'>, string>>;

/** The keymap command of each answer. */
const ANSWER_COMMANDS: Record<string, Answer> = {'confirm.yes': 'yes', 'confirm.volumes': 'volumes', 'confirm.all': 'all', 'confirm.force': 'force'};
/** The key of each extra answer, as the keymap binds them. */
const EXTRA_KEYS: Record<Exclude<Answer, 'yes'>, string> = {volumes: 'v', all: 'a', force: 'f'};

/** A question before something destructive, or a line of text to type (rename, tag, pull). */
export type DialogState =
  | {kind: 'confirm'; question: string; extras: AnswerExtras; onAnswer(answer: Answer): void}
  | {kind: 'prompt'; title: string; value: string; /** Word for Enter ("renames"). */ accept?: string; onAccept(value: string): void};

/** The dialog line above the footer; it holds the keyboard until answered. */
export function Dialog({dialog, width, onClose}: {dialog: DialogState; width: number; onClose(): void}) {
  useScope('confirm', (id) => {
    if (dialog.kind !== 'confirm') return false;
    const answer = ANSWER_COMMANDS[id];
    // An extra the question did not offer is no answer: the question stays.
    if (answer && answer !== 'yes' && !dialog.extras[answer]) return;
    onClose();
    if (answer) dialog.onAnswer(answer);
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
  const extras = dialog.kind === 'confirm' ? Object.entries(dialog.extras).map(([answer, words]) => ` · ${EXTRA_KEYS[answer as Exclude<Answer, 'yes'>]} ${words}`).join('') : '';
  const text =
    dialog.kind === 'confirm'
      ? `${dialog.question}  y yes${extras} · n no`
      : `${dialog.title}: ${value}█  (Enter ${dialog.accept ?? 'accepts'} · Esc cancels)`;
  return (
    <Text color="yellow" bold wrap="truncate">
      {truncate(text, width)}
    </Text>
  );
}
