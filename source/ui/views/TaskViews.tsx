import React, {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import type {PullProgress} from '../../docker/types.js';
import {formatBytesSI} from '../../format/bytes.js';
import {progressBar, progressPercent} from '../../format/bar.js';
import {pad, truncate} from '../../format/cells.js';
import {sanitize} from '../../format/sanitize.js';
import {useScope} from '../commands.js';
import {useTask, type Task} from '../task.js';
import {TextView, type ViewLine} from './TextView.js';

/** What a build task shows: the output so far (bounded) and the step it is at. */
export type BuildProgress = {lines: readonly string[]; step?: {n: number; of: number}};

/** The word for a task's state, with its result or reason. */
function stateText(task: Task<unknown>): string {
  if (task.status === 'running') return 'running · c cancels · Esc hides (it goes on)';
  return `${task.status}${task.message ? `: ${task.message}` : ''}`;
}

/** Handles c (cancel) and Esc/q (close; a running task goes on and its end shows as a toast). */
function useTaskKeys(task: Task<unknown>, onClose: () => void) {
  useScope('task', (id) => (id === 'task.cancel' ? task.cancel() : false));
  useScope('text', (id) => (id === 'view.close' ? onClose() : false));
}

/** A pull: one bar per layer and one in total, live from the engine's progress stream. */
export function PullView({task, width, height, onClose}: {task: Task<PullProgress>; width: number; height: number; onClose(): void}) {
  useTask(task);
  useTaskKeys(task, onClose);
  const progress = task.progress;
  const barWidth = Math.max(10, Math.min(40, width - 60));
  const layerLine = (layer: PullProgress['layers'][number]) => {
    const bytes = layer.total > 0 ? `${formatBytesSI(layer.current)} / ${formatBytesSI(layer.total)}` : '';
    return `  ${pad(sanitize(layer.id).slice(0, 12), 12)}  ${pad(sanitize(layer.status), 18)} ${progressBar(layer.current, layer.total, barWidth)} ${bytes}`;
  };
  const room = Math.max(0, height - 5);
  // The newest layers matter most when there are more than fit: keep the last ones.
  const layers = progress.layers.slice(-room);
  const total = `  total ${progressBar(progress.current, progress.total, barWidth)} ${progressPercent(progress.current, progress.total)} ${progress.total ? `${formatBytesSI(progress.current)} / ${formatBytesSI(progress.total)}` : ''}`;
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Text bold wrap="truncate">{truncate(`pull ${sanitize(task.title)}`, width)}</Text>
      {layers.map((layer) => (
        <Text key={layer.id} wrap="truncate">{truncate(layerLine(layer), width)}</Text>
      ))}
      <Text bold wrap="truncate">{truncate(total, width)}</Text>
      <Text dimColor wrap="truncate">{truncate(`  ${sanitize(progress.status)}`, width)}</Text>
      <Box flexGrow={1} />
      <Text inverse color={task.status === 'failed' ? 'red' : undefined} wrap="truncate">{truncate(stateText(task), width)}</Text>
    </Box>
  );
}

/** A build: its output as it streams, searchable, and the step it is at. */
export function BuildView({task, width, height, onClose}: {task: Task<BuildProgress>; width: number; height: number; onClose(): void}) {
  useTask(task);
  useScope('task', (id) => (id === 'task.cancel' ? task.cancel() : false));
  const [following, setFollowing] = useState(true);
  const {lines, step} = task.progress;
  const viewLines = useMemo<ViewLine[]>(() => lines.map((text) => ({text: sanitize(text)})), [lines]);
  const stepText = step ? `step ${step.n}/${step.of} ${progressBar(step.n, step.of, 10)}` : '';
  return (
    <TextView
      title={`build ${sanitize(task.title)}`}
      lines={viewLines}
      width={width}
      height={height}
      follow={following}
      onScrolled={(atEnd) => setFollowing(atEnd)}
      status={[stepText, stateText(task)].filter(Boolean).join(' · ')}
      onClose={onClose}
    />
  );
}
