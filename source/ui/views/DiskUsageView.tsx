import React, {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import type {DiskUsage, DiskUsageRow, SystemPruneResult} from '../../docker/types.js';
import {describeError} from '../../docker/errors.js';
import {formatBytesSI} from '../../format/bytes.js';
import {pad, truncate} from '../../format/cells.js';
import {sanitize} from '../../format/sanitize.js';
import {useScope} from '../commands.js';
import {useServices, type ViewProps} from '../services.js';

/** What a system prune would take, plainly and with every unused image and volume. */
type Plan = {containers: string[]; images: string[]; networks: string[]; volumes: string[]};

/** One row of the table as `docker system df` prints it. */
export function diskUsageLine(type: string, row: DiskUsageRow): string {
  const percent = row.size > 0 ? ` (${Math.round((row.reclaimable / row.size) * 100)}%)` : '';
  return `${pad(type, 14)} ${pad(String(row.count), 6, 'right')} ${pad(String(row.active), 7, 'right')} ${pad(formatBytesSI(row.size), 10, 'right')}   ${formatBytesSI(row.reclaimable)}${percent}`;
}

/** Names of a plan's part as one line, cut to `most` names. */
function names(kind: string, list: readonly string[], most = 12): string {
  if (list.length === 0) return `  ${kind}: none`;
  const shown = list.slice(0, most).map((n) => sanitize(n)).join(', ');
  return `  ${kind} (${list.length}): ${shown}${list.length > most ? ', …' : ''}`;
}

/**
 * Disk usage as `docker system df` shows it, and a system prune whose question lists what goes:
 * the plain prune's victims, and what `a` (every unused image) and `v` (unused volumes) add.
 */
export function DiskUsageView({width, height, onClose}: ViewProps) {
  const services = useServices();
  const [usage, setUsage] = useState<DiskUsage | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [plan, setPlan] = useState<{plain: Plan; full: Plan} | undefined>(undefined);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const engine = services.store.engine;
    if (!engine) return setError('not connected to the engine');
    let live = true;
    setError(undefined);
    engine.diskUsage().then(
      (next) => live && setUsage(next),
      (failure: unknown) => live && setError(describeError(failure)),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const prune = async () => {
    const engine = services.store.engine;
    if (!engine) return;
    try {
      const [plain, full] = await Promise.all([engine.planSystemPrune({all: false, volumes: false}), engine.planSystemPrune({all: true, volumes: true})]);
      setPlan({plain, full});
      const count = plain.containers.length + plain.images.length + plain.networks.length;
      const extraImages = full.images.length - plain.images.length;
      services.confirm(
        `System prune: remove ${count} item${count === 1 ? '' : 's'} and the build cache?`,
        (answer) => {
          setPlan(undefined);
          const options = {all: answer === 'all', volumes: answer === 'volumes'};
          void services
            .act(
              {
                working: 'pruning the system…',
                done: (r: SystemPruneResult) => `system prune: ${r.containers} containers, ${r.images} images, ${r.networks} networks, ${r.volumes} volumes removed; ${formatBytesSI(r.reclaimed)} reclaimed`,
                failed: 'system prune',
              },
              (e) => e.systemPrune(options),
            )
            .then(() => setVersion((v) => v + 1));
        },
        {all: `also ${extraImages} unused image${extraImages === 1 ? '' : 's'}`, volumes: `also ${full.volumes.length} unused volume${full.volumes.length === 1 ? '' : 's'}`},
      );
    } catch (failure) {
      services.toast('error', `system prune: ${describeError(failure)}`);
    }
  };

  useScope('diskUsage', (id) => {
    if (id === 'diskUsage.refresh') return setVersion((v) => v + 1);
    if (id === 'diskUsage.prune') return void prune();
    return false;
  });
  useScope('text', (id) => (id === 'view.close' ? onClose() : false));

  const lines: string[] = [`${pad('TYPE', 14)} ${pad('TOTAL', 6, 'right')} ${pad('ACTIVE', 7, 'right')} ${pad('SIZE', 10, 'right')}   RECLAIMABLE`];
  if (usage) {
    lines.push(
      diskUsageLine('Images', usage.images),
      diskUsageLine('Containers', usage.containers),
      diskUsageLine('Local Volumes', usage.volumes),
      diskUsageLine('Build Cache', usage.buildCache),
    );
  } else if (!error) lines.push('reading disk usage…');
  if (plan) {
    lines.push('', 'A system prune removes:', names('stopped containers', plan.plain.containers), names('dangling images', plan.plain.images), names('unused networks', plan.plain.networks), '  and the build cache.');
    const extra = plan.full.images.filter((i) => !plan.plain.images.includes(i));
    lines.push('With a, also every unused image:', names('images', extra), 'With v, also the unused volumes:', names('volumes', plan.full.volumes));
  }
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Text bold wrap="truncate">{truncate('disk usage (docker system df)', width)}</Text>
      {lines.slice(0, height - 2).map((line, i) => (
        <Text key={i} bold={i === 0} wrap="truncate">{truncate(line, width)}</Text>
      ))}
      {error ? <Text color="red" wrap="truncate">{truncate(`✗ ${error}`, width)}</Text> : null}
      <Box flexGrow={1} />
    </Box>
  );
}
