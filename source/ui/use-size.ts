import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

/** Terminal size in cells. Ink re-lays out on resize but does not re-render us, so listen here. */
export function useSize(fixed?: {columns: number; rows: number}): {columns: number; rows: number} {
  const {stdout} = useStdout();
  const read = () => fixed ?? {columns: stdout.columns || 80, rows: stdout.rows || 24};
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout, fixed]);
  return fixed ?? size;
}
