import React, {useEffect, useMemo, useState} from 'react';
import type {Engine} from '../../docker/engine.js';
import {LogBuffer} from '../../store/log-buffer.js';
import {describeError} from '../../docker/errors.js';
import {useScope} from '../commands.js';
import {TextView, type ViewLine} from './TextView.js';

/** Lines asked for when the view opens. */
export const LOG_TAIL = 1000;

/** Props of the logs view. */
export type LogsViewProps = {
  engine: Engine;
  id: string;
  name: string;
  width: number;
  height: number;
  onClose(): void;
  /** Lines kept at most; older ones are dropped so memory stays flat. */
  capacity?: number;
};

/**
 * Follows a container's logs from the last 1,000 lines into a bounded buffer. New lines are drawn
 * at most ten times a second, however chatty the container is.
 */
export function LogsView({engine, id, name, width, height, onClose, capacity = 10_000}: LogsViewProps) {
  const buffer = useMemo(() => new LogBuffer(capacity), [id, capacity]);
  const [version, setVersion] = useState(0);
  const [following, setFollowing] = useState(true);
  const [showTime, setShowTime] = useState(false);
  const [wrap, setWrap] = useState(false);
  const [ended, setEnded] = useState<string | undefined>(undefined);

  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    const draw = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        setVersion((v) => v + 1);
      }, 100);
    };
    const subscription = engine.logs(
      id,
      {tail: LOG_TAIL, follow: true},
      (line, stream) => {
        buffer.append(line, stream);
        draw();
      },
      (error) => {
        setEnded(error ? describeError(error) : 'the container stopped');
        draw();
      },
    );
    return () => {
      clearTimeout(timer);
      subscription.close();
    };
  }, [engine, id, buffer]);

  useScope('logs', (command) => {
    if (command === 'logs.follow') setFollowing((f) => !f);
    else if (command === 'logs.timestamps') setShowTime((t) => !t);
    else if (command === 'logs.wrap') setWrap((w) => !w);
    else return false;
  });

  const lines: ViewLine[] = useMemo(() => buffer.slice(0, buffer.size), [buffer, version]);
  const status = [following ? 'following' : 'paused', ended, buffer.dropped ? `${buffer.dropped} older lines dropped` : '']
    .filter(Boolean)
    .join(' · ');
  return (
    <TextView
      title={`logs ${name}`}
      lines={lines}
      width={width}
      height={height}
      follow={following}
      wrap={wrap}
      showTime={showTime}
      status={status}
      onClose={onClose}
      onScrolled={(atEnd) => setFollowing(atEnd)}
    />
  );
}
